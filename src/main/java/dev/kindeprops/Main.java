package dev.kindeprops;

import dev.kindeprops.cli.Cli;
import dev.kindeprops.cli.Console;

/** The entry point: runs one command and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Console.system(), args));
  }

  /** Runs one command against these streams and environment and returns its exit code. */
  public static int run(Console console, String... args) {
    return Cli.run(console, args);
  }
}
