package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kinde-props drift} in process: every format, exit codes, ignore files, attribution against
 * a baseline, and the GitHub job summary.
 */
class DriftCommandTest {
  static final String QUICKSTART = PlanCommandTest.QUICKSTART;
  static final String STATE = PlanCommandTest.STATE;
  static final Path NO_OP = Path.of("src/test/resources/cases/no-op");

  @TempDir Path dir;

  /** The no-op case's state, where a dashboard user moved search-indexer to eu. */
  private Path drifted() throws IOException {
    Path state = dir.resolve("live.json");
    String text = Files.readString(NO_OP.resolve("state.json"));
    String moved = text.replace("\"region\": \"us\"", "\"region\": \"eu\"");
    assertThat(moved).isNotEqualTo(text);
    Files.writeString(state, moved);
    return state;
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static String manifests() {
    return NO_OP.resolve("manifests").toString();
  }

  @Test
  void noDriftExitsZero() {
    Run run =
        run(
            "drift",
            "-f",
            manifests(),
            "--state",
            NO_OP.resolve("state.json").toString(),
            "--no-color");

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            "Drift check: file:src/test/resources/cases/no-op/state.json\n"
                + "No baseline: which side moved cannot be told (give --baseline with a snapshot"
                + " taken after the last apply).\n\n"
                + "No drift. The live state matches the manifests.\n");
  }

  @Test
  void driftExitsTwoAndListsEachChangeWithBothSides() throws IOException {
    Run run = run("drift", "-f", manifests(), "--state", drifted().toString());

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    assertThat(run.out())
        .contains(
            "Drifted (1):\n"
                + "  ~ application.search-indexer.value.region: live \"eu\"; manifests \"us\"\n")
        .endsWith("Drift: 1 change.\n");
  }

  @Test
  void theQuickstartShowsEveryKindOfChange() {
    Run run = run("drift", "-f", QUICKSTART, "--state", STATE);

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    assertThat(run.out())
        .contains("  ~ property.model_version: live is_private true; manifests is_private false\n")
        .contains("  + property.billing_notes: live absent; manifests declared\n")
        .contains(
            "  + application.billing-worker.value.billing_notes: live (none); manifests"
                + " (sensitive)\n")
        .contains("  + application.billing-worker.claim.model_version: live off; manifests on\n")
        .doesNotContain("Invoiced yearly")
        .endsWith("Drift: 6 changes.\n");
  }

  @Test
  void aBaselineTellsWhichSideMoved() throws IOException {
    Path manifests = dir.resolve("manifests");
    Files.createDirectories(manifests);
    for (String file : new String[] {"applications.yaml", "properties.yaml"}) {
      Files.copy(NO_OP.resolve("manifests").resolve(file), manifests.resolve(file));
    }
    // The manifests now say tier free for billing-worker; the dashboard moved search-indexer.
    Path apps = manifests.resolve("applications.yaml");
    Files.writeString(apps, Files.readString(apps).replace("tier: pro", "tier: free"));
    Path baseline = NO_OP.resolve("state.json");

    Run run =
        run(
            "drift",
            "-f",
            manifests.toString(),
            "--state",
            drifted().toString(),
            "--baseline",
            baseline.toString());

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    assertThat(run.out())
        .contains("Baseline: src/test/resources/cases/no-op/state.json. Moved: live = changed")
        .contains(
            "  ~ application.billing-worker.value.tier: live \"pro\"; manifests \"free\" (moved:"
                + " manifests)\n")
        .contains(
            "  ~ application.search-indexer.value.region: live \"eu\"; manifests \"us\" (moved:"
                + " live)\n")
        .endsWith("Drift: 2 changes (moved: 1 live, 1 manifests).\n");
  }

  @Test
  void ignoredDriftIsListedApartAndDoesNotCount() throws IOException {
    Path ignore =
        write(
            "ignore",
            "# accepted\napplication.search-indexer.value.*  moved to eu on purpose\n"
                + "property.gone  # stale\n");

    Run run =
        run(
            "drift",
            "-f",
            manifests(),
            "--state",
            drifted().toString(),
            "--ignore",
            ignore.toString(),
            "--no-color");

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    String name = ignore.toString();
    assertThat(run.out())
        .contains(
            "Ignored as known drift (1):\n"
                + "  ~ application.search-indexer.value.region: live \"eu\"; manifests \"us\" # "
                + name
                + ":2: moved to eu on purpose\n")
        .contains(
            "Warning: "
                + name
                + ":3: ignore pattern \"property.gone\" matches no change: remove it if the drift"
                + " it accepted is gone\n")
        .endsWith(
            "No drift. The live state matches the manifests (1 change ignored as known drift).\n");
  }

  @Test
  void aBadIgnoreFileStopsBeforeTheTargetIsRead() throws IOException {
    Path ignore = write("ignore", "property.***\n\"unclosed\n");

    Run run =
        run("drift", "-f", manifests(), "--state", "nowhere.json", "--ignore", ignore.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            ignore
                + ":1: error: '***' in \"property.***\": use '*' within a segment or '**' across"
                + " segments\n"
                + ignore
                + ":2: error: a quoted pattern has no closing '\"'\n");
  }

  @Test
  void missingFilesAreOneLineErrors() throws IOException {
    Run noIgnore =
        run(
            "drift",
            "-f",
            manifests(),
            "--state",
            drifted().toString(),
            "--ignore",
            dir.resolve("none").toString());
    assertThat(noIgnore.code()).isEqualTo(ExitCode.ERROR);
    assertThat(noIgnore.err())
        .isEqualTo("error: ignore file " + dir.resolve("none") + " does not exist\n");

    Run noBaseline =
        run(
            "drift",
            "-f",
            manifests(),
            "--state",
            drifted().toString(),
            "--baseline",
            dir.resolve("b.json").toString());
    assertThat(noBaseline.code()).isEqualTo(ExitCode.ERROR);
    assertThat(noBaseline.err())
        .isEqualTo(
            "error: cannot use the baseline: state file "
                + dir.resolve("b.json")
                + " does not"
                + " exist\n");

    Run noTarget = run("drift", "-f", manifests());
    assertThat(noTarget.code()).isEqualTo(ExitCode.ERROR);
    assertThat(noTarget.err()).startsWith("error: no target: give --state FILE");
  }

  @Test
  void invalidManifestsAreErrors() throws IOException {
    Path bad = write("bad.yaml", "version: 1\nproperties:\n  Region: {name: R, category: C}\n");

    Run run = run("drift", "-f", bad.toString(), "--state", STATE);

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).contains("bad.yaml:3:3: error:");
  }

  @Test
  void jsonFollowsItsSchemaAndMasksSensitiveValues() throws IOException {
    Path ignore = write("ignore", "application.report-generator  later\nproperty.nothing\n");

    Run run =
        run(
            "drift",
            "-f",
            QUICKSTART,
            "--state",
            STATE,
            "--baseline",
            STATE,
            "--ignore",
            ignore.toString(),
            "--format",
            "json");

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    JsonNode report = Json.MAPPER.readTree(run.out());
    assertThat(JsonSchema.load("/schemas/drift.schema.json").problems(report)).isEmpty();
    assertThat(report.get("has_drift").asBoolean()).isTrue();
    assertThat(report.get("baseline").asString()).isEqualTo(STATE);
    assertThat(report.get("summary").toString())
        .isEqualTo(
            "{\"drifted\":5,\"ignored\":1,\"stale_ignores\":1,\"live\":0,\"manifests\":5,"
                + "\"both\":0,\"unknown\":0}");
    JsonNode notes = report.get("drifted").get(2);
    assertThat(notes.get("address").asString())
        .isEqualTo("application.billing-worker.value.billing_notes");
    assertThat(notes.get("manifests").asString()).isEqualTo("(sensitive)");
    JsonNode ignored = report.get("ignored").get(0);
    assertThat(ignored.get("ignored_by").get("reason").asString()).isEqualTo("later");
    assertThat(ignored.get("ignored_by").get("line").asInt()).isEqualTo(1);
    assertThat(report.get("stale_ignores").get(0).get("pattern").asString())
        .isEqualTo("property.nothing");
    assertThat(run.out()).doesNotContain("Invoiced yearly");
    // The same inputs give the same bytes.
    assertThat(
            run(
                    "drift",
                    "-f",
                    QUICKSTART,
                    "--state",
                    STATE,
                    "--baseline",
                    STATE,
                    "--ignore",
                    ignore.toString(),
                    "--format",
                    "json")
                .out())
        .isEqualTo(run.out());
  }

  @Test
  void markdownIsATableForAnIssue() throws IOException {
    Run run =
        run(
            "drift",
            "-f",
            manifests(),
            "--state",
            drifted().toString(),
            "--baseline",
            NO_OP.resolve("state.json").toString(),
            "--format",
            "markdown");

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    assertThat(run.out())
        .startsWith("### kinde-props drift\n\n**Drift: 1 change (moved: 1 live).** Target: <code>")
        .contains(
            "| | change | live | manifests | moved |\n|:--|:--|:--|:--|:--|\n"
                + "| ~ | <code>application.search-indexer.value.region</code> |"
                + " <code>\"eu\"</code> | <code>\"us\"</code> | live |\n");
  }

  @Test
  void githubAnnotatesTheManifestLines() throws IOException {
    Path ignore = write("ignore", "property.stale\n");

    Run run =
        run(
            "drift",
            "-f",
            QUICKSTART,
            "--state",
            STATE,
            "--ignore",
            ignore.toString(),
            "--format",
            "github");

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    assertThat(run.out())
        .contains(
            "::warning file=examples/quickstart/properties.yaml,line=19,col=3,title=kinde-props"
                + " drift::property.model_version: live is_private true; manifests is_private"
                + " false\n")
        .contains(
            "::warning file=examples/quickstart/applications.yaml,line=7,col=3,title=kinde-props"
                + " drift::application.billing-worker.value.region: live \"us\"; manifests"
                + " \"eu\"\n")
        .contains(
            "::warning file="
                + ignore.toString().replace(":", "%3A")
                + ",line=1,title=kinde-props drift::ignore pattern \"property.stale\" matches no"
                + " change: remove it if the drift it accepted is gone\n")
        .endsWith("Drift: 6 changes.\n");
  }

  @Test
  void theJobSummaryGetsTheMarkdownReport() throws IOException {
    Path summary = write("summary.md", "# Earlier step\n\n");
    Map<String, String> env = Map.of("GITHUB_STEP_SUMMARY", summary.toString());

    Run drift = run(env, "drift", "-f", manifests(), "--state", drifted().toString());
    Run plan = run(env, "plan", "-f", QUICKSTART, "--state", STATE);

    assertThat(drift.code()).isEqualTo(ExitCode.CHANGES);
    assertThat(plan.code()).isEqualTo(ExitCode.OK);
    assertThat(drift.out()).startsWith("Drift check:");
    assertThat(plan.out()).startsWith("Target:");
    String text = Files.readString(summary);
    assertThat(text)
        .startsWith("# Earlier step\n\n### kinde-props drift\n\n**Drift: 1 change.**")
        .contains("\n\n### kinde-props plan\n\n**Plan: 4 to create, 2 to update");
  }

  @Test
  void anUnwritableJobSummaryIsAWarningOnly() throws IOException {
    Map<String, String> env =
        Map.of("GITHUB_STEP_SUMMARY", dir.resolve("missing/dir/summary.md").toString());

    Run run = run(env, "drift", "-f", manifests(), "--state", drifted().toString());

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    assertThat(run.err()).startsWith("warning: cannot append the report to GITHUB_STEP_SUMMARY (");
  }

  @Test
  void anUnknownFormatIsRefused() {
    Run run = run("drift", "-f", manifests(), "--state", STATE, "--format", "yaml");
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).contains("expected text, json, markdown or github, not 'yaml'");
  }
}
