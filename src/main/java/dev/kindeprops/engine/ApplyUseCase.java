package dev.kindeprops.engine;

import dev.kindeprops.apply.Applier;
import dev.kindeprops.apply.ApplyListener;
import dev.kindeprops.apply.ApplyOptions;
import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.diag.UserError;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LockWait;
import dev.kindeprops.live.Target;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanDiff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * {@code apply}: carries out a saved plan exactly, or refuses it as stale; or, given manifests,
 * plans, has the plan shown and approved, and carries it out.
 */
public final class ApplyUseCase {
  /**
   * Writes in flight at once against a state file unless {@code --parallelism} says otherwise: one,
   * since its changes are made in memory and written once, at the end.
   */
  static final int STATE_FILE_PARALLELISM = 1;

  /** {@code --lock-timeout} unless given. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = LockWait.DEFAULT_TIMEOUT;

  /** The most writes in flight at once, as for the Kinde client. */
  static final int MAX_PARALLELISM = 64;

  private ApplyUseCase() {}

  /** What the caller does with a fresh plan before anything changes. */
  public interface Review {
    /** Shows the plan; called once, before anything else, with every fresh plan. */
    void show(Plan plan);

    /** Whether to carry out a plan with changes kinde-props makes; false changes nothing. */
    boolean approve(Plan plan);
  }

  /**
   * @param planFile a plan saved with {@code plan --out}, or null to plan from {@code desired}
   * @param desired the manifests: what to plan from, or with a saved plan what it must have been
   *     made from; null with a saved plan to carry it out as saved
   * @param observeWith as for {@link PlanUseCase.Request#observeWith()}; only without a saved plan
   * @param audience {@code --audience}: the audience of every token minted, or null for each
   *     application's own
   * @param checkTokens whether to end, on a target that shows toggles only in tokens, with the
   *     closing check of the tokens of the applications whose claims the plan changed
   * @param allowDelete whether deletes and replaces may run ({@code --allow-delete})
   * @param parallelism writes in flight at once, or null for the target's default
   * @param progress hears of each finished change
   * @param review shows and approves a fresh plan; unused with a saved plan
   * @param lockTimeout how long to wait for a state file another run holds ({@code --lock-timeout})
   * @param lockWaiting hears one line, once, when apply has waited for that lock for a moment
   */
  public record Request(
      Path planFile,
      DesiredState desired,
      TargetSpec target,
      Map<String, String> observeWith,
      String audience,
      boolean checkTokens,
      boolean allowDelete,
      Integer parallelism,
      ApplyListener progress,
      Review review,
      Duration lockTimeout,
      Consumer<String> lockWaiting) {

    /** The lock wait this request asks for. */
    LockWait lockWait() {
      return new LockWait(lockTimeout, lockWaiting);
    }
  }

  /**
   * What happened.
   *
   * @param report what became of each change, or null when nothing was carried out (the plan had no
   *     changes, or was not approved)
   * @param approved false when the plan was shown and not approved
   * @param tokenCheck the closing check, one per application checked; null where it did not run
   *     (the target stores toggles, it was skipped, or apply did not complete)
   */
  public record Result(
      Plan plan, ApplyReport report, boolean approved, List<ClaimCheck> tokenCheck) {

    /** Whether the closing check found a token not as the manifests declare, or could not look. */
    public boolean togglesLeft() {
      return tokenCheck != null
          && tokenCheck.stream().anyMatch(check -> check.status() != ClaimCheck.Status.OK);
    }
  }

  /**
   * @throws UserError when the plan is refused (stale, destructive without permission, unreadable)
   *     or the target cannot be used; nothing was changed
   */
  public static Result run(Request request) {
    if (request.planFile() == null && request.desired() == null) {
      throw new UserError(
          "give a saved plan (kinde-props apply PLAN) or manifests to plan and apply"
              + " (kinde-props apply -f PATH)");
    }
    int parallelism = parallelism(request);
    return request.planFile() != null
        ? applySaved(request, parallelism)
        : planAndApply(request, parallelism);
  }

  private static Result applySaved(Request request, int parallelism) {
    if (request.observeWith() != null && request.desired() == null) {
      throw new UserError(
          "--observe-claims goes with -f: without the manifests a saved plan is applied as it was"
              + " made (make it with kinde-props plan --observe-claims --out PLAN)");
    }
    // With the manifests and a state file, the saved plan is read and checked on another thread
    // while the state file is read and planned from (at 10,000 applications each takes about a
    // second). Otherwise it is read first: a bad plan file is refused before any request to Kinde,
    // and the fresh plan observes the toggles as the saved plan did.
    boolean beside = request.desired() != null && request.target().isStateFile();
    SavedPlan saved = SavedPlan.read(request.planFile(), beside);
    try (Target live = Targets.open(request.target())) {
      if (!beside) {
        Applier.refuseIfForAnotherTarget(saved.get(), live.name());
      }
      // The staleness check and the changes under one lock: a second apply waits, then sees ours.
      live.lock(request.lockWait());
      if (request.desired() == null) {
        Applier.refuseIfStale(saved.get(), live, Version.current(), null);
        Applier.refuseIfItBreaksRules(saved.get());
        return carryOut(saved.get(), live, request, parallelism);
      }
      // A state file holds the toggles: nothing to observe.
      Plan fresh =
          PlanUseCase.plan(
              request.desired(), live, beside ? null : observation(saved.get(), request));
      Applier.refuseIfStale(
          saved.get(),
          live.name(),
          Version.current(),
          fresh.manifestDigest(),
          fresh::stateFingerprint);
      PlanDiff diff = PlanDiff.between(saved.get(), fresh);
      if (!diff.isEmpty()) {
        throw new PlanMismatchException(fresh, diff);
      }
      // The same changes, with the sensitive values the saved plan holds only as seals.
      return carryOut(fresh, live, request, parallelism);
    } catch (RuntimeException e) {
      throw saved.problemOr(e);
    }
  }

  /**
   * How to observe toggles for the fresh plan: as asked, else as the saved plan was made (it shows
   * what the tokens carried then only where it observed them).
   */
  private static Map<String, String> observation(Plan saved, Request request) {
    if (request.observeWith() != null) {
      return request.observeWith();
    }
    boolean observed = saved.claims().values().stream().anyMatch(c -> c.before() != null);
    return observed ? Audiences.of(request.desired(), request.audience()) : null;
  }

  private static Result planAndApply(Request request, int parallelism) {
    try (Target live = Targets.open(request.target())) {
      // Held from the plan to the last change, as Terraform holds its state lock.
      live.lock(request.lockWait());
      Plan plan = PlanUseCase.plan(request.desired(), live, request.observeWith());
      request.review().show(plan);
      if (!plan.hasChanges()) {
        return new Result(plan, null, true, null);
      }
      if (plan.changes().stream().allMatch(Change::manual)) {
        // Nothing to carry out, so nothing to approve; the manual steps are listed again.
        return carryOut(plan, live, request, parallelism);
      }
      Applier.check(plan, live, options(request, parallelism));
      audiencesToCheck(plan, live, request);
      if (!request.review().approve(plan)) {
        return new Result(plan, null, false, null);
      }
      return carryOut(plan, live, request, parallelism);
    }
  }

  /**
   * Carries the plan out, and on a target that shows toggles only in tokens ends with the closing
   * check. An application to check without an audience is refused before anything changes.
   */
  private static Result carryOut(Plan plan, Target live, Request request, int parallelism) {
    Map<String, String> audiences = audiencesToCheck(plan, live, request);
    ApplyReport report = Applier.apply(plan, live, options(request, parallelism));
    List<ClaimCheck> tokenCheck = null;
    if (audiences != null && report.complete()) {
      tokenCheck =
          ClosingCheck.run(
              live, plan, ClosingCheck.applications(plan), request.desired(), audiences);
    }
    return new Result(plan, report, true, tokenCheck);
  }

  /**
   * The audience of each token the closing check mints, by application id; null where no check
   * runs.
   */
  private static Map<String, String> audiencesToCheck(Plan plan, Target live, Request request) {
    if (!request.checkTokens() || live.claimToggles() != ClaimToggles.OBSERVABLE) {
      return null;
    }
    List<String> names = ClosingCheck.applications(plan);
    return names.isEmpty()
        ? null
        : ClosingCheck.audiences(plan, names, request.desired(), request.audience());
  }

  private static ApplyOptions options(Request request, int parallelism) {
    return new ApplyOptions(request.allowDelete(), parallelism, request.progress());
  }

  /**
   * {@code --parallelism}, or its default: as many writes in flight as the Kinde client allows at
   * once, and one for a state file, whose changes are made in memory.
   */
  private static int parallelism(Request request) {
    Integer given = request.parallelism();
    if (given == null) {
      return request.target().isStateFile()
          ? STATE_FILE_PARALLELISM
          : ApplyOptions.DEFAULT_PARALLELISM;
    }
    if (given < 1 || given > MAX_PARALLELISM) {
      throw new UserError(
          "--parallelism must be between 1 and " + MAX_PARALLELISM + ", not " + given);
    }
    return given;
  }

  /** A saved plan read on this thread, or being read on another. */
  private static final class SavedPlan {
    private final FutureTask<Plan> reading;

    private SavedPlan(FutureTask<Plan> reading) {
      this.reading = reading;
    }

    /**
     * Starts reading {@code file} on another thread, or reads it on this one.
     *
     * @throws UserError reading it on this thread, when it is missing or not a plan this version
     *     carries out
     */
    static SavedPlan read(Path file, boolean onAnotherThread) {
      FutureTask<Plan> reading = new FutureTask<>(() -> ShowUseCase.read(file));
      if (onAnotherThread) {
        Thread thread = new Thread(reading, "kinde-props plan file");
        thread.setDaemon(true);
        thread.start();
        return new SavedPlan(reading);
      }
      reading.run();
      SavedPlan saved = new SavedPlan(reading);
      saved.get(); // its problem, if any, thrown now
      return saved;
    }

    /**
     * The plan, once read.
     *
     * @throws UserError when the plan file is missing or not a plan this version carries out
     */
    Plan get() {
      try {
        return reading.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException problem) {
          throw problem;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while reading the plan file");
      }
    }

    /**
     * What to report for {@code failure}: the plan file's own problem if it has one, as though it
     * had been read first, else {@code failure}.
     */
    RuntimeException problemOr(RuntimeException failure) {
      try {
        get();
        return failure;
      } catch (RuntimeException problem) {
        return problem;
      }
    }
  }
}
