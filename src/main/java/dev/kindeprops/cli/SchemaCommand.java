package dev.kindeprops.cli;

import dev.kindeprops.manifest.ManifestSchema;
import picocli.CommandLine.Command;

/** {@code kinde-props schema}: prints the manifest JSON Schema for editors and other tools. */
@Command(
    name = "schema",
    description = "Print the manifest JSON Schema (JSON Schema 2020-12).",
    mixinStandardHelpOptions = true)
final class SchemaCommand extends Subcommand {
  @Override
  public Integer call() {
    print(ManifestSchema.text());
    return ExitCode.OK;
  }
}
