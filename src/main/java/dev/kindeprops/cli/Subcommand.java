package dev.kindeprops.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A kinde-props command: it takes the options every command takes, and runs against the run's
 * {@link Console}, which {@link Cli} gives it.
 */
abstract class Subcommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  /** The run's streams and environment; set by {@link Cli} before the command runs. */
  Console console;

  /** Prints a report on standard output. */
  void print(String report) {
    console.out().print(report);
    console.out().flush();
  }
}
