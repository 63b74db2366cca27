package dev.kindeprops.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kindeprops.plan.PlanCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example workflows (examples/github/) and the action (action.yml) run as a runner would run
 * them: each shell step with bash, in a temporary repository laid out like a team's (the
 * quickstart's manifests in {@code kinde/}, its state file as the target), with {@code
 * GITHUB_OUTPUT}, {@code GITHUB_STEP_SUMMARY} and {@code RUNNER_TEMP} in temporary files.
 *
 * <p>kinde-props itself runs for real: {@code GITHUB_ACTION_PATH} holds a launcher that starts the
 * compiled classes (the action's own launcher would build the jar with Maven first). The GitHub CLI
 * ({@code gh}) is the one thing mocked ({@link FakeGh}): it records its calls and answers as GitHub
 * would. Skipped where bash is not available.
 */
class WorkflowTest {
  static final Path ACTION = Path.of("action.yml");
  static final Path EXAMPLES = Path.of("examples/github");
  static final String REPOSITORY = "acme/kinde-config";
  static final String HEAD = "5f1e0c9a7b3d2e4f6a8b0c1d2e3f4a5b6c7d8e9f";
  static final String MERGE = "0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3";

  /** The gh call that lists the comments of pull request #7. */
  static final String LIST_COMMENTS = "api --paginate repos/" + REPOSITORY + "/issues/7/comments";

  @TempDir Path dir;
  Path workspace;
  Path temp;
  Path launcherDir;
  FakeGh gh;
  Map<String, String> env;

  @BeforeAll
  static void needsBash() throws InterruptedException {
    boolean bash;
    try {
      Process process = new ProcessBuilder("bash", "-c", "exit 0").start();
      bash = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      bash = false;
    }
    assumeTrue(bash, "bash is not available: the workflow scripts cannot run here");
  }

  @BeforeEach
  void layOutARepository() throws IOException {
    workspace = Files.createDirectories(dir.resolve("repo"));
    temp = Files.createDirectories(dir.resolve("runner-temp"));
    Path manifests = Files.createDirectories(workspace.resolve("kinde"));
    for (String file : List.of("applications.yaml", "profiles.yaml", "properties.yaml")) {
      Files.copy(Path.of("examples/quickstart").resolve(file), manifests.resolve(file));
    }
    Files.copy(
        Path.of("examples/quickstart/kinde-state.json"), workspace.resolve("kinde-state.json"));
    launcherDir = Files.createDirectories(dir.resolve("action"));
    Files.copy(Path.of("pom.xml"), launcherDir.resolve("pom.xml"));
    Path launcher = launcherDir.resolve("kinde-props");
    Files.writeString(
        launcher,
        "#!/usr/bin/env bash\nexec "
            + FakeGh.quote(Path.of(System.getProperty("java.home"), "bin", "java").toString())
            + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "
            + FakeGh.quote(System.getProperty("java.class.path"))
            + " dev.kindeprops.Main \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    gh = new FakeGh(Files.createDirectories(dir.resolve("gh")));
    env = new LinkedHashMap<>();
    env.put("KINDE_PROPS_STATE", "kinde-state.json");
  }

  private WorkflowRunner.Result run(String workflow, Map<String, Object> github)
      throws IOException, InterruptedException {
    return run(EXAMPLES.resolve(workflow), github);
  }

  private WorkflowRunner.Result run(Path workflow, Map<String, Object> github)
      throws IOException, InterruptedException {
    Path bin = gh.install();
    Map<String, String> process = new LinkedHashMap<>();
    process.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    process.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    process.put("LANG", "C.UTF-8");
    WorkflowRunner runner =
        new WorkflowRunner(
            workspace,
            temp,
            ACTION,
            launcherDir,
            process,
            github,
            Map.of("KINDE_PROPS_REPOSITORY", "acme/kinde-props", "KINDE_PROPS_REF", "v0.1.0"),
            Map.of(),
            env);
    return runner.run(workflow);
  }

  static Map<String, Object> pullRequest(boolean fork) {
    return Map.of(
        "repository",
        REPOSITORY,
        "token",
        "ghs_faketoken",
        "run_id",
        "1001",
        "server_url",
        "https://github.com",
        "sha",
        MERGE,
        "event",
        Map.of(
            "pull_request",
            Map.of("number", "7", "head", Map.of("sha", HEAD, "repo", Map.of("fork", fork)))));
  }

  static Map<String, Object> push() {
    return Map.of(
        "repository", REPOSITORY,
        "token", "ghs_faketoken",
        "run_id", "1002",
        "server_url", "https://github.com",
        "sha", MERGE);
  }

  private String summary() throws IOException {
    Path file = temp.resolve("step-summary.md");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  // ---- plan.yml ------------------------------------------------------------------------------

  /** Runs plan.yml on pull request #7, which must succeed. */
  private WorkflowRunner.Result plan(Map<String, Object> pullRequest)
      throws IOException, InterruptedException {
    WorkflowRunner.Result result = run("plan.yml", pullRequest);
    assertThat(result.success()).as(result.log()).isTrue();
    return result;
  }

  @Test
  void planPostsOneCommentAndKeepsThePlanFile() throws Exception {
    gh.on(LIST_COMMENTS, "")
        .on("api --method POST repos/" + REPOSITORY + "/issues/7/comments", "{}");

    WorkflowRunner.Result result = plan(pullRequest(false));
    assertThat(result.outputs().get("plan"))
        .containsEntry("exit-code", "2")
        .containsEntry("has-changes", "true");
    // The saved plan is a valid plan for the target apply will use.
    var plan = PlanCodec.read("plan.json", Files.readString(workspace.resolve("plan.json")));
    assertThat(plan.target()).isEqualTo("file:kinde-state.json");
    assertThat(gh.calls())
        .hasSize(2)
        .last()
        .asString()
        .startsWith("api --method POST repos/" + REPOSITORY + "/issues/7/comments -F body=@");
    String comment = gh.bodies().get(0);
    assertThat(comment)
        .startsWith("<!-- kinde-props-plan: kinde -->\n### kinde-props plan\n")
        .contains("**Plan: 4 to create, 2 to update, 0 to replace, 0 to delete.**")
        .contains("Planned at " + HEAD + " by [run 1001](https://github.com/" + REPOSITORY)
        .doesNotContain("Invoiced yearly");
    assertThat(summary()).contains("### kinde-props plan");
    // The validate step annotated nothing and said the manifests are valid.
    assertThat(result.log()).contains("Valid: 4 properties in 2 categories");
  }

  @Test
  void planEditsItsEarlierComment() throws Exception {
    // Should two marked comments exist, the first is edited.
    gh.on(LIST_COMMENTS, "4242\n4243\n")
        .on("api --method PATCH repos/" + REPOSITORY + "/issues/comments/4242", "{}");

    WorkflowRunner.Result result = plan(pullRequest(false));
    assertThat(gh.calls()).hasSize(2);
    assertThat(gh.calls().get(1))
        .startsWith("api --method PATCH repos/" + REPOSITORY + "/issues/comments/4242");
  }

  @Test
  void aForkWithoutCredentialsPlansAgainstTheSnapshotAndCannotComment() throws Exception {
    env.put("KINDE_PROPS_STATE", "");
    env.put("KINDE_PROPS_SNAPSHOT", "kinde-state.json");
    gh.on(LIST_COMMENTS, "")
        .fail("api --method POST", "HTTP 403: Resource not accessible by integration");

    WorkflowRunner.Result result = plan(pullRequest(true));
    assertThat(result.log())
        .contains("::notice title=kinde-props::No Kinde credentials")
        .contains("::warning title=kinde-props::Cannot comment on a pull request from a fork");
    assertThat(summary()).contains("### kinde-props plan");
  }

  @Test
  void withoutCredentialsOrSnapshotPlanFailsSayingWhatToSet() throws Exception {
    env.put("KINDE_PROPS_STATE", "");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    assertThat(result.success()).isFalse();
    assertThat(result.log()).contains("::error title=kinde-props::No Kinde credentials");
    assertThat(gh.calls()).isEmpty();
  }

  @Test
  void invalidManifestsFailTheValidateStepWithAnnotations() throws Exception {
    Path apps = workspace.resolve("kinde/applications.yaml");
    Files.writeString(apps, Files.readString(apps).replace("region: eu", "region: 443"));

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains("::error file=kinde/applications.yaml,line=")
        .contains("::error title=kinde-props validate failed::");
    assertThat(Files.exists(workspace.resolve("plan.json"))).isFalse();
    assertThat(gh.calls()).isEmpty();
  }

  // ---- apply.yml -----------------------------------------------------------------------------

  /** Plans the pull request as plan.yml does, and lets gh hand the plan to apply.yml. */
  private Path reviewedPlan() throws Exception {
    gh.on(LIST_COMMENTS, "")
        .on("api --method POST repos/" + REPOSITORY + "/issues/7/comments", "{}");
    plan(pullRequest(false));
    Path artifact = Files.createDirectories(dir.resolve("artifact")).resolve("plan.json");
    Files.move(workspace.resolve("plan.json"), artifact);
    gh.on("api repos/" + REPOSITORY + "/commits/" + MERGE + "/pulls", "7 " + HEAD + "\n")
        .on("run list --repo " + REPOSITORY + " --workflow plan.yml --commit " + HEAD, "555\n")
        .download(
            "run download 555 --repo " + REPOSITORY + " --name kinde-props-plan-" + HEAD, artifact);
    return artifact;
  }

  @Test
  void applyCarriesOutExactlyTheReviewedPlanAndKeepsABaseline() throws Exception {
    reviewedPlan();

    WorkflowRunner.Result result = run("apply.yml", push());

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.log())
        .contains("Applying the plan reviewed on pull request #7 (plan run 555");
    assertThat(gh.calls())
        .contains(
            "run download 555 --repo "
                + REPOSITORY
                + " --name kinde-props-plan-"
                + HEAD
                + " --dir "
                + temp.resolve("kinde-props-reviewed-plan"));
    // Nothing is left to do, and the baseline holds the state that was applied.
    assertThat(Files.readString(temp.resolve("kinde-props-baseline.json")))
        .contains("\"billing_notes\"");
    WorkflowRunner.Result again = planAgain();
    assertThat(again.outputs().get("plan")).containsEntry("exit-code", "0");
  }

  private WorkflowRunner.Result planAgain() throws Exception {
    gh.on(LIST_COMMENTS, "");
    return run("plan.yml", pullRequest(false));
  }

  @Test
  void aStalePlanFailsLoudlyAndChangesNothing() throws Exception {
    reviewedPlan();
    // Someone changes the tenant between review and merge.
    Path state = workspace.resolve("kinde-state.json");
    Files.writeString(
        state,
        Files.readString(state).replace("\"values\": {\"tier\": \"pro\"}", "\"values\": {}"));
    String before = Files.readString(state);

    WorkflowRunner.Result result = run("apply.yml", push());

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=kinde-props apply failed::the saved plan is stale: the live state"
                + " changed since the plan was made");
    assertThat(Files.readString(state)).isEqualTo(before);
    assertThat(Files.exists(temp.resolve("kinde-props-baseline.json"))).isFalse();
  }

  @Test
  void aPushThatNoPullRequestMergedIsNotApplied() throws Exception {
    gh.on("api repos/" + REPOSITORY + "/commits/" + MERGE + "/pulls", "");
    String before = Files.readString(workspace.resolve("kinde-state.json"));

    WorkflowRunner.Result result = run("apply.yml", push());

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=No reviewed plan::" + MERGE + " was not merged from a pull request");
    assertThat(Files.readString(workspace.resolve("kinde-state.json"))).isEqualTo(before);
  }

  @Test
  void anExpiredPlanArtifactIsNotApplied() throws Exception {
    gh.on("api repos/" + REPOSITORY + "/commits/" + MERGE + "/pulls", "7 " + HEAD + "\n")
        .on("run list", "555\n")
        .fail("run download", "no valid artifacts found to download");

    WorkflowRunner.Result result = run("apply.yml", push());

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=No reviewed plan::Cannot download the plan kinde-props-plan-" + HEAD);
  }

  // ---- drift.yml -----------------------------------------------------------------------------

  /** Runs drift.yml on a push, which must succeed with this exit code of the drift step. */
  private WorkflowRunner.Result drift(String exitCode) throws IOException, InterruptedException {
    WorkflowRunner.Result result = run("drift.yml", push());
    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.outputs().get("drift")).containsEntry("exit-code", exitCode);
    return result;
  }

  private String lastGhCall() throws IOException {
    return gh.calls().get(gh.calls().size() - 1);
  }

  @Test
  void driftOpensOneLabelledIssueWithTheReport() throws Exception {
    Files.writeString(
        workspace.resolve(".kinde-props-ignore"),
        "application.report-generator  waiting for the region rollout\n");
    Path baseline = dir.resolve("kinde-props-baseline.json");
    Files.copy(workspace.resolve("kinde-state.json"), baseline);
    gh.on("run list --repo " + REPOSITORY + " --workflow apply.yml", "77\n")
        .download("run download 77 --repo " + REPOSITORY + " --name kinde-props-baseline", baseline)
        .on("issue list --repo " + REPOSITORY + " --label kinde-props-drift --state open", "")
        .on("label create kinde-props-drift", "")
        .on("issue create", "https://github.com/" + REPOSITORY + "/issues/9\n");

    drift("2");

    assertThat(lastGhCall())
        .startsWith(
            "issue create --repo "
                + REPOSITORY
                + " --label kinde-props-drift --title Kinde drift: the live tenant no longer"
                + " matches the manifests --body-file ");
    String body = gh.bodies().get(0);
    assertThat(body)
        .startsWith("### kinde-props drift\n")
        .contains("(moved: 4 manifests, 1 unknown); 1 change ignored as known drift")
        .contains("Ignored as known drift (1)")
        .contains("Found by [run 1002](https://github.com/" + REPOSITORY + "/actions/runs/1002)");
    assertThat(summary()).contains("### kinde-props drift");
  }

  @Test
  void driftUpdatesTheOpenIssue() throws Exception {
    gh.on("run list", "")
        .on("issue list", "12\n")
        .on("issue edit 12 --repo " + REPOSITORY + " --body-file ", "");

    WorkflowRunner.Result result = drift("2");

    assertThat(result.log())
        .contains("No baseline from a successful apply.yml run")
        .contains("Updated the drift issue #12.");
    assertThat(gh.bodies().get(0)).contains("**Drift: 6 changes.**");
  }

  @Test
  void theIssueIsClosedOnceTheDriftIsGone() throws Exception {
    Path noOp = Path.of("src/test/resources/cases/no-op");
    try (Stream<Path> old = Files.list(workspace.resolve("kinde"))) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    for (String file : List.of("applications.yaml", "properties.yaml")) {
      Files.copy(noOp.resolve("manifests").resolve(file), workspace.resolve("kinde").resolve(file));
    }
    Files.copy(
        noOp.resolve("state.json"),
        workspace.resolve("kinde-state.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    gh.on("run list", "").on("issue list", "12\n").on("issue close 12", "");

    drift("0");

    assertThat(lastGhCall())
        .isEqualTo(
            "issue close 12 --repo "
                + REPOSITORY
                + " --comment No drift any more, as of [run 1002](https://github.com/"
                + REPOSITORY
                + "/actions/runs/1002).");
  }

  @Test
  void aFailedDriftCheckFailsTheJobAndLeavesTheIssueAlone() throws Exception {
    Files.writeString(workspace.resolve("kinde-state.json"), "{not json");
    gh.on("run list", "");

    WorkflowRunner.Result result = run("drift.yml", push());

    assertThat(result.success()).isFalse();
    assertThat(result.outputs().get("drift")).containsEntry("exit-code", "1");
    assertThat(result.log())
        .contains("::error title=kinde-props drift failed::kinde-state.json:1:");
    assertThat(gh.calls()).noneMatch(call -> call.startsWith("issue"));
  }

  // ---- the action on its own -----------------------------------------------------------------

  @Test
  void theActionRefusesAnUnknownCommand() throws Exception {
    Path workflow = dir.resolve("unknown.yml");
    Files.writeString(
        workflow,
        """
        on: push
        jobs:
          one:
            runs-on: ubuntu-latest
            steps:
              - id: bad
                uses: ./.kinde-props
                with:
                  command: "destroy; rm -rf /"
        """);
    WorkflowRunner.Result result = run(workflow, push());

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=kinde-props::unknown command 'destroy??rm?-rf??': use validate, plan,"
                + " apply, drift, verify, export or claims");
    assertThat(gh.calls()).isEmpty();
  }
}
