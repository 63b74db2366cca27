package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.engine.Version;
import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.fixtures.PlanFiles;
import dev.kindeprops.fixtures.QuickstartPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kinde-props apply} in process: saved plans that went stale or were tampered with, and
 * failures. What apply prints when it works, asks or refuses its arguments is pinned by the golden
 * cases {@code src/test/resources/commands/apply-*}.
 */
class ApplyCommandTest {
  private static final Path QUICKSTART = Path.of("examples/quickstart");

  @TempDir Path dir;

  private Path state;
  private Path plan;

  /** A copy of the quickstart state and, saved with {@code plan --out}, the quickstart's plan. */
  @BeforeEach
  void copyTheQuickstartStateAndSaveItsPlan() throws IOException {
    QuickstartPlan saved = QuickstartPlan.saveIn(dir);
    state = saved.state();
    plan = saved.plan();
  }

  private String[] planArgs(Path manifests, String... more) {
    return args(List.of("plan", "-f", manifests.toString(), "--state", state.toString()), more);
  }

  /** {@code apply PLAN --state TARGET} and more. */
  private static String[] applyArgs(Path planFile, Path target, String... more) {
    return args(List.of("apply", planFile.toString(), "--state", target.toString()), more);
  }

  private static String[] args(List<String> first, String... more) {
    return Stream.concat(first.stream(), Arrays.stream(more)).toArray(String[]::new);
  }

  /**
   * Runs apply, which must refuse: exit 1, nothing on standard output, the target untouched.
   * Returns what it said on standard error.
   */
  private static String refusal(Path target, String... args) throws IOException {
    byte[] before = Files.readAllBytes(target);
    Run run = run(args);
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(Files.readAllBytes(target)).isEqualTo(before);
    return run.err();
  }

  @Test
  void refusesAStalePlanAndChangesNothing() throws IOException {
    Files.writeString(
        state,
        Files.readString(state)
            .replace(
                "\"region\": \"eu\", \"tier\": \"enterprise\"",
                "\"region\": \"au\", \"tier\": \"enterprise\""));

    assertThat(refusal(state, applyArgs(plan, state)))
        .matches(
            "error: the saved plan is stale: the live state changed since the plan was made"
                + " \\(fingerprint sha256:[0-9a-f]{12}\\.\\.\\. -> sha256:[0-9a-f]{12}\\.\\.\\.\\)\\."
                + " Nothing was changed; run kinde-props plan again\\.\n");
  }

  @Test
  void refusesAPlanMadeFromOtherManifests() throws IOException {
    Path other = Files.createDirectories(dir.resolve("manifests"));
    for (String name : List.of("applications.yaml", "profiles.yaml", "properties.yaml")) {
      Files.copy(QUICKSTART.resolve(name), other.resolve(name));
    }
    Files.writeString(
        other.resolve("applications.yaml"),
        Files.readString(other.resolve("applications.yaml"))
            .replace("model_version: v2", "model_version: v4"));

    assertThat(refusal(state, applyArgs(plan, state, "-f", other.toString())))
        .startsWith(
            "error: the saved plan is stale: the manifests changed since the plan was made (digest sha256:");
  }

  @Test
  void refusesAPlanMadeByAnotherVersion() throws IOException {
    Files.writeString(
        plan,
        PlanFiles.resign(
            Files.readString(plan)
                .replace(
                    "\"tool_version\": \"" + Version.current() + "\"",
                    "\"tool_version\": \"0.0.1-old\"")));

    assertThat(refusal(state, applyArgs(plan, state)))
        .isEqualTo(
            "error: the saved plan is stale: it was made by kinde-props 0.0.1-old, and this is"
                + " kinde-props "
                + Version.current()
                + ". Nothing was changed; run kinde-props plan again.\n");
  }

  @Test
  void refusesAPlanMadeForAnotherTarget() throws IOException {
    Path other = Files.copy(state, dir.resolve("other.json"));

    assertThat(refusal(other, applyArgs(plan, other)))
        .isEqualTo(
            "error: the plan was made for file:"
                + state
                + ", not for file:"
                + other
                + ": apply it to the target it was made for, or run kinde-props plan against this"
                + " one. Nothing was changed.\n");
  }

  @Test
  void namesWhatIsWrongWithThePlanFile() throws IOException {
    Path missing = dir.resolve("missing.json");
    assertThat(refusal(state, applyArgs(missing, state)))
        .isEqualTo("error: plan file " + missing + " does not exist\n");

    Path garbage = Files.writeString(dir.resolve("garbage.json"), "{not json");
    assertThat(refusal(state, applyArgs(garbage, state)))
        .startsWith("error: " + garbage + ": not a plan file: ");

    assertThat(refusal(state, applyArgs(state, state)))
        .isEqualTo(
            "error: "
                + state
                + ": not a plan file (it has no format_version); save one with kinde-props plan"
                + " --out\n");

    Path binary = Files.write(dir.resolve("binary.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    assertThat(refusal(state, applyArgs(binary, state)))
        .isEqualTo("error: " + binary + ": not a plan file: not UTF-8 text\n");
  }

  @Test
  void aFailedChangeIsReportedWithWhatWasDoneAndWhatIsLeft() throws IOException {
    // The quickstart without its one sensitive value, which a saved plan cannot write.
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    for (String name : List.of("properties.yaml", "profiles.yaml", "applications.yaml")) {
      Files.writeString(
          manifests.resolve(name),
          Files.readString(QUICKSTART.resolve(name))
              .replaceAll("      billing_notes: \\|\n(        .*\n)+", ""));
    }
    assertThat(run(planArgs(manifests, "--out", plan.toString())).code()).isZero();
    // A change for an application the state file does not hold fails when its turn comes.
    String unknown = "ffffffffffffffffffffffffffffffff";
    String text = Files.readString(plan);
    String broken =
        text.replaceFirst(
            "(\"address\": \"application.billing-worker.value.region\",\\s+\"kind\": \"value\",\\s+\"action\": \"update\",\\s+\"application_id\": )\"3b0b5c6c8fcc464fab397f4969b5f482\"",
            "$1\"" + unknown + "\"");
    assertThat(broken).isNotEqualTo(text);
    Files.writeString(plan, PlanFiles.resign(broken));

    Run run = run(applyArgs(plan, state, "--parallelism", "1"));

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    // A line per change that finished, the failed one too, then the report; none for the rest.
    assertThat(run.out())
        .contains(
            "\n\nproperty.model_version: updated\n"
                + "property.billing_notes: created\n"
                + "application.billing-worker.value.region: failed\n\n")
        .endsWith(
            "Failed: application.billing-worker.value.region: no application has id \""
                + unknown
                + "\"\n"
                + "Not started: application.report-generator.value.region,"
                + " application.billing-worker.claim.model_version\n"
                + "Apply failed: 2 done, 1 failed, 2 not started. Run kinde-props plan to see what"
                + " is left.\n");
    Run rest = run(planArgs(manifests));
    assertThat(rest.out()).contains("Plan: 2 to create, 1 to update, 0 to replace, 0 to delete.\n");
  }
}
