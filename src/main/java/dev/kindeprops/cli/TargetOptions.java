package dev.kindeprops.cli;

import dev.kindeprops.live.Target;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.live.kinde.KindeSettings;
import dev.kindeprops.live.kinde.KindeTarget;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads or writes the live state: a local state file, or the
 * Kinde Management API (DESIGN.md section 3), and opening the target they name.
 */
public final class TargetOptions {
  static final String DOMAIN_VARIABLE = KindeSettings.DOMAIN_VARIABLE;

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
          "At most N requests per second to Kinde (default: "
              + (int) KindeSettings.DEFAULT_MAX_REQUESTS_PER_SECOND
              + ").")
  Double maxRps;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description =
          "At most N requests to Kinde, or writes of apply, in flight at once (default 4;"
              + " 64 for apply on a state file, whose writes in flight share one file write).")
  Integer parallelism;

  /**
   * Opens the target these options name: {@code --state FILE} (which wins over {@code KINDE_DOMAIN}
   * in the environment), else Kinde from the environment and the flags.
   *
   * @param verbose whether to print one line per HTTP request on standard error
   * @throws UserException when they name none, or both
   * @throws dev.kindeprops.live.TargetException when the Kinde settings are missing or malformed
   */
  public Target open(Console console, boolean verbose) {
    if (state != null && domain != null) {
      throw new UserException("give either --state or --domain, not both");
    }
    if (state != null) {
      return new StateFileTarget(state);
    }
    if (!hasDomain(console)) {
      throw new UserException(
          "no target: give --state FILE for a local state file, or set "
              + DOMAIN_VARIABLE
              + " (with KINDE_MANAGEMENT_CLIENT_ID and KINDE_MANAGEMENT_CLIENT_SECRET) for Kinde");
    }
    return KindeTarget.open(
        KindeSettings.fromEnvironment(console.env(), overrides()), trace(console, verbose));
  }

  /**
   * Opens Kinde for checking tokens someone obtained: it needs the domain's public keys alone, so
   * neither management credentials nor a state file.
   *
   * @throws UserException when {@code --state} is given or no domain is
   */
  public KindeTarget openForTokens(Console console, boolean verbose) {
    if (state != null || !hasDomain(console)) {
      throw new UserException(
          "--token is checked against the Kinde domain's signing keys: set "
              + DOMAIN_VARIABLE
              + " or give --domain"
              + (state != null ? ", not --state" : ""));
    }
    return KindeTarget.open(
        KindeSettings.withoutCredentials(console.env(), overrides()), trace(console, verbose));
  }

  /** Whether a local state file was given. */
  public boolean hasState() {
    return state != null;
  }

  /** {@code --state}, or null when not given. */
  public Path state() {
    return state;
  }

  private boolean hasDomain(Console console) {
    return domain != null || console.env(DOMAIN_VARIABLE) != null;
  }

  private KindeSettings.Overrides overrides() {
    return new KindeSettings.Overrides(domain, clientId, null, maxRps, parallelism);
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
