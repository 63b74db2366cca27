package dev.kindeprops.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a run talks to: its streams, its environment, and whether a person sits at a terminal.
 * Commands take it instead of reaching for {@code System}, so tests can run them in-process.
 *
 * @param interactive whether standard input and output are a terminal (prompts, colour, progress)
 */
public record Console(
    InputStream in,
    PrintStream out,
    PrintStream err,
    Map<String, String> env,
    boolean interactive) {

  public Console {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
  }

  /** The process's own streams and environment. */
  public static Console system() {
    return new Console(
        System.in, System.out, System.err, System.getenv(), System.console() != null);
  }

  /** An environment variable, or null when unset or empty. */
  public String env(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? null : value;
  }
}
