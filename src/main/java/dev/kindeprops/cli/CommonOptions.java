package dev.kindeprops.cli;

import picocli.CommandLine.Option;

/** Options every command takes; listed last in each command's help. */
public final class CommonOptions {
  /** After every option of the command itself, whatever order picocli reads classes in. */
  private static final int LAST = 1000;

  @Option(
      names = "--verbose",
      order = LAST,
      description = "Show HTTP requests (without secrets) and stack traces of unexpected errors.")
  boolean verbose;

  @Option(
      names = "--no-color",
      order = LAST + 1,
      description = "Never colour the output (also: NO_COLOR=1).")
  boolean noColor;

  /** Colour only on a terminal, and never when asked not to. */
  public boolean color(Console console) {
    return console.interactive() && !noColor && console.env("NO_COLOR") == null;
  }

  public boolean verbose() {
    return verbose;
  }

  /** Takes on the options given before the command's name, on the top-level command. */
  void include(CommonOptions top) {
    verbose |= top.verbose;
    noColor |= top.noColor;
  }
}
