package dev.kindeprops.cli;

import dev.kindeprops.target.Target;
import dev.kindeprops.target.file.StateFileTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads or writes the live state: a local state file, or the
 * Kinde Management API (DESIGN.md section 3), and opening the target they name.
 */
public final class TargetOptions {
  static final String DOMAIN_VARIABLE = "KINDE_DOMAIN";

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description =
          "A local state file (schemas/kinde-state.schema.json) instead of Kinde: for"
              + " offline plans, demos and tests. apply updates it in place.")
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
      description = "At most N requests per second to Kinde.")
  Double maxRps;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "At most N requests to Kinde, or writes of apply, in flight at once (default 4;"
              + " 64 for apply on a state file, whose writes in flight share one file write).")
  Integer parallelism;

  /**
   * Opens the target these options name: {@code --state FILE}, else Kinde.
   *
   * @throws UserException when they name none, or both
   */
  public Target open(Console console) {
    if (state != null && domain != null) {
      throw new UserException("give either --state or --domain, not both");
    }
    if (state != null) {
      return new StateFileTarget(state);
    }
    return kinde(console);
  }

  /** Whether a local state file was given. */
  public boolean hasState() {
    return state != null;
  }

  /** The Kinde Management API target ({@code target/kinde}), wired in here. */
  private Target kinde(Console console) {
    String kindeDomain = domain != null ? domain : console.env(DOMAIN_VARIABLE);
    if (kindeDomain == null) {
      throw new UserException(
          "no target: give --state FILE for a local state file, or set "
              + DOMAIN_VARIABLE
              + " (with KINDE_MANAGEMENT_CLIENT_ID and KINDE_MANAGEMENT_CLIENT_SECRET) for Kinde");
    }
    throw new UserException(
        "this build of kinde-props cannot reach Kinde yet; give --state FILE for a local state file");
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
