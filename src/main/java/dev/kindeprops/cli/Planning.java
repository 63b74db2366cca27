package dev.kindeprops.cli;

import dev.kindeprops.Version;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.kinde.KindeTarget;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanResult;
import dev.kindeprops.plan.Planner;
import dev.kindeprops.render.DiagnosticRenderer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The step {@code plan}, {@code claims} and {@code apply -f} share: read the live state and plan
 * against it.
 */
final class Planning {
  private Planning() {}

  /**
   * Reads the live state for the manifests' applications from an open target and plans; prints the
   * planner's errors.
   *
   * @throws ReportedFailure when the plan cannot be made (the errors are printed)
   */
  static Plan plan(Console console, DesiredState desired, Target target) {
    return plan(console, desired, target, null);
  }

  /**
   * Reads the live state for the manifests' applications from an open target, on Kinde observes the
   * toggles if asked, and plans; prints the planner's errors.
   *
   * @param observeWith where not null and the target is Kinde ({@code plan --observe-claims}), each
   *     managed application's toggles are observed by minting a token with the audience given here
   *     for its id (absent: none); the state file's toggles are known anyway
   * @throws ReportedFailure when the plan cannot be made (the errors are printed)
   */
  static Plan plan(
      Console console, DesiredState desired, Target target, Map<String, String> observeWith) {
    LiveState state = target.read(applicationIds(desired));
    if (observeWith != null && target instanceof KindeTarget kinde) {
      state = kinde.withObservedClaims(state, observeWith);
    }
    PlanResult result = Planner.plan(desired, state, Version.current(), target.name());
    if (!result.ok()) {
      console.err().print(DiagnosticRenderer.text(result.diagnostics()));
      console.err().flush();
      throw new ReportedFailure();
    }
    return result.plan();
  }

  /**
   * The audience to mint each application's token with, by id: {@code override} ({@code
   * --audience}), else the application's own; applications with neither are absent.
   */
  static Map<String, String> audiences(DesiredState desired, String override) {
    Map<String, String> audiences = new HashMap<>();
    for (Application app : desired.applications().values()) {
      String audience = override != null ? override : app.audience();
      if (audience != null) {
        audiences.put(app.id(), audience);
      }
    }
    return audiences;
  }

  static Set<String> applicationIds(DesiredState desired) {
    Set<String> ids = new TreeSet<>();
    desired.applications().values().stream().map(Application::id).forEach(ids::add);
    return ids;
  }
}
