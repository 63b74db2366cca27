package dev.kindeprops.apply;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kinde-props apply} process killed in the middle of thousands of writes leaves a valid
 * state file in which every change is complete or absent, and a new plan finishes the job.
 */
class KilledApplyTest {
  private static final int APPLICATIONS = 1_500;
  private static final int PARALLELISM = 4;

  @TempDir Path dir;

  @Test
  void killedMidApplyLeavesAValidFileHoldingWholeChanges() throws Exception {
    Path file =
        Scenario.stateFile(
            dir.resolve("state.json"),
            Scenario.manyApplications(Scenario.twoProperties(), 0, APPLICATIONS).build());
    DesiredState desired = Scenario.regionAndTier(0, APPLICATIONS);
    Plan plan = Scenario.plan(desired, new StateFileTarget(file));
    assertThat(plan.changes()).hasSize(2 * APPLICATIONS);
    Path planFile = dir.resolve("plan.json");
    Files.writeString(planFile, PlanCodec.write(plan));
    List<Object> original = fileKey(file);

    Process apply =
        ChildJvm.kindeProps(
            dir.resolve("apply.log"),
            "apply",
            planFile.toString(),
            "--state",
            file.toString(),
            "--parallelism",
            Integer.toString(PARALLELISM));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Objects.equals(fileKey(file), original)) {
      assertThat(apply.isAlive()).as(Files.readString(dir.resolve("apply.log"))).isTrue();
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(2);
    }
    Thread.sleep(100);
    assertThat(apply.isAlive()).as("the apply should still be running when killed").isTrue();
    apply.destroyForcibly();
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
    assertThat(applied).as("some changes were made before the kill").isNotEmpty();
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

  /** The file's identity and time: a write renames a new file over it, which changes both. */
  private static List<Object> fileKey(Path file) throws Exception {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime());
  }
}
