package dev.kindeprops.engine;

import dev.kindeprops.diag.InvalidInputException;
import dev.kindeprops.diag.UserError;
import dev.kindeprops.io.AtomicFile;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Target;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import dev.kindeprops.plan.PlanResult;
import dev.kindeprops.plan.Planner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code plan}: reads the live state for the manifests' applications, observes their claim toggles
 * if asked, and plans; saves the plan when asked to.
 */
public final class PlanUseCase {
  private PlanUseCase() {}

  /**
   * @param observeWith where not null, each managed application's toggles are observed through a
   *     token minted with the audience given here for its id (absent: none); null not to observe
   * @param out where to save the plan, or null
   * @param force whether {@code out} may replace a file that is not a plan file
   * @param inputs the files the run read, which {@code out} may not be
   * @param environment the name of the environment planned, recorded in the plan, or null
   */
  public record Request(
      DesiredState desired,
      TargetSpec target,
      Map<String, String> observeWith,
      Path out,
      boolean force,
      Inputs inputs,
      String environment) {}

  /**
   * @throws InvalidInputException when the plan cannot be made (each reason at its manifest line)
   * @throws UserError when the target cannot be read or the plan cannot be saved
   */
  public static Plan run(Request request) {
    if (request.out() != null) {
      OutputFiles.check(
          request.out(),
          "--out",
          OutputFiles.Format.PLAN,
          request.inputs(),
          request.target().state(),
          request.force());
    }
    Plan plan;
    try (Target live = Targets.open(request.target())) {
      plan = plan(request.desired(), live, request.observeWith());
    }
    plan = plan.withEnvironment(request.environment());
    if (request.out() != null) {
      save(plan, request.out());
    }
    return plan;
  }

  /**
   * Plans against a target that is open already ({@code plan}, {@code drift}, {@code apply -f}).
   */
  static Plan plan(DesiredState desired, Target live, Map<String, String> observeWith) {
    boolean observe = observeWith != null && live.claimToggles() == ClaimToggles.OBSERVABLE;
    if (observe) {
      Audiences.require(desired.applications().values(), observeWith, "--observe-claims");
    }
    LiveState state = live.read(desired.applicationIds());
    if (observe) {
      state = Targets.observeClaims(live, state, observeWith);
    }
    PlanResult result = Planner.plan(desired, state, Version.current(), live.name());
    if (!result.ok()) {
      throw new InvalidInputException(result.diagnostics());
    }
    return result.plan();
  }

  private static void save(Plan plan, Path file) {
    try {
      AtomicFile.writeOwnerOnly(file, out -> PlanCodec.write(plan, out));
    } catch (IOException e) {
      throw new UserError("cannot save the plan to " + file + ": " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new UserError("cannot save the plan to " + file + ": " + e.getCause().getMessage());
    }
  }
}
