package dev.kindeprops.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.engine.Version;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.Address;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.Planner;
import dev.kindeprops.plan.PropertyChange;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The applier against the real state-file target: order, refusals, outcomes and failures. */
class ApplierTest {
  private static final ApplyOptions ALLOW_DELETE = new ApplyOptions(true, 4, null);
  private static final ApplyOptions NO_DELETE = new ApplyOptions(false, 4, null);

  @TempDir Path dir;

  /** Every kind of change: a category, a publish, a create, a replace, values, claims, deletes. */
  static LiveState live() {
    return new LiveBuilder()
        .category("Tenancy")
        .property("region", "Tenancy")
        .privateProperty("tier", "Tenancy")
        .property("legacy", "Tenancy")
        .property("notes", "Tenancy", true, PropertyType.SINGLE_LINE_TEXT)
        .property("kp_internal", "Tenancy")
        .m2m(
            "a1",
            "alpha",
            Map.of("region", "us", "tier", "free", "legacy", "on", "notes", "n1"),
            "region",
            "legacy")
        .m2m("a2", "beta", Map.of("region", "eu", "tier", "pro"))
        .m2m("a3", "other", Map.of("region", "au", "legacy", "on"), "region")
        .application("r1", "portal", "reg", Map.of(), Set.of())
        .build();
  }

  static DesiredState desired() {
    return new DesiredBuilder()
        .property("region", "Tenancy")
        .property("tier", "Tenancy")
        .property("model", "AI")
        .property("notes", "Tenancy", true, PropertyType.MULTI_LINE_TEXT, false)
        .removed("legacy")
        .application(
            "alpha",
            "a1",
            Map.of("region", "eu", "tier", "pro", "model", "v1", "notes", "n2"),
            "region",
            "tier",
            "model")
        .application("beta", "a2", Map.of("region", "eu"), "region")
        .build();
  }

  private StateFileTarget target() {
    return new StateFileTarget(Scenario.stateFile(dir.resolve("state.json"), live()));
  }

  @Test
  void carriesOutEveryKindOfChangeInPhaseOrderAndConverges() {
    StateFileTarget state = target();
    Plan plan = Scenario.plan(desired(), state);
    FailingTarget recording = new FailingTarget(state, 0);

    ApplyReport report = Applier.apply(plan, recording, ALLOW_DELETE);

    assertThat(report.complete()).isTrue();
    assertThat(report.count(Outcome.DONE)).isEqualTo(plan.changes().size());
    assertThat(report.results()).extracting(ChangeResult::change).isEqualTo(plan.changes());
    assertThat(Scenario.plan(desired(), state).changes()).isEmpty();

    List<Operation> ops = recording.applied();
    PropertyFields notes =
        new PropertyFields("notes", "Notes", "", PropertyType.MULTI_LINE_TEXT, "Tenancy", true);
    // Categories and properties run one at a time in plan order; a replace deletes, then creates.
    assertThat(ops.subList(0, 5))
        .containsExactly(
            new Operation.CreateCategory("AI"),
            new Operation.UpdateProperty(
                new PropertyFields(
                    "tier", "Tier", "", PropertyType.SINGLE_LINE_TEXT, "Tenancy", false)),
            new Operation.CreateProperty(
                new PropertyFields(
                    "model", "Model", "", PropertyType.SINGLE_LINE_TEXT, "AI", false)),
            new Operation.DeleteProperty("notes"),
            new Operation.CreateProperty(notes));
    // Value sets (in any order among themselves), then claims, then unsets, then deletes.
    assertThat(ops.subList(5, 9))
        .containsExactlyInAnyOrder(
            new Operation.SetValue("a1", "region", "eu"),
            new Operation.SetValue("a1", "tier", "pro"),
            new Operation.SetValue("a1", "model", "v1"),
            new Operation.SetValue("a1", "notes", "n2"));
    assertThat(ops.subList(9, 12))
        .containsExactlyInAnyOrder(
            new Operation.SetClaim("a1", "tier", true),
            new Operation.SetClaim("a1", "model", true),
            new Operation.SetClaim("a2", "region", true));
    assertThat(ops.subList(12, ops.size()))
        .containsExactly(
            new Operation.DeleteValue("a2", "tier"), new Operation.DeleteProperty("legacy"));
  }

  @Test
  void leavesUnmanagedThingsAlone() {
    StateFileTarget state = target();
    Applier.apply(Scenario.plan(desired(), state), state, ALLOW_DELETE);

    LiveState after = state.read(Set.of("a3", "r1"));
    LiveApplication other = after.application("a3").orElseThrow();
    // The removed property went with its values everywhere; the rest of "other" is untouched.
    assertThat(other.values()).isEqualTo(Map.of("region", "au"));
    assertThat(other.claims()).containsExactly("region");
    assertThat(after.property("kp_internal")).isPresent();
    assertThat(after.application("r1")).isPresent();
  }

  @Test
  void refusesDeletesAndReplacesWithoutAllowDeleteBeforeTheFirstChange() {
    StateFileTarget state = target();
    Path file = dir.resolve("state.json");
    byte[] before = Scenario.bytes(file);
    Plan plan = Scenario.plan(desired(), state);
    FailingTarget recording = new FailingTarget(state, 0);

    assertThatThrownBy(() -> Applier.apply(plan, recording, NO_DELETE))
        .isInstanceOf(ApplyRefusedException.class)
        .hasMessage(
            "the plan deletes or replaces 3 things, and --allow-delete was not given:\n"
                + "  -/+ property.notes (replace)\n"
                + "  - application.beta.value.tier (delete)\n"
                + "  - property.legacy (delete)\n"
                + "Nothing was changed. Review these changes, then apply again with"
                + " --allow-delete.");
    assertThatThrownBy(() -> Applier.check(plan, recording, NO_DELETE))
        .isInstanceOf(ApplyRefusedException.class);
    assertThat(recording.writes()).isZero();
    assertThat(Scenario.bytes(file)).isEqualTo(before);
  }

  @Test
  void planWithoutDeletesNeedsNoPermission() {
    DesiredState desired =
        new DesiredBuilder()
            .property("region", "Tenancy")
            .application("other", "a3", Map.of("region", "eu"), "region")
            .build();
    StateFileTarget state = target();
    ApplyReport report = Applier.apply(Scenario.plan(desired, state), state, NO_DELETE);
    assertThat(report.complete()).isTrue();
    assertThat(report.count(Outcome.DONE)).isEqualTo(1);
  }

  @Test
  void manualChangesAreReportedButNeverCarriedOut() {
    StateFileTarget state = target();
    // The same live state, but with toggles observed from tokens: claim changes are manual (the
    // toggle of alpha's still-private tier cannot be observed, so its state is unknown).
    LiveState read = state.read(Scenario.applicationIds(desired()));
    LiveState observed =
        new LiveState(
            read.categories(), read.properties(), read.applications(), 1, ClaimToggles.OBSERVABLE);
    Plan plan = Planner.plan(desired(), observed, Version.current(), state.name()).plan();
    FailingTarget recording = new FailingTarget(state, 0);

    ApplyReport report = Applier.apply(plan, recording, ALLOW_DELETE);

    List<ChangeResult> manual = report.with(Outcome.MANUAL);
    assertThat(manual)
        .extracting(r -> r.change().address().toString())
        .containsExactly(
            "application.alpha.claim.model",
            "application.alpha.claim.tier",
            "application.beta.claim.region");
    assertThat(report.complete()).isTrue();
    assertThat(recording.applied()).noneMatch(op -> op instanceof Operation.SetClaim);
    assertThat(report.count(Outcome.DONE)).isEqualTo(plan.changes().size() - 3);
  }

  @Test
  void refusesClaimChangesATargetCannotMake() {
    StateFileTarget state = target();
    Plan plan = Scenario.plan(desired(), state);
    Target noClaims = new FailingTarget(state, 0, ClaimToggles.OBSERVABLE);

    assertThatThrownBy(() -> Applier.apply(plan, noClaims, ALLOW_DELETE))
        .isInstanceOf(ApplyRefusedException.class)
        .hasMessageStartingWith(
            "the plan cannot be carried out: application.alpha.claim.model toggles a token claim,"
                + " which file:");
    assertThat(Scenario.plan(desired(), state).changes()).isEqualTo(plan.changes());
  }

  @Test
  void refusesAPlanOutOfPhaseOrder() {
    StateFileTarget state = target();
    Path file = dir.resolve("state.json");
    byte[] before = Scenario.bytes(file);
    Plan plan = Scenario.plan(desired(), state);
    List<Change> reversed = new ArrayList<>(plan.changes());
    Collections.reverse(reversed);

    assertThatThrownBy(() -> Applier.apply(withChanges(plan, reversed), state, ALLOW_DELETE))
        .isInstanceOf(ApplyRefusedException.class)
        .hasMessageContaining("comes after changes of a later phase (was the plan file edited?)");
    assertThat(Scenario.bytes(file)).isEqualTo(before);
  }

  @Test
  void theNthWriteFailingLeavesExactlyTheRestForTheNextPlan() {
    DesiredState desired = withoutReplace();
    Plan first = Scenario.plan(desired, target());
    int writes = first.changes().size();
    for (int failing = 1; failing <= writes; failing++) {
      StateFileTarget state = target();
      Plan plan = Scenario.plan(desired, state);
      FailingTarget faulty = new FailingTarget(state, failing);

      ApplyReport report = Applier.apply(plan, faulty, ALLOW_DELETE);

      String context = "failing write " + failing + " of " + writes;
      assertThat(report.complete()).as(context).isFalse();
      List<ChangeResult> failed = report.with(Outcome.FAILED);
      assertThat(failed).as(context).hasSize(1);
      assertThat(failed.get(0).reason()).isEqualTo("injected failure of write " + failing);
      assertThat(report.count(Outcome.DONE)).as(context).isEqualTo(faulty.applied().size());
      assertThat(report.count(Outcome.DONE) + 1 + report.count(Outcome.NOT_STARTED))
          .isEqualTo(plan.changes().size());
      // Nothing starts after a failure: done and in-flight changes come before the rest in order.
      List<Change> notDone =
          report.results().stream()
              .filter(r -> r.outcome() != Outcome.DONE)
              .map(ChangeResult::change)
              .toList();
      assertThat(Scenario.plan(desired, state).changes()).as(context).isEqualTo(notDone);
    }
  }

  @Test
  void aFailedReplaceSaysThePropertyIsGoneAndTheNextPlanCreatesIt() {
    StateFileTarget state = target();
    Plan plan = Scenario.plan(desired(), state);
    // Writes: category, tier, model, then the replace's delete (4) and create (5).
    FailingTarget faulty = new FailingTarget(state, 5);

    ApplyReport report = Applier.apply(plan, faulty, ALLOW_DELETE);

    ChangeResult failed = report.with(Outcome.FAILED).get(0);
    assertThat(failed.change().address()).isEqualTo(Address.property("notes"));
    assertThat(failed.reason())
        .isEqualTo(
            "the property was deleted, but creating it again failed: injected failure of write 5"
                + " (the next plan creates it)");
    Change next =
        Scenario.plan(desired(), state).changes().stream()
            .filter(c -> c.address().equals(Address.property("notes")))
            .findFirst()
            .orElseThrow();
    assertThat(next.action()).isEqualTo(Action.CREATE);
    assertThat(((PropertyChange) next).after())
        .isEqualTo(((PropertyChange) failed.change()).after());
  }

  @Test
  void reportsEveryFinishedChangeToTheListener() {
    StateFileTarget state = target();
    Plan plan = Scenario.plan(desired(), state);
    List<Integer> counts = Collections.synchronizedList(new ArrayList<>());
    Set<String> addresses = Collections.synchronizedSet(new TreeSet<>());
    ApplyListener listener =
        (result, finished, total) -> {
          assertThat(total).isEqualTo(plan.changes().size());
          counts.add(finished);
          addresses.add(result.change().address().toString());
        };

    Applier.apply(plan, state, new ApplyOptions(true, 3, listener));

    assertThat(new TreeSet<>(counts)).hasSize(plan.changes().size()).first().isEqualTo(1);
    assertThat(addresses).hasSize(plan.changes().size());
  }

  @Test
  void aWriteThatThrowsSomethingUnexpectedStillCountsAsFailed() {
    StateFileTarget state = target();
    Plan plan = Scenario.plan(withoutReplace(), state);
    Target broken =
        new FailingTarget(state, 0) {
          @Override
          public void apply(Operation operation) {
            throw new IllegalStateException("broken");
          }
        };
    ApplyReport report = Applier.apply(plan, broken, ALLOW_DELETE);
    assertThat(report.with(Outcome.FAILED))
        .extracting(ChangeResult::reason)
        .containsExactly("broken");
    assertThat(report.count(Outcome.NOT_STARTED)).isEqualTo(plan.changes().size() - 1);
  }

  @Test
  void afterAFailureTheWritesInFlightFinishAndNothingNewStarts() throws Exception {
    LiveBuilder live = new LiveBuilder().category("Tenancy").property("region", "Tenancy");
    DesiredBuilder desired = new DesiredBuilder().property("region", "Tenancy");
    for (int i = 0; i < 20; i++) {
      String name = String.format("app%02d", i);
      live.m2m("id" + name, name, Map.of("region", "us"));
      desired.application(name, "id" + name, Map.of("region", "eu"));
    }
    StateFileTarget state =
        new StateFileTarget(Scenario.stateFile(dir.resolve("many.json"), live.build()));
    Plan plan = Scenario.plan(desired.build(), state);
    CountDownLatch gate = new CountDownLatch(1);
    GatedTarget gated = new GatedTarget(state, "idapp01", 3, gate);
    ApplyListener openOnFailure =
        (result, finished, total) -> {
          if (result.outcome() == Outcome.FAILED) {
            gate.countDown();
          }
        };

    ApplyReport report = Applier.apply(plan, gated, new ApplyOptions(true, 4, openOnFailure));

    assertThat(report.results())
        .extracting(ChangeResult::outcome)
        .startsWith(Outcome.DONE, Outcome.FAILED, Outcome.DONE, Outcome.DONE)
        .containsOnlyOnce(Outcome.FAILED)
        .filteredOn(outcome -> outcome == Outcome.NOT_STARTED)
        .hasSize(16);
    assertThat(report.with(Outcome.FAILED).get(0).reason()).isEqualTo("injected failure");
    assertThat(gated.maxInFlight()).isEqualTo(4);
    Map<String, String> regions = new TreeMap<>();
    state
        .read(Scenario.applicationIds(desired.build()))
        .applications()
        .forEach(a -> regions.put(a.name(), a.values().get("region")));
    assertThat(regions.entrySet())
        .filteredOn(e -> e.getValue().equals("eu"))
        .extracting(Map.Entry::getKey)
        .containsExactly("app00", "app02", "app03");
  }

  /**
   * Holds every write at a gate, except the write for {@code failingApplication}: that one waits
   * until {@code others} writes are held, then fails, so the failure happens with them in flight.
   */
  private static final class GatedTarget extends FailingTarget {
    private final String failingApplication;
    private final int others;
    private final CountDownLatch gate;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    GatedTarget(Target target, String failingApplication, int others, CountDownLatch gate) {
      super(target, 0);
      this.failingApplication = failingApplication;
      this.others = others;
      this.gate = gate;
    }

    @Override
    public void apply(Operation operation) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        if (((Operation.SetValue) operation).applicationId().equals(failingApplication)) {
          await(() -> held.get() == others);
          throw new TargetException("injected failure");
        }
        held.incrementAndGet();
        await(() -> gate.getCount() == 0);
        super.apply(operation);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    int maxInFlight() {
      return maxInFlight.get();
    }

    private static void await(BooleanSupplier condition) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out waiting for the other writes");
        }
        Thread.onSpinWait();
        Thread.yield();
      }
    }
  }

  /** The standard desired state without the type change, so every change is one write. */
  static DesiredState withoutReplace() {
    return new DesiredBuilder()
        .property("region", "Tenancy")
        .property("tier", "Tenancy")
        .property("model", "AI")
        .property("notes", "Tenancy", true, PropertyType.SINGLE_LINE_TEXT, false)
        .removed("legacy")
        .application(
            "alpha",
            "a1",
            Map.of("region", "eu", "tier", "pro", "model", "v1", "notes", "n2"),
            "region",
            "tier",
            "model")
        .application("beta", "a2", Map.of("region", "eu"), "region")
        .build();
  }

  static Plan withChanges(Plan plan, List<Change> changes) {
    return plan.withChanges(changes);
  }

  @Test
  void aFailedChangeEndsTheApplyAndWhatWasDoneIsWrittenToTheStateFile() {
    Path file =
        Scenario.stateFile(
            dir.resolve("state.json"),
            Scenario.manyApplications(Scenario.twoProperties(), 0, 3).build());
    DesiredState desired = Scenario.regionAndTier(0, 3);
    Plan plan = Scenario.plan(desired, new StateFileTarget(file));
    // The second application disappears between the plan and the apply.
    Scenario.stateFile(
        file,
        Scenario.twoProperties()
            .m2m(Scenario.applicationId(0), "app0", Map.of("region", "us"))
            .m2m(Scenario.applicationId(2), "app2", Map.of("region", "us"))
            .build());

    ApplyReport report;
    try (StateFileTarget locked = Scenario.locked(file)) {
      report = Applier.apply(plan, locked, new ApplyOptions(false, 1, null));
    }

    assertThat(report.with(Outcome.DONE)).hasSize(2);
    assertThat(report.with(Outcome.FAILED)).hasSize(1);
    assertThat(report.with(Outcome.NOT_STARTED)).hasSize(3);
    StateDocument written = new StateFile(file).read();
    assertThat(written.application(Scenario.applicationId(0)).orElseThrow().values())
        .isEqualTo(Map.of("region", "eu", "tier", "pro"));
    assertThat(written.application(Scenario.applicationId(2)).orElseThrow().values())
        .isEqualTo(Map.of("region", "us"));
  }
}
