package dev.kindeprops.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.ChildJvm;
import dev.kindeprops.fixtures.StateFileApply;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import dev.kindeprops.plan.ValueChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process applying a saved plan to a state file, killed at any moment, leaves either the old file
 * or the complete new one, never a mix, and a new plan finishes the job.
 *
 * <p>Each case kills the apply at another moment, chosen by an event rather than a clock: the child
 * ({@link ApplyAndSignal}) prints a line once the case's number of changes have finished (the first
 * one, half of the 3,000, or the last, when the one write of the file follows), and the test kills
 * it as soon as it reads that line. Changes are made in memory and written once at the end, so the
 * kill falls before that write, during it or after it.
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
  @ValueSource(ints = {1, APPLICATIONS, 2 * APPLICATIONS})
  void killedMidApplyLeavesTheOldFileOrTheCompleteNewOne(int killAfter) throws Exception {
    Path file =
        Scenario.stateFile(
            dir.resolve("state.json"),
            Scenario.manyApplications(Scenario.twoProperties(), 0, APPLICATIONS).build());
    byte[] old = Scenario.bytes(file);
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
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + Files.readString(log), e);
    } finally {
      apply.destroyForcibly();
    }
    assertThat(apply.waitFor(30, TimeUnit.SECONDS)).isTrue();

    StateDocument state = new StateFile(file).read();
    int applied = 0;
    for (Change change : plan.changes()) {
      ValueChange value = (ValueChange) change;
      LiveApplication app = state.application(value.applicationId()).orElseThrow();
      applied += Objects.equals(app.values().get(value.key()), value.after()) ? 1 : 0;
    }
    if (applied == 0) {
      assertThat(Scenario.bytes(file)).as("the old file, byte for byte").isEqualTo(old);
    } else {
      assertThat(applied).as("every change, or none").isEqualTo(plan.changes().size());
    }

    StateFileTarget target = new StateFileTarget(file);
    Plan rest = Scenario.plan(desired, target);
    assertThat(rest.changes()).hasSize(plan.changes().size() - applied);
    try (StateFileTarget locked = Scenario.locked(file)) {
      assertThat(Applier.apply(rest, locked, new ApplyOptions(false, 1, null)).complete()).isTrue();
    }
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
      StateFileApply.run(
          Path.of(args[0]), null, Path.of(args[1]), signal, PARALLELISM, Duration.ofSeconds(30));
    }
  }
}
