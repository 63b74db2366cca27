package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.Version;
import dev.kindeprops.fixtures.InProcess.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kinde-props apply} in process: saved plans, prompts, refusals, failures and output. */
class ApplyCommandTest {
  private static final Path QUICKSTART = Path.of("examples/quickstart");

  @TempDir Path dir;

  private Path state;

  @BeforeEach
  void copyTheQuickstartState() throws IOException {
    state = Files.copy(QUICKSTART.resolve("kinde-state.json"), dir.resolve("state.json"));
  }

  /** Saves the plan of {@code manifests} against the state file with {@code plan --out}. */
  private Path savePlan(Path manifests, Path stateFile) {
    Path file = dir.resolve("plan.json");
    Run plan =
        run(
            "plan",
            "-f",
            manifests.toString(),
            "--state",
            stateFile.toString(),
            "--out",
            file.toString());
    assertThat(plan.code()).as(plan.err()).isZero();
    return file;
  }

  private byte[] stateBytes() throws IOException {
    return Files.readAllBytes(state);
  }

  @Test
  void appliesTheQuickstartAndConverges() {
    Run first =
        run("apply", "-f", "examples/quickstart", "--state", state.toString(), "--auto-approve");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .startsWith("Target: file:" + state + "\n")
        .contains("Plan: 4 to create, 2 to update, 0 to replace, 0 to delete.\n")
        .endsWith(
            "Plan: 4 to create, 2 to update, 0 to replace, 0 to delete.\n"
                + "Apply complete: 6 changes made.\n");
    // The sensitive value is masked in the plan, and no value appears in the report.
    assertThat(first.out()).contains("(sensitive)").doesNotContain("Invoiced yearly");
    assertThat(first.err()).isEmpty();

    Run second =
        run("apply", "-f", "examples/quickstart", "--state", state.toString(), "--auto-approve");
    assertThat(second.code()).isZero();
    assertThat(second.out()).endsWith("No changes. The live state matches the manifests.\n");
  }

  @Test
  void onATerminalAppliesOnlyAfterYes() throws IOException {
    Run yes =
        run(
            Map.of(),
            "yes\n",
            true,
            "apply",
            "-f",
            "examples/quickstart",
            "--state",
            state.toString(),
            "--no-color");

    assertThat(yes.code()).as(yes.err()).isZero();
    assertThat(yes.out())
        .contains(
            "Plan: 4 to create, 2 to update, 0 to replace, 0 to delete.\n\n"
                + "Do you want to apply these changes? Only 'yes' will be accepted: \n"
                + "Apply complete: 6 changes made.\n");
  }

  @Test
  void anyOtherAnswerCancelsAndChangesNothing() throws IOException {
    byte[] before = stateBytes();
    for (String answer : List.of("no\n", "y\n", "YES\n", "")) {
      Run run =
          run(
              Map.of(),
              answer,
              true,
              "apply",
              "-f",
              "examples/quickstart",
              "--state",
              state.toString());

      assertThat(run.code()).as(answer).isEqualTo(ExitCode.ERROR);
      assertThat(run.out()).endsWith("Only 'yes' will be accepted: \nApply cancelled.\n");
      assertThat(stateBytes()).isEqualTo(before);
    }
  }

  @Test
  void withoutATerminalItNeedsAutoApproveAndChangesNothing() throws IOException {
    byte[] before = stateBytes();
    Run run =
        run(
            Map.of(),
            "yes\n",
            false,
            "apply",
            "-f",
            "examples/quickstart",
            "--state",
            state.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: apply -f asks for confirmation, and there is no terminal to ask at: pass"
                + " --auto-approve, or save a reviewed plan with kinde-props plan --out PLAN and"
                + " apply it with kinde-props apply PLAN. Nothing was changed.\n");
    assertThat(stateBytes()).isEqualTo(before);
  }

  @Test
  void appliesASavedPlanExactlyWithoutAQuestion() throws IOException {
    Path plan = savePlan(QUICKSTART, state);

    Run run = run(Map.of(), "", true, "apply", plan.toString(), "--state", state.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("Apply complete: 6 changes made.\n");
    Run again =
        run("apply", "-f", "examples/quickstart", "--state", state.toString(), "--auto-approve");
    assertThat(again.out()).endsWith("No changes. The live state matches the manifests.\n");
  }

  @Test
  void aSavedPlanAcceptsAndIgnoresAutoApproveAndChecksTheManifestsGiven() throws IOException {
    Path plan = savePlan(QUICKSTART, state);

    Run run =
        run(
            "apply",
            plan.toString(),
            "--state",
            state.toString(),
            "--auto-approve",
            "-f",
            "examples/quickstart");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("Apply complete: 6 changes made.\n");
  }

  @Test
  void refusesAStalePlanAndChangesNothing() throws IOException {
    Path plan = savePlan(QUICKSTART, state);
    Files.writeString(
        state,
        Files.readString(state)
            .replace(
                "\"region\": \"eu\", \"tier\": \"enterprise\"",
                "\"region\": \"au\", \"tier\": \"enterprise\""));
    byte[] before = stateBytes();

    Run run = run("apply", plan.toString(), "--state", state.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .matches(
            "error: the saved plan is stale: the live state changed since the plan was made"
                + " \\(fingerprint sha256:[0-9a-f]{12}\\.\\.\\. -> sha256:[0-9a-f]{12}\\.\\.\\.\\)\\."
                + " Nothing was changed; run kinde-props plan again\\.\n");
    assertThat(stateBytes()).isEqualTo(before);
  }

  @Test
  void refusesAPlanMadeFromOtherManifests() throws IOException {
    Path plan = savePlan(QUICKSTART, state);
    Path other = Files.createDirectories(dir.resolve("manifests"));
    for (String name : List.of("applications.yaml", "profiles.yaml", "properties.yaml")) {
      Files.copy(QUICKSTART.resolve(name), other.resolve(name));
    }
    Files.writeString(
        other.resolve("applications.yaml"),
        Files.readString(other.resolve("applications.yaml"))
            .replace("model_version: v2", "model_version: v4"));
    byte[] before = stateBytes();

    Run run = run("apply", plan.toString(), "-f", other.toString(), "--state", state.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .startsWith(
            "error: the saved plan is stale: the manifests changed since the plan was made (digest sha256:");
    assertThat(stateBytes()).isEqualTo(before);
  }

  @Test
  void refusesAPlanMadeByAnotherVersion() throws IOException {
    Path plan = savePlan(QUICKSTART, state);
    Files.writeString(
        plan,
        Files.readString(plan)
            .replace(
                "\"tool_version\": \"" + Version.current() + "\"",
                "\"tool_version\": \"0.0.1-old\""));
    byte[] before = stateBytes();

    Run run = run("apply", plan.toString(), "--state", state.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: the saved plan is stale: it was made by kinde-props 0.0.1-old, and this is"
                + " kinde-props "
                + Version.current()
                + ". Nothing was changed; run kinde-props plan again.\n");
    assertThat(stateBytes()).isEqualTo(before);
  }

  @Test
  void refusesAPlanMadeForAnotherTarget() throws IOException {
    Path plan = savePlan(QUICKSTART, state);
    Path other = Files.copy(state, dir.resolve("other.json"));
    byte[] before = Files.readAllBytes(other);

    Run run = run("apply", plan.toString(), "--state", other.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: the plan was made for file:"
                + state
                + ", not for file:"
                + other
                + ": apply it to the target it was made for, or run kinde-props plan against this"
                + " one. Nothing was changed.\n");
    assertThat(Files.readAllBytes(other)).isEqualTo(before);
  }

  @Test
  void namesWhatIsWrongWithThePlanFile() throws IOException {
    Path missing = dir.resolve("missing.json");
    assertThat(run("apply", missing.toString(), "--state", state.toString()).err())
        .isEqualTo("error: plan file " + missing + " does not exist\n");

    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{not json");
    Run bad = run("apply", garbage.toString(), "--state", state.toString());
    assertThat(bad.code()).isEqualTo(ExitCode.ERROR);
    assertThat(bad.err()).startsWith("error: " + garbage + ": not a plan file: ");

    Run stateAsPlan = run("apply", state.toString(), "--state", state.toString());
    assertThat(stateAsPlan.code()).isEqualTo(ExitCode.ERROR);
    assertThat(stateAsPlan.err())
        .isEqualTo(
            "error: "
                + state
                + ": not a plan file (it has no format_version); save one with kinde-props plan"
                + " --out\n");

    Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    assertThat(run("apply", binary.toString(), "--state", state.toString()).err())
        .isEqualTo("error: " + binary + ": not a plan file: not UTF-8 text\n");
  }

  @Test
  void refusesDeletesWithoutAllowDeleteBeforeAskingOrChangingAnything() throws IOException {
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    for (String name : List.of("applications.yaml", "profiles.yaml", "properties.yaml")) {
      Files.copy(QUICKSTART.resolve(name), manifests.resolve(name));
    }
    Files.writeString(
        manifests.resolve("properties.yaml"),
        Files.readString(manifests.resolve("properties.yaml"))
            + "removed:\n  properties: [legacy_flag]\n");
    byte[] before = stateBytes();

    Run run =
        run(
            Map.of(),
            "yes\n",
            true,
            "apply",
            "-f",
            manifests.toString(),
            "--state",
            state.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).doesNotContain("Do you want to apply");
    assertThat(run.err())
        .isEqualTo(
            "error: the plan deletes or replaces 1 thing, and --allow-delete was not given:\n"
                + "  - property.legacy_flag (delete)\n"
                + "Nothing was changed. Review these changes, then apply again with"
                + " --allow-delete.\n");
    assertThat(stateBytes()).isEqualTo(before);

    Run allowed =
        run(
            "apply",
            "-f",
            manifests.toString(),
            "--state",
            state.toString(),
            "--auto-approve",
            "--allow-delete");
    assertThat(allowed.code()).as(allowed.err()).isZero();
    assertThat(allowed.out()).endsWith("Apply complete: 7 changes made.\n");
    assertThat(Files.readString(state)).doesNotContain("legacy_flag");
  }

  @Test
  void aFailedChangeIsReportedWithWhatWasDoneAndWhatIsLeft() throws IOException {
    Path plan = savePlan(QUICKSTART, state);
    // A change for an application the state file does not hold fails when its turn comes.
    String unknown = "ffffffffffffffffffffffffffffffff";
    String text = Files.readString(plan);
    String broken =
        text.replaceFirst(
            "(\"address\": \"application.billing-worker.value.region\",\\s+\"kind\": \"value\",\\s+\"action\": \"update\",\\s+\"application_id\": )\"3b0b5c6c8fcc464fab397f4969b5f482\"",
            "$1\"" + unknown + "\"");
    assertThat(broken).isNotEqualTo(text);
    Files.writeString(plan, broken);

    Run run = run("apply", plan.toString(), "--state", state.toString(), "--parallelism", "1");

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out())
        .isEqualTo(
            "Failed: application.billing-worker.value.region: no application has id \""
                + unknown
                + "\"\n"
                + "Not started: application.report-generator.value.region,"
                + " application.billing-worker.claim.model_version\n"
                + "Apply failed: 3 done, 1 failed, 2 not started. Run kinde-props plan to see what"
                + " is left.\n");
    Run rest =
        run("apply", "-f", "examples/quickstart", "--state", state.toString(), "--auto-approve");
    assertThat(rest.out()).contains("Plan: 2 to create, 1 to update, 0 to replace, 0 to delete.\n");
  }

  @Test
  void needsAPlanOrManifests() {
    Run run = run("apply", "--state", state.toString());
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: give a saved plan (kinde-props apply PLAN) or manifests to plan and apply"
                + " (kinde-props apply -f PATH)\n");

    Run varsAlone = run("apply", "--var", "a=b", "--state", state.toString());
    assertThat(varsAlone.code()).isEqualTo(ExitCode.ERROR);
    assertThat(varsAlone.err())
        .startsWith("error: Error: Missing required argument(s): --file=PATH");
  }

  @Test
  void parallelismMustBePositive() throws IOException {
    byte[] before = stateBytes();
    Run run =
        run(
            "apply",
            "-f",
            "examples/quickstart",
            "--state",
            state.toString(),
            "--auto-approve",
            "--parallelism",
            "0");
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).isEqualTo("error: --parallelism must be between 1 and 64, not 0\n");
    assertThat(stateBytes()).isEqualTo(before);
  }
}
