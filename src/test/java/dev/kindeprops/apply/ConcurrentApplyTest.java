package dev.kindeprops.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.Main;
import dev.kindeprops.fixtures.ChildJvm;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two applies on one state file at once, with disjoint changes, lose no update: each half of the
 * applications is planned against the same starting file and applied alongside the other.
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
