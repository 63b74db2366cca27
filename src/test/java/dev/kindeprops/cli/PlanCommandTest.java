package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kinde-props plan} in process: formats, saved plans, exit codes and failures. */
class PlanCommandTest {
  static final String QUICKSTART = "examples/quickstart";
  static final String STATE = "examples/quickstart/kinde-state.json";

  @TempDir Path dir;

  @Test
  void plansTheQuickstart() {
    Run run = run("plan", "-f", QUICKSTART, "--state", STATE, "--no-color");

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("Target: file:examples/quickstart/kinde-state.json\n")
        .contains("Expected M2M token claims (application_properties) once applied:")
        .endsWith("Plan: 4 to create, 2 to update, 0 to replace, 0 to delete.\n");
  }

  @Test
  void detailedExitCodeSaysWhetherThereAreChanges() throws IOException {
    assertThat(run("plan", "-f", QUICKSTART, "--state", STATE, "--detailed-exitcode").code())
        .isEqualTo(ExitCode.CHANGES);

    Path noop = Path.of("src/test/resources/cases/no-op");
    Run same =
        run(
            "plan",
            "-f",
            noop.resolve("manifests").toString(),
            "--state",
            noop.resolve("state.json").toString(),
            "--detailed-exitcode");
    assertThat(same.code()).isEqualTo(ExitCode.OK);
    assertThat(same.out()).endsWith("No changes. The live state matches the manifests.\n");
  }

  @Test
  void savesTheJsonPlanAtomicallyAndSaysSo() throws IOException {
    Path out = dir.resolve("plan.json");

    Run run =
        run(
            "plan",
            "-f",
            QUICKSTART,
            "--state",
            STATE,
            "--format",
            "json",
            "--out",
            out.toString());

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(out)).isEqualTo(run.out());
    assertThat(run.err())
        .isEqualTo(
            "Saved the plan to "
                + out
                + ". Apply exactly this plan with: kinde-props apply "
                + out
                + " --state "
                + STATE
                + "\n");
    Plan plan = PlanCodec.read("plan.json", Files.readString(out));
    assertThat(plan.target()).isEqualTo("file:examples/quickstart/kinde-state.json");
    assertThat(plan.claims()).containsOnlyKeys("billing-worker", "ml-scorer", "report-generator");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void cannotSaveIntoAMissingDirectory() {
    Path out = dir.resolve("missing/plan.json");

    Run run = run("plan", "-f", QUICKSTART, "--state", STATE, "--out", out.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: cannot save the plan to "
                + out
                + ": directory "
                + out.getParent()
                + " does not exist\n");
  }

  @Test
  void cannotSaveOverADirectory() {
    Run run = run("plan", "-f", QUICKSTART, "--state", STATE, "--out", dir.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo("error: cannot save the plan to " + dir + ": it is a directory\n");
  }

  @Test
  void markdownIsAPullRequestComment() {
    Run run = run("plan", "-f", QUICKSTART, "--state", STATE, "--format", "markdown");

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).startsWith("### kinde-props plan\n").doesNotContain("Invoiced yearly");
  }

  @Test
  void refusesAnUnknownFormat() {
    Run run = run("plan", "-f", QUICKSTART, "--state", STATE, "--format", "yaml");

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).contains("expected text, json or markdown, not 'yaml'");
  }

  @Test
  void withoutATargetNamesBothWaysToGiveOne() {
    Run run = run("plan", "-f", QUICKSTART);

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: no target: give --state FILE for a local state file, or set KINDE_DOMAIN (with"
                + " KINDE_MANAGEMENT_CLIENT_ID and KINDE_MANAGEMENT_CLIENT_SECRET) for Kinde\n");
  }

  @Test
  void anInvalidStateFileIsOneClearErrorPerProblem() throws IOException {
    Path state = dir.resolve("state.json");
    Files.writeString(
        state,
        Files.readString(Path.of(STATE))
            .replace("\"values\": {\"tier\": \"pro\"}", "\"values\": {\"tier\": 3}"));

    Run run = run("plan", "-f", QUICKSTART, "--state", state.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + state
                + ": $.applications[1].values.tier: must be a string, not an integer\n");
  }

  @Test
  void applicationsThatAreNotLiveM2mApplicationsAreErrorsAtTheirManifestLines() throws IOException {
    Path manifests = dir.resolve("manifests");
    Files.createDirectories(manifests);
    Files.writeString(
        manifests.resolve("apps.yaml"),
        """
        version: 1
        applications:
          ghost:
            id: 0000000000000000000000000000dead
          portal:
            id: 36f675cc81e74ef5e8e25d940ed90475
        """);

    Run run = run("plan", "-f", manifests.toString(), "--state", STATE);

    String file = manifests.resolve("apps.yaml").toString();
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            file
                + ":3:3: error: application ghost: no live application has id"
                + " 0000000000000000000000000000dead in file:"
                + STATE
                + "\n"
                + file
                + ":5:3: error: application portal: 36f675cc81e74ef5e8e25d940ed90475 is a reg"
                + " application (customer-portal); kinde-props manages only m2m applications\n");
  }

  @Test
  void invalidManifestsStopBeforeTheTargetIsRead() {
    Run run = run(Map.of(), "plan", "-f", "does-not-exist", "--state", STATE);

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("does-not-exist");
  }
}
