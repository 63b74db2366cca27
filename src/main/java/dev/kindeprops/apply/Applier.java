package dev.kindeprops.apply;

import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.StateFingerprint;
import dev.kindeprops.live.Target;
import dev.kindeprops.plan.ApplicationChange;
import dev.kindeprops.plan.ApplicationClaims;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.Kind;
import dev.kindeprops.plan.Phase;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.ValueChange;
import dev.kindeprops.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Carries out a plan through a target: the only code that changes anything.
 *
 * <p>Changes run phase by phase in plan order ({@link Phase}); value and claim writes of one phase
 * run in parallel, at most {@link ApplyOptions#parallelism()} at once, started in plan order. On
 * the first failure nothing new starts, the writes in flight finish, and the report says of every
 * change whether it was done, failed (and why), not started, or is a manual step. Everything that
 * makes a plan unfit to run (stale, destructive without permission, malformed) is refused before
 * the first change.
 */
public final class Applier {
  /** Addresses listed in a refusal before the rest are only counted. */
  private static final int MAX_LISTED = 20;

  private final Target target;
  private final ApplyOptions options;
  private final List<Step> steps;
  private final ChangeResult[] results;
  private final AtomicBoolean failed = new AtomicBoolean();
  private final AtomicInteger finished = new AtomicInteger();
  private final int total;

  private Applier(Plan plan, Target target, ApplyOptions options, List<Step> steps) {
    this.target = target;
    this.options = options;
    this.steps = steps;
    this.results = new ChangeResult[plan.changes().size()];
    this.total = (int) steps.stream().filter(step -> !step.change.manual()).count();
  }

  /**
   * Refuses a saved plan that no longer fits: made for another target or by another version of
   * kinde-props, from other manifests, or against a live state that has moved on since. Reads the
   * target (the plan's applications only) and changes nothing.
   *
   * @param toolVersion the running kinde-props version
   * @param manifestDigest the digest of the manifests given now, or null when none were given
   * @throws ApplyRefusedException saying what changed, when the plan is stale
   */
  public static void refuseIfStale(
      Plan plan, Target target, String toolVersion, String manifestDigest) {
    refuseIfStale(
        plan,
        target.name(),
        toolVersion,
        manifestDigest,
        () -> StateFingerprint.of(target.read(applicationIds(plan))));
  }

  /**
   * Refuses a saved plan that no longer fits, given the live state's fingerprint now (asked for
   * only where the version is the same: another version may fingerprint differently).
   *
   * @throws ApplyRefusedException saying what changed, when the plan is stale
   */
  public static void refuseIfStale(
      Plan plan,
      String targetName,
      String toolVersion,
      String manifestDigest,
      Supplier<String> fingerprintNow) {
    refuseIfForAnotherTarget(plan, targetName);
    List<String> changed = new ArrayList<>();
    boolean sameVersion = plan.toolVersion().equals(toolVersion);
    if (!sameVersion) {
      changed.add(
          "it was made by kinde-props "
              + plan.toolVersion()
              + ", and this is kinde-props "
              + toolVersion);
    }
    if (manifestDigest != null && !plan.manifestDigest().equals(manifestDigest)) {
      changed.add(
          "the manifests changed since the plan was made (digest "
              + shorten(plan.manifestDigest())
              + " -> "
              + shorten(manifestDigest)
              + ")");
    }
    // Another version may fingerprint differently, so only the same version's fingerprint counts.
    if (sameVersion) {
      String fingerprint = fingerprintNow.get();
      if (!fingerprint.equals(plan.stateFingerprint())) {
        changed.add(
            "the live state changed since the plan was made (fingerprint "
                + shorten(plan.stateFingerprint())
                + " -> "
                + shorten(fingerprint)
                + ")");
      }
    }
    if (!changed.isEmpty()) {
      throw new ApplyRefusedException(
          "the saved plan is stale: "
              + String.join("; ", changed)
              + ". Nothing was changed; run kinde-props plan again.");
    }
  }

  /**
   * Refuses a saved plan made for another target, without reading either.
   *
   * @throws ApplyRefusedException naming both targets
   */
  public static void refuseIfForAnotherTarget(Plan plan, String targetName) {
    if (!plan.target().equals(targetName)) {
      throw new ApplyRefusedException(
          "the plan was made for "
              + plan.target()
              + ", not for "
              + targetName
              + ": apply it to the target it was made for, or run kinde-props plan against this"
              + " one. Nothing was changed.");
    }
  }

  /**
   * Refuses a saved plan, carried out without its manifests, that breaks a rule the manifests obey
   * (see {@link PlanRules}). Changes nothing.
   *
   * @throws ApplyRefusedException naming what breaks a rule
   */
  public static void refuseIfItBreaksRules(Plan plan) {
    PlanRules.check(plan);
  }

  /**
   * Checks, without changing anything, that {@link #apply} would start: every change can be carried
   * out by this target, the changes come in phase order, and deletes and replaces are allowed.
   *
   * @throws ApplyRefusedException saying why not
   */
  public static void check(Plan plan, Target target, ApplyOptions options) {
    steps(plan, target, options);
  }

  /**
   * Carries out the plan's changes, except the manual ones, and reports on each; then commits what
   * was done (all of it, or up to the first failure) to the target at once. Does not check
   * staleness: a saved plan goes through {@link #refuseIfStale} first.
   *
   * @throws ApplyRefusedException before the first change, when the plan cannot be carried out as
   *     asked (see {@link #check})
   * @throws dev.kindeprops.live.TargetException when what was done cannot be committed; then none
   *     of it is
   */
  public static ApplyReport apply(Plan plan, Target target, ApplyOptions options) {
    Applier applier = new Applier(plan, target, options, steps(plan, target, options));
    options.listener().starting(plan);
    applier.run();
    target.commit();
    return applier.report();
  }

  /** The ids of the applications the plan was made for, to read the same part of the target. */
  static Set<String> applicationIds(Plan plan) {
    Set<String> ids = new TreeSet<>();
    plan.claims().values().stream().map(ApplicationClaims::applicationId).forEach(ids::add);
    for (Change change : plan.changes()) {
      if (change instanceof ApplicationChange toApplication) {
        ids.add(toApplication.applicationId());
      }
    }
    return ids;
  }

  private static List<Step> steps(Plan plan, Target target, ApplyOptions options) {
    refuseSealedWrites(plan);
    List<Step> steps = new ArrayList<>();
    List<Change> destructive = new ArrayList<>();
    Phase previous = Phase.CATEGORIES;
    for (int i = 0; i < plan.changes().size(); i++) {
      Change change = plan.changes().get(i);
      Phase phase = Phase.of(change);
      if (phase.compareTo(previous) < 0) {
        throw new ApplyRefusedException(
            "the plan cannot be carried out: "
                + change.address()
                + " comes after changes of a later phase (was the plan file edited?)."
                + " Nothing was changed; run kinde-props plan again.");
      }
      previous = phase;
      if (change.manual()) {
        steps.add(new Step(i, change, phase, List.of()));
        continue;
      }
      if (change.kind() == Kind.CLAIM && target.claimToggles() != ClaimToggles.STORED) {
        throw new ApplyRefusedException(
            "the plan cannot be carried out: "
                + change.address()
                + " toggles a token claim, which "
                + target.name()
                + " cannot do. Nothing was changed; run kinde-props plan again.");
      }
      if (change.action().isDestructive()) {
        destructive.add(change);
      }
      steps.add(new Step(i, change, phase, Operations.of(change, plan.sensitiveProperties())));
    }
    if (!destructive.isEmpty() && !options.allowDelete()) {
      throw new ApplyRefusedException(destructiveRefusal(destructive));
    }
    return steps;
  }

  /** A plan read from a file holds sensitive values only as seals: it cannot write one. */
  private static void refuseSealedWrites(Plan plan) {
    List<ValueChange> writes = plan.sealed() ? plan.sensitiveWrites() : List.of();
    if (writes.isEmpty()) {
      return;
    }
    throw new ApplyRefusedException(
        "the plan writes "
            + Words.count(writes.size(), "sensitive value", "sensitive values")
            + " ("
            + Words.names(writes.stream().map(w -> w.address().toString()).toList(), 5)
            + "), which a saved plan holds only as salted digests: give the manifests with -f"
            + " (and the same --var, --var-file and environment) so that apply can derive them"
            + " again and check them against the plan. Nothing was changed.");
  }

  private static String destructiveRefusal(List<Change> destructive) {
    StringBuilder message =
        new StringBuilder("the plan deletes or replaces ")
            .append(destructive.size())
            .append(destructive.size() == 1 ? " thing" : " things")
            .append(", and --allow-delete was not given:");
    destructive.stream()
        .limit(MAX_LISTED)
        .forEach(
            change ->
                message
                    .append("\n  ")
                    .append(change.action().symbol())
                    .append(" ")
                    .append(change.address())
                    .append(" (")
                    .append(change.action().wireName())
                    .append(")"));
    if (destructive.size() > MAX_LISTED) {
      message.append("\n  and ").append(destructive.size() - MAX_LISTED).append(" more");
    }
    return message
        .append(
            "\nNothing was changed. Review these changes, then apply again with --allow-delete.")
        .toString();
  }

  private void run() {
    int start = 0;
    while (start < steps.size() && !failed.get()) {
      Phase phase = steps.get(start).phase;
      int end = start;
      List<Step> group = new ArrayList<>();
      while (end < steps.size() && steps.get(end).phase == phase) {
        if (!steps.get(end).change.manual()) {
          group.add(steps.get(end));
        }
        end++;
      }
      if (phase.parallel() && options.parallelism() > 1 && group.size() > 1) {
        runInParallel(group);
      } else {
        for (Step step : group) {
          if (failed.get()) {
            break;
          }
          carryOut(step);
        }
      }
      start = end;
    }
  }

  /**
   * Starts the steps in plan order with at most {@code parallelism} in flight; after a failure
   * starts nothing more and waits for those in flight.
   */
  private void runInParallel(List<Step> group) {
    int parallelism = Math.min(options.parallelism(), group.size());
    Semaphore slots = new Semaphore(parallelism);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, WorkerThreads.INSTANCE);
    try {
      for (Step step : group) {
        slots.acquireUninterruptibly();
        if (failed.get()) {
          slots.release();
          break;
        }
        pool.execute(
            () -> {
              try {
                carryOut(step);
              } finally {
                slots.release();
              }
            });
      }
      // Every slot back means every step started here has finished and recorded its result.
      slots.acquireUninterruptibly(parallelism);
    } finally {
      pool.shutdown();
    }
  }

  private void carryOut(Step step) {
    int applied = 0;
    ChangeResult result;
    try {
      for (Operation operation : step.operations) {
        target.apply(operation);
        applied++;
      }
      result = new ChangeResult(step.change, Outcome.DONE, null);
    } catch (RuntimeException e) {
      failed.set(true);
      result = new ChangeResult(step.change, Outcome.FAILED, reason(step, applied, e));
    }
    results[step.index] = result;
    options.listener().finished(result, finished.incrementAndGet(), total);
  }

  private static String reason(Step step, int applied, RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (applied > 0) {
      // Only a replace has two operations: the property is gone until it is created again.
      return "the property was deleted, but creating it again failed: "
          + message
          + " (the next plan creates it)";
    }
    return message;
  }

  private ApplyReport report() {
    List<ChangeResult> report = new ArrayList<>(results.length);
    for (Step step : steps) {
      ChangeResult result = results[step.index];
      if (step.change.manual()) {
        result = new ChangeResult(step.change, Outcome.MANUAL, null);
      } else if (result == null) {
        result = new ChangeResult(step.change, Outcome.NOT_STARTED, null);
      }
      report.add(result);
    }
    return new ApplyReport(report);
  }

  private static String shorten(String digest) {
    int cut = "sha256:".length() + 12;
    return digest.length() <= cut ? digest : digest.substring(0, cut) + "...";
  }

  /** One change of the plan with its position, phase and the operations that carry it out. */
  private record Step(int index, Change change, Phase phase, List<Operation> operations) {}

  /** Daemon threads, so that a target stuck in a call cannot keep the JVM alive. */
  private enum WorkerThreads implements ThreadFactory {
    INSTANCE;

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "kinde-props-apply-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
