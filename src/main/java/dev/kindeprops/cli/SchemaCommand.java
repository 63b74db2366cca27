package dev.kindeprops.cli;

import dev.kindeprops.manifest.ManifestSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kinde-props schema}: prints the manifest JSON Schema for editors and other tools. */
@Command(
    name = "schema",
    description = "Print the manifest JSON Schema (JSON Schema 2020-12).",
    mixinStandardHelpOptions = true)
final class SchemaCommand implements Callable<Integer> {
  private final Console console;

  @Mixin CommonOptions common;

  SchemaCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    console.out().print(ManifestSchema.text());
    console.out().flush();
    return ExitCode.OK;
  }
}
