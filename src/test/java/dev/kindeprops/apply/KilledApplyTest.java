package dev.kindeprops.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.engine.ApplyUseCase;
import dev.kindeprops.engine.TargetSpec;
import dev.kindeprops.fixtures.ChildJvm;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import dev.kindeprops.plan.ValueChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process applying a saved plan to a state file, killed in the middle of thousands of writes,
 * leaves a valid state file in which every change is complete or absent, and a new plan finishes
 * the job.
 *
 * <p>Each case kills the apply at another moment, chosen by an event rather than a clock: the child
 * ({@link ApplyAndSignal}) prints a line once the case's number of changes have finished (the first
 * one, or 100 of the 3,000), and the test kills it as soon as it reads that line. The child's other
 * writers are still at work then, so the kill falls among the writes that follow.
 *
 * <p>The child runs the engine's apply use case, as {@code kinde-props apply PLAN --state FILE}
 * does, rather than the command itself: a non-interactive {@code kinde-props apply} says nothing
 * until it ends, so only the use case's progress listener can tell when a given change has
 * finished.
 */
class KilledApplyTest {
  private static final int APPLICATIONS = 1_500;
  private static final int PARALLELISM = 4;

  @TempDir Path dir;

  @ParameterizedTest(name = "killed once {0} changes have finished")
  @ValueSource(ints = {1, 100})
  void killedMidApplyLeavesAValidFileHoldingWholeChanges(int killAfter) throws Exception {
    Path file =
        Scenario.stateFile(
            dir.resolve("state.json"),
            Scenario.manyApplications(Scenario.twoProperties(), 0, APPLICATIONS).build());
    DesiredState desired = Scenario.regionAndTier(0, APPLICATIONS);
    Plan plan = Scenario.plan(desired, new StateFileTarget(file));
    assertThat(plan.changes()).hasSize(2 * APPLICATIONS);
    Path planFile = dir.resolve("plan.json");
    Files.writeString(planFile, PlanCodec.write(plan));

    Path log = dir.resolve("apply.log");
    Process apply =
        ChildJvm.command(
                ApplyAndSignal.class,
                planFile.toString(),
                file.toString(),
                Integer.toString(killAfter))
            .redirectError(log.toFile())
            .start();
    try {
      ChildJvm.awaitLine(apply, "finished " + killAfter, Duration.ofSeconds(60));
      assertThat(apply.isAlive()).as("the apply should still be running when killed").isTrue();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + Files.readString(log), e);
    } finally {
      apply.destroyForcibly();
    }
    assertThat(apply.waitFor(30, TimeUnit.SECONDS)).isTrue();

    StateDocument state = new StateFile(file).read();
    List<Integer> applied = new ArrayList<>();
    for (int i = 0; i < plan.changes().size(); i++) {
      ValueChange change = (ValueChange) plan.changes().get(i);
      LiveApplication app = state.application(change.applicationId()).orElseThrow();
      String value = app.values().get(change.key());
      assertThat(value).as(change.address().toString()).isIn(change.before(), change.after());
      if (Objects.equals(value, change.after())) {
        applied.add(i);
      }
    }
    // A change is on disk before the applier counts it as finished.
    assertThat(applied.size()).as("changes made before the kill").isGreaterThanOrEqualTo(killAfter);
    assertThat(applied.size()).as("the kill came before the end").isLessThan(plan.changes().size());
    int last = applied.get(applied.size() - 1);
    int holes = last + 1 - applied.size();
    // Changes start in plan order; those missing before the last one made were still in flight.
    assertThat(holes).isLessThan(PARALLELISM);

    StateFileTarget target = new StateFileTarget(file);
    Plan rest = Scenario.plan(desired, target);
    assertThat(rest.changes()).hasSize(plan.changes().size() - applied.size());
    ApplyReport report = Applier.apply(rest, target, new ApplyOptions(false, 64, null));
    assertThat(report.complete()).isTrue();
    assertThat(Scenario.plan(desired, target).changes()).isEmpty();
  }

  /**
   * The child process: runs the use case of {@code kinde-props apply PLAN --state FILE
   * --parallelism 4}, and prints {@code finished N} on standard output once N changes have
   * finished. Arguments: the plan file, the state file and N.
   */
  public static final class ApplyAndSignal {
    private ApplyAndSignal() {}

    public static void main(String[] args) {
      int signalAt = Integer.parseInt(args[2]);
      ApplyListener signal =
          (result, finished, total) -> {
            if (finished == signalAt) {
              System.out.println("finished " + finished);
              System.out.flush();
            }
          };
      ApplyUseCase.run(
          new ApplyUseCase.Request(
              Path.of(args[0]),
              null,
              TargetSpec.stateFile(Path.of(args[1])),
              null,
              null,
              true,
              false,
              PARALLELISM,
              signal,
              null));
    }
  }
}
