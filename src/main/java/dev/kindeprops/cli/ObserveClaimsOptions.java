package dev.kindeprops.cli;

import dev.kindeprops.engine.Audiences;
import dev.kindeprops.manifest.DesiredState;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of commands that can observe Kinde's claim toggles through tokens. */
public final class ObserveClaimsOptions {
  @Option(
      names = "--observe-claims",
      description =
          "On Kinde, observe each application's M2M token toggles by minting a token as it (its"
              + " secret is read through the API and kept in memory; each token counts toward"
              + " Kinde's M2M token usage): differences become manual steps, and export writes"
              + " the toggles. With --state the toggles are known already and this does nothing"
              + " more.")
  boolean observeClaims;

  @Option(
      names = "--audience",
      paramLabel = "AUD",
      description =
          "The API audience of every token minted (--observe-claims, apply's closing check),"
              + " instead of each application's audience in the manifests (-f); on Kinde each"
              + " minted token needs one.")
  String audience;

  /** {@code --audience}, or null. */
  String audience() {
    return audience;
  }

  /**
   * The audience of each application's token by id, or null when not asked to observe.
   *
   * @param desired the manifests, or null where none were given (none is known then)
   */
  Map<String, String> audiences(DesiredState desired) {
    if (!observeClaims) {
      return null;
    }
    return desired == null ? Map.of() : Audiences.of(desired, audience);
  }
}
