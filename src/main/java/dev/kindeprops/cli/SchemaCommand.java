package dev.kindeprops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    console.out().print(manifestSchema());
    console.out().flush();
    return ExitCode.OK;
  }

  /** The manifest schema packaged in the jar. */
  static String manifestSchema() {
    try (InputStream in =
        SchemaCommand.class.getResourceAsStream("/schemas/kinde-props.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("the manifest schema is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
