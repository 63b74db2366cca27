package dev.kindeprops.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.Main;
import dev.kindeprops.fixtures.ChildJvm;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.StateFileApply;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two applies on one state file at once: with disjoint changes, they lose no update (each half of
 * the applications is planned against the same starting file and applied alongside the other); with
 * conflicting changes, the staleness check and the changes of each run under one lock, so the
 * second is refused as stale and the file holds the first's changes alone.
 */
class ConcurrentApplyTest {
  private static final int EACH = 60;

  private final DesiredState first = Scenario.regionAndTier(0, EACH);
  private final DesiredState second = Scenario.regionAndTier(EACH, 2 * EACH);

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeState() {
    file =
        Scenario.stateFile(
            dir.resolve("state.json"),
            Scenario.manyApplications(Scenario.twoProperties(), 0, 2 * EACH).build());
  }

  @Test
  void twoThreadsWithTheirOwnTargetsLoseNoUpdate() throws Exception {
    // Both plans are made before either apply starts, as two CI jobs would make them.
    Plan firstPlan = Scenario.plan(first, new StateFileTarget(file));
    Plan secondPlan = Scenario.plan(second, new StateFileTarget(file));
    CyclicBarrier start = new CyclicBarrier(2);

    CompletableFuture<ApplyReport> a =
        CompletableFuture.supplyAsync(() -> applyAfter(start, firstPlan, file));
    CompletableFuture<ApplyReport> b =
        CompletableFuture.supplyAsync(() -> applyAfter(start, secondPlan, file));

    assertThat(a.get(60, TimeUnit.SECONDS).complete()).isTrue();
    assertThat(b.get(60, TimeUnit.SECONDS).complete()).isTrue();
    assertNothingLeftToApply();
  }

  @Test
  void twoProcessesApplyingSavedPlansLoseNoUpdate() throws Exception {
    Path firstPlan = dir.resolve("first.json");
    Path secondPlan = dir.resolve("second.json");
    Files.writeString(firstPlan, PlanCodec.write(Scenario.plan(first, new StateFileTarget(file))));
    Files.writeString(
        secondPlan, PlanCodec.write(Scenario.plan(second, new StateFileTarget(file))));

    // The second plan stays fresh while the first is applied: it covers other applications.
    Process one = kindePropsApply(firstPlan, dir.resolve("one.log"));
    Process two = kindePropsApply(secondPlan, dir.resolve("two.log"));

    assertThat(one.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(two.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(one.exitValue()).as(Files.readString(dir.resolve("one.log"))).isZero();
    assertThat(two.exitValue()).as(Files.readString(dir.resolve("two.log"))).isZero();
    String log = Files.readString(dir.resolve("one.log"));
    assertThat(log).endsWith("\nApply complete: " + 2 * EACH + " changes made.\n");
    assertThat(log.lines().filter(line -> line.matches("application\\.\\S+: (created|updated)")))
        .hasSize(2 * EACH);
    assertNothingLeftToApply();
  }

  @Test
  void conflictingSavedPlansInTwoThreadsNeverBothSucceed() throws Exception {
    for (int trial = 0; trial < 20; trial++) {
      writeState();
      Path eu = savedPlan("eu");
      Path au = savedPlan("au");
      CyclicBarrier start = new CyclicBarrier(2);
      CompletableFuture<String> a = CompletableFuture.supplyAsync(() -> applySaved(start, eu));
      CompletableFuture<String> b = CompletableFuture.supplyAsync(() -> applySaved(start, au));
      assertOneWonAndTheOtherWasStale(
          "trial " + trial, List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS)));
    }
  }

  @Test
  void conflictingSavedPlansInTwoProcessesNeverBothSucceed() throws Exception {
    for (int trial = 0; trial < 3; trial++) {
      writeState();
      Process one = kindePropsApply(savedPlan("eu"), dir.resolve("eu.log"));
      Process two = kindePropsApply(savedPlan("au"), dir.resolve("au.log"));
      assertThat(one.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(two.waitFor(60, TimeUnit.SECONDS)).isTrue();
      List<String> outcomes = new ArrayList<>();
      for (String region : List.of("eu", "au")) {
        Process process = region.equals("eu") ? one : two;
        String log = Files.readString(dir.resolve(region + ".log"));
        outcomes.add(process.exitValue() == 0 ? "applied " + region : log);
      }
      assertOneWonAndTheOtherWasStale("trial " + trial, outcomes);
    }
  }

  /** A plan, saved as a file, that sets every application's region to {@code region}. */
  private Path savedPlan(String region) throws IOException {
    DesiredBuilder desired =
        new DesiredBuilder().property("region", "Tenancy").property("tier", "Tenancy");
    for (int i = 0; i < 2 * EACH; i++) {
      desired.application(
          "app" + i, Scenario.applicationId(i), Map.of("region", region, "tier", "pro"));
    }
    Path plan = dir.resolve(region + ".json");
    Files.writeString(plan, PlanCodec.write(Scenario.plan(desired.build(), target())));
    return plan;
  }

  /** Applies a saved plan as {@code kinde-props apply PLAN --state FILE} does, once both start. */
  private String applySaved(CyclicBarrier start, Path plan) {
    try {
      start.await(10, TimeUnit.SECONDS);
      StateFileApply.run(plan, null, file, ApplyListener.NONE, null, Duration.ofSeconds(30));
      return "applied " + plan.getFileName().toString().replace(".json", "");
    } catch (ApplyRefusedException e) {
      return e.getMessage();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** One apply made every change, the other was refused as stale, and the file is the first's. */
  private void assertOneWonAndTheOtherWasStale(String trial, List<String> outcomes) {
    List<String> applied = outcomes.stream().filter(o -> o.startsWith("applied ")).toList();
    assertThat(applied).as(trial + ": " + outcomes).hasSize(1);
    assertThat(outcomes)
        .as(trial)
        .anySatisfy(
            o ->
                assertThat(o)
                    .contains("the saved plan is stale: the live state changed since the plan"));
    String winner = applied.get(0).substring("applied ".length());
    LiveState live = target().read(Scenario.applicationIds(first));
    Set<String> regions = new TreeSet<>();
    live.applications().forEach(app -> regions.add(app.values().get("region")));
    assertThat(regions)
        .as(trial + ": the file holds one plan's changes alone")
        .containsOnly(winner);
  }

  private StateFileTarget target() {
    return new StateFileTarget(file);
  }

  /** Starts {@code kinde-props apply PLAN --state FILE} in a second JVM, its output to a log. */
  private Process kindePropsApply(Path plan, Path log) throws IOException {
    return ChildJvm.command(Main.class, "apply", plan.toString(), "--state", file.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private void assertNothingLeftToApply() {
    StateFileTarget target = new StateFileTarget(file);
    assertThat(Scenario.plan(first, target).changes()).isEmpty();
    assertThat(Scenario.plan(second, target).changes()).isEmpty();
  }

  private static ApplyReport applyAfter(CyclicBarrier start, Plan plan, Path file) {
    StateFileTarget own = new StateFileTarget(file);
    try {
      start.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return Applier.apply(plan, own, new ApplyOptions(false, 4, null));
  }
}
