package dev.kindeprops.cli;

import dev.kindeprops.engine.TargetSpec;
import dev.kindeprops.engine.Targets;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads or writes the live state: a local state file, or the
 * Kinde Management API (DESIGN.md section 3), and opening the target they name.
 */
public final class TargetOptions {
  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "A local state file (schemas/kinde-state.schema.json) instead of Kinde: for"
              + " offline plans, demos and tests. apply updates it in place. Wins over"
              + " KINDE_DOMAIN in the environment.")
  Path state;

  @Option(
      names = "--domain",
      paramLabel = "URL",
      description = "The Kinde domain, such as https://acme.kinde.com (default: KINDE_DOMAIN).")
  String domain;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description =
          "The client id of the M2M application authorized for the Management API"
              + " (default: KINDE_MANAGEMENT_CLIENT_ID). The secret is read only from"
              + " KINDE_MANAGEMENT_CLIENT_SECRET.")
  String clientId;

  @Option(
      names = "--max-rps",
      paramLabel = "N",
      description =
          "At most N requests per second to Kinde, starting at N (default: no cap, starting"
              + " at "
              + (int) Targets.START_REQUESTS_PER_SECOND
              + "). Either way kinde-props slows down when Kinde answers 429 (too many"
              + " requests) and speeds up again, up to N, while it does not.")
  Double maxRps;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "At most N requests to Kinde, or writes of apply, in flight at once (default 4;"
              + " 1 for apply on a state file, whose changes are made in memory and written"
              + " once).")
  Integer parallelism;

  /**
   * The target these options and the run's environment name.
   *
   * @param verbose whether to print one line per HTTP request on standard error
   */
  public TargetSpec spec(Console console, boolean verbose) {
    return new TargetSpec(
        state, domain, clientId, maxRps, parallelism, console.env(), trace(console, verbose));
  }

  /** Whether a local state file was given. */
  public boolean hasState() {
    return state != null;
  }

  /** {@code --state}, or null when not given. */
  public Path state() {
    return state;
  }

  /** {@code --verbose}: each request on standard error (the client keeps secrets out of it). */
  private static Consumer<String> trace(Console console, boolean verbose) {
    if (!verbose) {
      return null;
    }
    return line -> {
      console.err().println(line);
      console.err().flush();
    };
  }

  /** {@code --domain}, or null when not given (the environment's {@code KINDE_DOMAIN} applies). */
  public String domain() {
    return domain;
  }

  /** {@code --client-id}, or null when not given. */
  public String clientId() {
    return clientId;
  }

  /** {@code --max-rps}, or null when not given. */
  public Double maxRps() {
    return maxRps;
  }

  /** {@code --parallelism}, or null when not given. */
  public Integer parallelism() {
    return parallelism;
  }
}
