package dev.kindeprops.cli;

import dev.kindeprops.Version;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanResult;
import dev.kindeprops.plan.Planner;
import dev.kindeprops.render.DiagnosticRenderer;
import dev.kindeprops.target.LiveState;
import dev.kindeprops.target.Target;
import java.util.Set;
import java.util.TreeSet;

/** The step {@code plan} and {@code apply -f} share: read the live state and plan against it. */
final class Planning {
  private Planning() {}

  /**
   * Reads the live state for the manifests' applications from an open target and plans; prints the
   * planner's errors.
   *
   * @throws ReportedFailure when the plan cannot be made (the errors are printed)
   */
  static Plan plan(Console console, DesiredState desired, Target target) {
    LiveState state = target.read(applicationIds(desired));
    PlanResult result = Planner.plan(desired, state, Version.current(), target.name());
    if (!result.ok()) {
      console.err().print(DiagnosticRenderer.text(result.diagnostics()));
      console.err().flush();
      throw new ReportedFailure();
    }
    return result.plan();
  }

  static Set<String> applicationIds(DesiredState desired) {
    Set<String> ids = new TreeSet<>();
    desired.applications().values().stream().map(Application::id).forEach(ids::add);
    return ids;
  }
}
