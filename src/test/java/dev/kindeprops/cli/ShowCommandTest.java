package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.fixtures.QuickstartPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show} prints a saved plan exactly as {@code plan} printed it, and trusts no edited one.
 */
class ShowCommandTest {
  @TempDir Path dir;

  private QuickstartPlan quickstart;

  @BeforeEach
  void saveTheQuickstartPlan() throws IOException {
    quickstart = QuickstartPlan.saveIn(dir);
  }

  @Test
  void eachFormatIsWhatPlanPrintedAndHoldsNoSensitiveValue() throws IOException {
    for (String format : new String[] {"text", "json", "markdown"}) {
      Run planned =
          run(
              "plan",
              "-f",
              "examples/quickstart",
              "--state",
              quickstart.state().toString(),
              "--format",
              format);
      Run shown = run("show", quickstart.plan().toString(), "--format", format);

      assertThat(shown.code()).as(format).isZero();
      assertThat(shown.err()).as(format).isEmpty();
      assertThat(shown.out()).as(format).isEqualTo(planned.out()).doesNotContain("Invoiced yearly");
    }
    assertThat(run("show", quickstart.plan().toString(), "--format", "json").out())
        .isEqualTo(Files.readString(quickstart.plan()));
  }

  @Test
  void anEditedPlanIsRefusedWithTheLineApplyGives() throws IOException {
    Files.writeString(
        quickstart.plan(),
        Files.readString(quickstart.plan()).replace("\"after\": \"eu\"", "\"after\": \"au\""));

    Run shown = run("show", quickstart.plan().toString());
    Run applied =
        run("apply", quickstart.plan().toString(), "--state", quickstart.state().toString());

    assertThat(shown.code()).isEqualTo(ExitCode.ERROR);
    assertThat(shown.out()).isEmpty();
    assertThat(shown.err())
        .isEqualTo(applied.err())
        .startsWith(
            "error: "
                + quickstart.plan()
                + ": the plan file was changed after kinde-props wrote it")
        .hasLineCount(1);
  }
}
