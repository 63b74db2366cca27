package dev.kindeprops.engine;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.live.Target;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.ApplicationClaims;
import dev.kindeprops.plan.ExpectedClaims;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code claims}: the {@code application_properties} claim each managed application's M2M token
 * will carry. From the manifests alone; with a state file, the live toggles of properties the
 * manifests do not manage are included too, as they stay in the token.
 */
public final class ClaimsUseCase {
  /** Application names listed in an error before the rest are only counted. */
  private static final int MAX_NAMES = 20;

  private ClaimsUseCase() {}

  /**
   * @param state a state file whose toggles of unmanaged properties are included, or null
   * @param application the local name of the only application, or null for all
   */
  public record Request(DesiredState desired, Path state, String application) {}

  /** The expected claims by application name. */
  public static SortedMap<String, ApplicationClaims> run(Request request) {
    DesiredState desired = request.desired();
    String app = request.application();
    if (app != null && !desired.applications().containsKey(app)) {
      throw new UserError(unknownApplication(desired, app));
    }
    SortedMap<String, ApplicationClaims> claims;
    if (request.state() == null) {
      claims = ExpectedClaims.of(desired);
    } else {
      try (Target live = Targets.open(TargetSpec.stateFile(request.state()))) {
        claims = PlanUseCase.plan(desired, live, null).claims();
      }
    }
    return app == null ? claims : new TreeMap<>(claims.subMap(app, app + "\0"));
  }

  /** Names the applications there are, when {@code app} is not one of them. */
  static String unknownApplication(DesiredState desired, String app) {
    List<String> names = new ArrayList<>(desired.applications().keySet());
    String listed =
        names.isEmpty()
            ? "the manifests list no applications"
            : "the manifests list "
                + String.join(", ", names.subList(0, Math.min(MAX_NAMES, names.size())))
                + (names.size() > MAX_NAMES ? " and " + (names.size() - MAX_NAMES) + " more" : "");
    return "no application named \"" + app + "\": " + listed;
  }
}
