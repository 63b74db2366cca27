package dev.kindeprops.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
  @Option(
      names = "--verbose",
      description = "Show HTTP requests (without secrets) and stack traces of unexpected errors.")
  boolean verbose;

  @Option(names = "--no-color", description = "Never colour the output (also: NO_COLOR=1).")
  boolean noColor;

  /** Colour only on a terminal, and never when asked not to. */
  public boolean color(Console console) {
    return console.interactive() && !noColor && console.env("NO_COLOR") == null;
  }

  public boolean verbose() {
    return verbose;
  }
}
