package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.Main;
import dev.kindeprops.fixtures.ChildJvm;
import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.fixtures.InProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} on a state file whose lock another process holds: it says that it waits, gives up
 * after {@code --lock-timeout} with one line and nothing changed, and goes on once the lock is
 * free.
 */
class ApplyLockWaitTest {
  private static final Path QUICKSTART = Path.of("examples/quickstart");

  @TempDir Path dir;

  private Path state;
  private Path plan;
  private Process holder;

  @BeforeEach
  void saveAPlanAndLockTheStateFileFromAnotherProcess() throws Exception {
    state = Files.copy(QUICKSTART.resolve("kinde-state.json"), dir.resolve("state.json"));
    plan = dir.resolve("plan.json");
    Run saved =
        run(
            "plan",
            "-f",
            QUICKSTART.toString(),
            "--state",
            state.toString(),
            "--out",
            plan.toString());
    assertThat(saved.code()).as(saved.err()).isZero();
    holder =
        ChildJvm.command(LockHolderProcess.class, dir.resolve("state.json.lock").toString())
            .start();
    ChildJvm.awaitLine(holder, "locked", Duration.ofSeconds(30));
  }

  @AfterEach
  void release() throws Exception {
    holder.getOutputStream().close();
    assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void withATimeoutOfZeroItDoesNotWait() throws Exception {
    byte[] before = Files.readAllBytes(state);
    Run run = run("apply", plan.toString(), "--state", state.toString(), "--lock-timeout", "0");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: state file "
                + state
                + " is locked: another kinde-props apply holds "
                + state
                + ".lock, and --lock-timeout 0 says not to wait. Nothing was changed.\n");
    assertThat(Files.readAllBytes(state)).isEqualTo(before);
  }

  @Test
  void saysThatItWaitsAndGivesUpAfterTheTimeout() throws Exception {
    byte[] before = Files.readAllBytes(state);
    Run run = run("apply", plan.toString(), "--state", state.toString(), "--lock-timeout", "2s");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "Waiting for the lock on "
                + state
                + ".lock, which another kinde-props apply holds (giving up after 2s:"
                + " --lock-timeout)...\n"
                + "error: state file "
                + state
                + " is locked: another kinde-props apply holds "
                + state
                + ".lock; gave up waiting after 2s (--lock-timeout). Nothing was changed.\n");
    assertThat(Files.readAllBytes(state)).isEqualTo(before);
  }

  @Test
  void goesOnOnceTheLockIsFree() throws Exception {
    InProcess.Streams streams = InProcess.streams(Map.of(), "", false);
    CompletableFuture<Integer> apply =
        CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    streams.console(),
                    "apply",
                    plan.toString(),
                    "-f",
                    QUICKSTART.toString(),
                    "--state",
                    state.toString()));
    // The other process lets go once this one says it waits.
    assertThat(streams.awaitErr("Waiting for the lock on ", Duration.ofSeconds(60)))
        .as("apply should say that it waits")
        .isTrue();
    assertThat(apply).isNotDone();
    holder.getOutputStream().close();

    assertThat(apply.get(60, TimeUnit.SECONDS)).as(streams.err()).isZero();
    assertThat(streams.out()).endsWith("Apply complete: 6 changes made.\n");
    Run again = run("plan", "-f", QUICKSTART.toString(), "--state", state.toString());
    assertThat(again.out()).contains("No changes.");
  }

  @Test
  void refusesADurationItCannotRead() {
    Run run = run("apply", plan.toString(), "--state", state.toString(), "--lock-timeout", "soon");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .startsWith(
            "error: Invalid value for option '--lock-timeout': --lock-timeout takes a duration"
                + " such as 30s, 5m or 1h (0: do not wait), not 'soon'");
  }
}
