package dev.kindeprops.engine;

import dev.kindeprops.diag.InvalidInputException;
import dev.kindeprops.diag.UserError;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.ApplicationClaims;
import dev.kindeprops.plan.Drift;
import dev.kindeprops.plan.DriftReport;
import dev.kindeprops.plan.IgnoreFile;
import dev.kindeprops.plan.Plan;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code drift}: the plan {@code plan} would make, reported as drift, with known drift accepted by
 * an ignore file and each change attributed to the side that moved since a baseline.
 */
public final class DriftUseCase {
  private DriftUseCase() {}

  /**
   * @param observeWith as for {@link PlanUseCase.Request#observeWith()}
   * @param ignore an ignore file, or null
   * @param baseline a state-file snapshot taken after the last apply, or null
   * @param environment the name of the environment checked, or null
   */
  public record Request(
      DesiredState desired,
      TargetSpec target,
      Map<String, String> observeWith,
      Path ignore,
      Path baseline,
      String environment) {}

  /**
   * @throws InvalidInputException when the ignore file has bad lines, or no plan can be made
   * @throws UserError when a file or the target cannot be read
   */
  public static DriftReport run(Request request) {
    IgnoreFile rules =
        request.ignore() == null ? IgnoreFile.none() : readIgnoreFile(request.ignore());
    Plan plan;
    try (Target live = Targets.open(request.target())) {
      plan = PlanUseCase.plan(request.desired(), live, request.observeWith());
    }
    plan = plan.withEnvironment(request.environment());
    if (request.baseline() == null) {
      return Drift.report(plan, null, null, rules.rules());
    }
    Targets.Snapshot baseline = readBaseline(request.baseline(), plan);
    return Drift.report(plan, baseline.state(), baseline.name(), rules.rules());
  }

  private static IgnoreFile readIgnoreFile(Path file) {
    String name = file.normalize().toString().replace('\\', '/');
    String text = TextFiles.read(file, "ignore file", name);
    IgnoreFile parsed = IgnoreFile.parse(name, text);
    if (!parsed.ok()) {
      throw new InvalidInputException(parsed.errors());
    }
    return parsed;
  }

  /** The baseline snapshot, read for the plan's applications. */
  private static Targets.Snapshot readBaseline(Path file, Plan plan) {
    Set<String> ids = new TreeSet<>();
    plan.claims().values().stream().map(ApplicationClaims::applicationId).forEach(ids::add);
    try {
      return Targets.readSnapshot(file, ids);
    } catch (TargetException e) {
      throw new UserError("cannot use the baseline: " + e.getMessage());
    }
  }
}
