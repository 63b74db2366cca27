package dev.kindeprops.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kindeprops.fixtures.Launcher;
import dev.kindeprops.live.kinde.FakeKinde;
import dev.kindeprops.plan.PlanCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
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
 * them: each shell step with bash, in a temporary git repository laid out like a team's (the
 * quickstart's manifests in {@code kinde/}, its state file as the target), a pull request checked
 * out as its merge commit, with {@code GITHUB_OUTPUT}, {@code GITHUB_STEP_SUMMARY} and {@code
 * RUNNER_TEMP} in temporary files.
 *
 * <p>kinde-props itself runs for real: the action downloads a release made of the compiled classes
 * ({@link ReleaseJar}), checks its checksum, and starts it with a class-data-sharing archive; with
 * {@code version: source}, {@code GITHUB_ACTION_PATH} holds a launcher that starts the compiled
 * classes (the action's own launcher would build the jar with Maven first). The GitHub CLI ({@code
 * gh}) is the one thing mocked ({@link FakeGh}): it records its calls and answers as GitHub would.
 * Skipped where bash or git is not available.
 */
class WorkflowTest {
  static final Path ACTION = Path.of("action.yml");
  static final Path EXAMPLES = Path.of("examples/github");
  static final String REPOSITORY = "acme/kinde-config";
  static final String KINDE_PROPS = "acme/kinde-props";
  static final String VERSION = "v0.1.0";
  // The quickstart's applications.
  static final String BILLING = "3b0b5c6c8fcc464fab397f4969b5f482";
  static final String REPORTS = "6513270e269e0d37f2a74de452e6b438";
  static final String SCORER = "d23f0824128b2f330c5c7fd0a6a3a450";
  static final String HEAD = "5f1e0c9a7b3d2e4f6a8b0c1d2e3f4a5b6c7d8e9f";
  static final String MERGE = "0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3";
  static final String LIST_COMMENTS = "api --paginate repos/" + REPOSITORY + "/issues/7/comments";
  static final String RELEASE_DOWNLOAD = "release download " + VERSION + " --repo " + KINDE_PROPS;

  @TempDir static Path release;

  @TempDir Path dir;
  Path workspace;
  Path temp;
  Path launcherDir;
  FakeGh gh;
  Map<String, String> env;
  Map<String, String> vars;
  Map<String, String> secrets;

  @BeforeAll
  static void needsBashAndGitAndARelease() throws IOException, InterruptedException {
    assumeTrue(runs("bash", "-c", "exit 0"), "bash is not available: the scripts cannot run here");
    assumeTrue(runs("git", "--version"), "git is not available: no pull request to check out");
    ReleaseJar.write(release);
  }

  private static boolean runs(String... command) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
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
    Files.writeString(workspace.resolve("README.md"), "# Kinde configuration\n");
    launcherDir = Files.createDirectories(dir.resolve("action"));
    Files.copy(Path.of("pom.xml"), launcherDir.resolve("pom.xml"));
    Launcher.write(launcherDir.resolve("kinde-props"));
    gh = newGh("gh");
    env = new LinkedHashMap<>();
    env.put("KINDE_PROPS_STATE", "kinde-state.json");
    secrets = new LinkedHashMap<>();
    vars = new LinkedHashMap<>();
    vars.put("KINDE_PROPS_REPOSITORY", KINDE_PROPS);
    vars.put("KINDE_PROPS_REF", VERSION);
  }

  /** A fresh fake gh that hands out the release as GitHub would. */
  private FakeGh newGh(String name) throws IOException {
    return new FakeGh(Files.createDirectories(dir.resolve(name)))
        .download(
            RELEASE_DOWNLOAD, release.resolve(ReleaseJar.JAR), release.resolve(ReleaseJar.SUMS));
  }

  private WorkflowRunner runner(Map<String, Object> github) throws IOException {
    Path bin = gh.install();
    Map<String, String> process = new LinkedHashMap<>();
    process.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    process.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    process.put("LANG", "C.UTF-8");
    return new WorkflowRunner(
        workspace, temp, ACTION, launcherDir, process, github, vars, secrets, env);
  }

  private WorkflowRunner.Result run(String workflow, Map<String, Object> github)
      throws IOException, InterruptedException {
    return runner(github).run(EXAMPLES.resolve(workflow));
  }

  private WorkflowRunner.Result run(String workflow, String environment, Map<String, Object> github)
      throws IOException, InterruptedException {
    String job =
        Yaml.map(Yaml.load(EXAMPLES.resolve(workflow)).get("jobs")).keySet().iterator().next();
    return runner(github).run(EXAMPLES.resolve(workflow), job, Map.of("environment", environment));
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
        "event_name",
        "pull_request",
        "ref_name",
        "7/merge",
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
        "sha", MERGE,
        "event_name", "push",
        "ref_name", "main");
  }

  /** A run by hand (workflow_dispatch) on {@code branch}. */
  static Map<String, Object> byHand(String branch) {
    return Map.of(
        "repository", REPOSITORY,
        "token", "ghs_faketoken",
        "run_id", "1003",
        "server_url", "https://github.com",
        "sha", MERGE,
        "event_name", "workflow_dispatch",
        "ref_name", branch);
  }

  /** A change a pull request makes to the workspace. */
  interface Edit {
    void apply() throws IOException;
  }

  /**
   * Commits the workspace as the base branch, makes {@code edit} on a branch, and checks out the
   * merge of the two as GitHub checks out a pull request: a merge commit whose first parent is the
   * base.
   */
  private void mergePullRequest(Edit edit) throws IOException, InterruptedException {
    git("init", "--quiet", "--initial-branch=main");
    git("add", "--all");
    git("commit", "--quiet", "--message=base");
    git("checkout", "--quiet", "-b", "feature");
    edit.apply();
    git("add", "--all");
    git("commit", "--quiet", "--message=the pull request");
    git("checkout", "--quiet", "main");
    git("merge", "--quiet", "--no-ff", "--message=merge", "feature");
  }

  /** The workspace as one commit on main, as a push or a run by hand checks it out. */
  private void commitTheWorkspace() throws IOException, InterruptedException {
    git("init", "--quiet", "--initial-branch=main");
    git("add", "--all");
    git("commit", "--quiet", "--message=main");
  }

  private void git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test"));
    command.addAll(List.of("-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0)
        .as("git " + String.join(" ", args) + ": " + output)
        .isTrue();
  }

  private void append(String file, String text) throws IOException {
    Path path = workspace.resolve(file);
    Files.writeString(path, Files.readString(path) + text);
  }

  private String summary() throws IOException {
    Path file = temp.resolve("step-summary.md");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private Path cached(String file) {
    return dir.resolve("home/.cache/kinde-props").resolve(VERSION).resolve(file);
  }

  // ---- plan.yml ------------------------------------------------------------------------------

  @Test
  void planPostsOneCommentAndKeepsThePlanFile() throws Exception {
    mergePullRequest(() -> append("kinde/applications.yaml", "# Reviewed in #7.\n"));
    gh.on(LIST_COMMENTS, "")
        .on("api --method POST repos/" + REPOSITORY + "/issues/7/comments", "{}");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.outputs().get("plan"))
        .containsEntry("exit-code", "2")
        .containsEntry("has-changes", "true");
    // The saved plan is a valid plan for the target apply will use.
    var plan = PlanCodec.read("plan.json", Files.readString(workspace.resolve("plan.json")));
    assertThat(plan.target()).isEqualTo("file:kinde-state.json");
    assertThat(gh.calls())
        .hasSize(3)
        .satisfies(calls -> assertThat(calls.get(0)).startsWith(RELEASE_DOWNLOAD))
        .last()
        .asString()
        .startsWith("api --method POST repos/" + REPOSITORY + "/issues/7/comments -F body=@");
    String comment = gh.bodies().get(0);
    assertThat(comment)
        .startsWith(
            "<!-- kinde-props-plan: kinde -->\n<!-- kinde-props-plan-report -->\n"
                + "### kinde-props plan\n")
        .contains("**Plan: 4 to create, 2 to update, 0 to replace, 0 to delete.**")
        .contains("Planned at " + HEAD + " by [run 1001](https://github.com/" + REPOSITORY)
        .doesNotContain("Invoiced yearly");
    assertThat(summary()).contains("### kinde-props plan");
    // The validate step annotated nothing and said the manifests are valid.
    assertThat(result.log())
        .contains("The pull request changes kinde:")
        .contains("Valid: 4 properties in 2 categories");
    // The release was downloaded and checked once, then run from the cache with the
    // class-data-sharing archive its first run wrote.
    assertThat(result.log())
        .contains("Downloaded kinde-props " + VERSION + " from " + KINDE_PROPS)
        .contains("kinde-props " + VERSION + " is cached in ");
    assertThat(cached("kinde-props.jar")).exists();
    assertThat(cached("kinde-props.jsa")).isNotEmptyFile();
  }

  @Test
  void planEditsItsEarlierComment() throws Exception {
    mergePullRequest(() -> append("kinde/applications.yaml", "# Reviewed in #7.\n"));
    // Should two marked comments exist, the first is edited.
    gh.on(LIST_COMMENTS, "4242\n4243\n")
        .on("api --method PATCH repos/" + REPOSITORY + "/issues/comments/4242", "{}");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(gh.calls()).hasSize(3);
    assertThat(gh.calls().get(2))
        .startsWith("api --method PATCH repos/" + REPOSITORY + "/issues/comments/4242");
  }

  @Test
  void aPullRequestThatLeavesTheManifestsAlonePassesWithoutAPlan() throws Exception {
    mergePullRequest(() -> append("README.md", "More words.\n"));
    gh.on(LIST_COMMENTS, "");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    // The required check passes: nothing to plan, so kinde-props is not even downloaded.
    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.log())
        .contains(
            "The pull request changes nothing in kinde: no manifest changes, nothing to plan.")
        .contains("No manifest changes and no earlier plan comment: nothing to say.");
    assertThat(workspace.resolve("plan.json")).doesNotExist();
    assertThat(gh.calls()).hasSize(1).allMatch(call -> call.startsWith(LIST_COMMENTS));
  }

  @Test
  void aPullRequestThatNoLongerChangesTheManifestsSaysSoOnItsPlanComment() throws Exception {
    mergePullRequest(() -> append("README.md", "More words.\n"));
    gh.on(LIST_COMMENTS, "4242\n")
        .on("api --method PATCH repos/" + REPOSITORY + "/issues/comments/4242", "{}");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(gh.bodies())
        .containsExactly(
            "<!-- kinde-props-plan: kinde -->\nNo manifest changes in kinde as of "
                + HEAD
                + " ([run 1001](https://github.com/"
                + REPOSITORY
                + "/actions/runs/1001)): merging applies nothing.\n");
  }

  @Test
  void aLaterPushThatFailsMarksThePlanCommentOutdated() throws Exception {
    mergePullRequest(
        () -> {
          Path apps = workspace.resolve("kinde/applications.yaml");
          Files.writeString(apps, Files.readString(apps).replace("region: eu", "region: 443"));
        });
    String earlier =
        "<!-- kinde-props-plan: kinde -->\n> [!WARNING]\n> **Outdated.** Planning 1111 failed.\n\n"
            + "<!-- kinde-props-plan-report -->\n### kinde-props plan\n\nThe plan of an earlier"
            + " push.\n";
    gh.on(LIST_COMMENTS, "4242\n")
        .on("api repos/" + REPOSITORY + "/issues/comments/4242 --jq .body", earlier)
        .on("api --method PATCH repos/" + REPOSITORY + "/issues/comments/4242", "{}");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains("::error title=kinde-props validate failed::")
        .contains("Marked the plan comment on pull request #7 outdated.");
    String comment = gh.bodies().get(0);
    assertThat(comment)
        .startsWith(
            "<!-- kinde-props-plan: kinde -->\n> [!WARNING]\n> **Outdated.** Planning "
                + HEAD
                + " failed in [run 1001](https://github.com/"
                + REPOSITORY
                + "/actions/runs/1001)")
        .endsWith(
            "\n\n<!-- kinde-props-plan-report -->\n### kinde-props plan\n\nThe plan of an"
                + " earlier push.\n")
        .doesNotContain("1111");
    assertThat(workspace.resolve("plan.json")).doesNotExist();
  }

  @Test
  void aForkWithoutCredentialsPlansAgainstTheSnapshotAndCannotComment() throws Exception {
    mergePullRequest(() -> append("kinde/applications.yaml", "# From a fork.\n"));
    env.put("KINDE_PROPS_STATE", "");
    env.put("KINDE_PROPS_SNAPSHOT", "kinde-state.json");
    gh.on(LIST_COMMENTS, "")
        .fail("api --method POST", "HTTP 403: Resource not accessible by integration");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(true));

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.log())
        .contains("::notice title=kinde-props::No Kinde credentials")
        .contains("::warning title=kinde-props::Cannot comment on a pull request from a fork");
    assertThat(summary()).contains("### kinde-props plan");
  }

  @Test
  void withoutCredentialsOrSnapshotPlanFailsSayingWhatToSet() throws Exception {
    mergePullRequest(() -> append("kinde/applications.yaml", "# No secrets.\n"));
    env.put("KINDE_PROPS_STATE", "");
    gh.on(LIST_COMMENTS, "");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains("::error title=kinde-props::No Kinde credentials")
        .contains("Planning failed; there is no earlier plan comment to mark outdated.");
    assertThat(gh.calls()).noneMatch(call -> call.contains("--method"));
  }

  @Test
  void invalidManifestsFailTheValidateStepWithAnnotations() throws Exception {
    mergePullRequest(
        () -> {
          Path apps = workspace.resolve("kinde/applications.yaml");
          Files.writeString(apps, Files.readString(apps).replace("region: eu", "region: 443"));
        });
    gh.on(LIST_COMMENTS, "");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains("::error file=kinde/applications.yaml,line=")
        .contains("::error title=kinde-props validate failed::");
    assertThat(workspace.resolve("plan.json")).doesNotExist();
    assertThat(gh.calls()).noneMatch(call -> call.contains("--method"));
  }

  @Test
  void aPlanRunByHandPlansTheBranchAndSaysHowToApplyIt() throws Exception {
    commitTheWorkspace();

    WorkflowRunner.Result result = run("plan.yml", byHand("main"));

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.log()).contains("as asked (workflow_dispatch)");
    assertThat(workspace.resolve("plan.json")).exists();
    assertThat(summary())
        .contains("### kinde-props plan")
        .contains("kept as the artifact kinde-props-plan-" + MERGE + " for 30 days")
        .contains("run **kinde-props apply** on main (Actions > kinde-props apply > Run workflow)");
    // No pull request, no comment.
    assertThat(gh.calls()).allMatch(call -> call.startsWith(RELEASE_DOWNLOAD));
  }

  @Test
  void anUnsetKindePropsRefStopsTheJobBeforeAnythingRuns() throws Exception {
    mergePullRequest(() -> append("kinde/applications.yaml", "# Reviewed.\n"));
    vars.remove("KINDE_PROPS_REF");
    gh.on(LIST_COMMENTS, "");

    WorkflowRunner.Result result = run("plan.yml", pullRequest(false));

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=kinde-props::Set the repository variables KINDE_PROPS_REPOSITORY"
                + " (owner/name) and KINDE_PROPS_REF");
    assertThat(workspace.resolve("plan.json")).doesNotExist();
    assertThat(gh.calls()).noneMatch(call -> call.startsWith("release"));
  }

  // ---- apply.yml -----------------------------------------------------------------------------

  /** Plans the pull request as plan.yml does, and lets gh hand the plan to apply.yml. */
  private Path reviewedPlan() throws Exception {
    mergePullRequest(() -> append("kinde/applications.yaml", "# Reviewed in #7.\n"));
    gh.on(LIST_COMMENTS, "")
        .on("api --method POST repos/" + REPOSITORY + "/issues/7/comments", "{}");
    assertThat(run("plan.yml", pullRequest(false)).success()).isTrue();
    Path artifact = Files.createDirectories(dir.resolve("artifact")).resolve("plan.json");
    Files.move(workspace.resolve("plan.json"), artifact);
    gh.on("api repos/" + REPOSITORY + "/commits/" + MERGE + "/pulls", "7 " + HEAD + "\n")
        .on(
            "run list --repo "
                + REPOSITORY
                + " --workflow plan.yml --commit "
                + HEAD
                + " --event pull_request",
            "555\n")
        .on("api --paginate repos/" + REPOSITORY + "/actions/runs/555/artifacts", "8001\n")
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
                + temp.resolve("kinde-props-plan-" + HEAD));
    // Nothing is left to do, and the baseline holds the state that was applied.
    assertThat(Files.readString(temp.resolve("kinde-props-baseline.json")))
        .contains("\"billing_notes\"");
    WorkflowRunner.Result again = run("plan.yml", pullRequest(false));
    assertThat(again.outputs().get("plan")).containsEntry("exit-code", "0");
  }

  @Test
  void applyOnKindePostsTheTogglesLeftOnThePullRequestAndTheDriftIssue() throws Exception {
    try (FakeKinde kinde = FakeKinde.start()) {
      // A fresh tenant: apply creates the properties and values, and no toggle is made yet.
      kinde.addApplication(BILLING, "Billing worker", "m2m");
      kinde.addApplication(REPORTS, "Report generator", "m2m");
      kinde.addApplication(SCORER, "ML scorer", "m2m");
      env.put("KINDE_PROPS_STATE", "");
      vars.put("KINDE_DOMAIN", kinde.domain());
      secrets.put(
          "KINDE_MANAGEMENT_CLIENT_ID", kinde.environment().get("KINDE_MANAGEMENT_CLIENT_ID"));
      secrets.put(
          "KINDE_MANAGEMENT_CLIENT_SECRET",
          kinde.environment().get("KINDE_MANAGEMENT_CLIENT_SECRET"));
      reviewedPlan();
      gh.on("issue list", "12\n").on("issue comment 12 --repo " + REPOSITORY, "");

      WorkflowRunner.Result result = run("apply.yml", push());

      assertThat(result.success()).as(result.log()).isTrue();
      assertThat(result.outputs().get("apply")).containsEntry("exit-code", "2");
      assertThat(result.log())
          .contains("Posted the toggles left on pull request #7.")
          .contains("Posted the toggles left on the drift issue #12.");
      String body = Files.readString(temp.resolve("kinde-props-toggles.md"));
      assertThat(body)
          .contains("#### Toggles still to make")
          .contains(
              "- [ ] **billing-worker** (<code>"
                  + BILLING
                  + "</code>): turn on <code>model_version</code>")
          .contains("Found by apply's closing check");
      assertThat(gh.calls())
          .contains(
              "api --method POST repos/"
                  + REPOSITORY
                  + "/issues/7/comments -F body=@"
                  + temp.resolve("kinde-props-toggles.md"))
          .anyMatch(call -> call.startsWith("issue comment 12 --repo " + REPOSITORY));
    }
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
    assertThat(temp.resolve("kinde-props-baseline.json")).doesNotExist();
    // The summary gives the way back.
    assertThat(summary())
        .contains("To apply main as it is now:")
        .contains("1. Run the plan workflow (plan.yml) on main (Actions > Run workflow).");
  }

  @Test
  void aPushThatNoPullRequestMergedIsNotApplied() throws Exception {
    gh.on("api repos/" + REPOSITORY + "/commits/" + MERGE + "/pulls", "");
    String before = Files.readString(workspace.resolve("kinde-state.json"));

    WorkflowRunner.Result result = run("apply.yml", push());

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=No reviewed plan::"
                + MERGE
                + " was not merged from a pull request, so no plan was reviewed for it. Nothing"
                + " was applied: to apply main as it is, run plan.yml on main (Actions > Run"
                + " workflow), review the plan in its summary, then run this workflow (Run"
                + " workflow).");
    assertThat(Files.readString(workspace.resolve("kinde-state.json"))).isEqualTo(before);
  }

  @Test
  void anExpiredPlanArtifactIsNotApplied() throws Exception {
    gh.on("api repos/" + REPOSITORY + "/commits/" + MERGE + "/pulls", "7 " + HEAD + "\n")
        .on("run list", "555\n")
        .on("api --paginate repos/" + REPOSITORY + "/actions/runs/555/artifacts", "8001\n")
        .fail("run download", "no valid artifacts found to download");

    WorkflowRunner.Result result = run("apply.yml", push());

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=No reviewed plan::Cannot download the plan kinde-props-plan-"
                + HEAD
                + " of run 555 (plans are kept 30 days; has it expired?). Nothing was applied:"
                + " run plan.yml on main");
  }

  @Test
  void aPlanRunByHandIsAppliedByAnApplyRunByHand() throws Exception {
    commitTheWorkspace();
    assertThat(run("plan.yml", byHand("main")).success()).isTrue();
    Path artifact = Files.createDirectories(dir.resolve("artifact")).resolve("plan.json");
    Files.move(workspace.resolve("plan.json"), artifact);
    gh.on(
            "run list --repo "
                + REPOSITORY
                + " --workflow plan.yml --commit "
                + MERGE
                + " --event workflow_dispatch",
            "556\n")
        .on("api --paginate repos/" + REPOSITORY + "/actions/runs/556/artifacts", "8002\n")
        .download(
            "run download 556 --repo " + REPOSITORY + " --name kinde-props-plan-" + MERGE,
            artifact);

    WorkflowRunner.Result result = run("apply.yml", byHand("main"));

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.log()).contains("Applying the plan of " + MERGE + " (plan run 556).");
    assertThat(temp.resolve("kinde-props-baseline.json")).exists();
    assertThat(run("plan.yml", byHand("main")).outputs().get("plan"))
        .containsEntry("exit-code", "0");
  }

  @Test
  void anApplyRunByHandWithoutAPlanRunByHandSaysHowToMakeOne() throws Exception {
    gh.on("run list", "");

    WorkflowRunner.Result result = run("apply.yml", byHand("main"));

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=No reviewed plan::No successful plan.yml run by hand planned "
                + MERGE
                + ", the last commit of main. Nothing was applied: run plan.yml on main");
  }

  @Test
  void anApplyRunByHandAppliesOnlyTheBranchItIsFor() throws Exception {

    WorkflowRunner.Result result = run("apply.yml", byHand("feature"));

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=No reviewed plan::Only main is applied, not feature: run this workflow"
                + " on main.");
    assertThat(gh.calls()).isEmpty();
  }

  // ---- drift.yml -----------------------------------------------------------------------------

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

    WorkflowRunner.Result result = run("drift.yml", push());

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.outputs().get("drift")).containsEntry("exit-code", "2");
    assertThat(gh.calls().get(gh.calls().size() - 1))
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

    WorkflowRunner.Result result = run("drift.yml", push());

    assertThat(result.success()).as(result.log()).isTrue();
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
        StandardCopyOption.REPLACE_EXISTING);
    gh.on("run list", "").on("issue list", "12\n").on("issue close 12", "");

    WorkflowRunner.Result result = run("drift.yml", push());

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.outputs().get("drift")).containsEntry("exit-code", "0");
    assertThat(gh.calls().get(gh.calls().size() - 1))
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

  // ---- several environments ------------------------------------------------------------------

  /** The environments example in kinde/, and its state files in states/. */
  private void layOutEnvironments() throws IOException {
    Path example = Path.of("examples/environments");
    Path kinde = workspace.resolve("kinde");
    try (Stream<Path> old = Files.list(kinde)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    for (String folder : List.of("shared", "production", "staging", "variables", "states")) {
      Path target = folder.equals("states") ? workspace.resolve("states") : kinde.resolve(folder);
      Files.createDirectories(target);
      try (Stream<Path> files = Files.list(example.resolve(folder))) {
        for (Path file : files.toList()) {
          Files.copy(file, target.resolve(file.getFileName()));
        }
      }
    }
    env.clear();
    env.put("KINDE_PROPS_STATES", "states");
  }

  private static String marker(String environment) {
    return "<!-- kinde-props-plan: " + environment + " -->";
  }

  @Test
  void twoEnvironmentsArePlannedFromOneCheckoutWithOneCommentEach() throws Exception {
    layOutEnvironments();
    mergePullRequest(() -> append("kinde/shared/profiles.yaml", "# Reviewed in #7.\n"));
    gh.onContaining(marker("production"), "")
        .onContaining(marker("staging"), "")
        .on("api --method POST repos/" + REPOSITORY + "/issues/7/comments", "{}");

    WorkflowRunner.Result production =
        run("plan-environments.yml", "production", pullRequest(false));
    WorkflowRunner.Result staging = run("plan-environments.yml", "staging", pullRequest(false));

    assertThat(production.success()).as(production.log()).isTrue();
    assertThat(staging.success()).as(staging.log()).isTrue();
    List<String> posts =
        gh.calls().stream().filter(call -> call.startsWith("api --method")).toList();
    assertThat(posts).hasSize(2).allMatch(call -> call.startsWith("api --method POST"));
    assertThat(gh.bodies()).hasSize(2);
    assertThat(gh.bodies().get(0))
        .startsWith(marker("production") + "\n<!-- kinde-props-plan-report -->\n")
        .contains("### kinde-props plan: production\n")
        .contains("**Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.**")
        .contains("file:states/production.json");
    assertThat(gh.bodies().get(1))
        .startsWith(marker("staging") + "\n<!-- kinde-props-plan-report -->\n")
        .contains("### kinde-props plan: staging\n")
        .contains("**Plan: 4 to create, 0 to update, 0 to replace, 0 to delete.**")
        .contains("file:states/staging.json");
    // Each plan names its environment and is kept apart.
    for (String environment : List.of("production", "staging")) {
      var plan =
          PlanCodec.read(
              "plan.json", Files.readString(workspace.resolve("plan-" + environment + ".json")));
      assertThat(plan.environment()).isEqualTo(environment);
    }

    // Planning again edits each environment's own comment.
    gh = newGh("gh-again");
    gh.onContaining(marker("production"), "5001\n")
        .onContaining(marker("staging"), "5002\n")
        .on("api --method PATCH repos/" + REPOSITORY + "/issues/comments/", "{}");
    assertThat(run("plan-environments.yml", "production", pullRequest(false)).success()).isTrue();
    assertThat(run("plan-environments.yml", "staging", pullRequest(false)).success()).isTrue();
    assertThat(gh.calls().stream().filter(call -> call.startsWith("api --method")))
        .hasSize(2)
        .satisfiesExactly(
            call ->
                assertThat(call)
                    .startsWith("api --method PATCH repos/" + REPOSITORY + "/issues/comments/5001"),
            call ->
                assertThat(call)
                    .startsWith(
                        "api --method PATCH repos/" + REPOSITORY + "/issues/comments/5002"));
    assertThat(gh.bodies().get(0)).startsWith(marker("production"));
    assertThat(gh.bodies().get(1)).startsWith(marker("staging"));
  }

  @Test
  void eachEnvironmentAppliesItsOwnReviewedPlanAndOnlyIfItChanged() throws Exception {
    layOutEnvironments();
    // The pull request changes production's applications only.
    mergePullRequest(() -> append("kinde/production/applications.yaml", "# Reviewed in #7.\n"));
    gh.on(LIST_COMMENTS, "")
        .on("api --method POST repos/" + REPOSITORY + "/issues/7/comments", "{}");
    WorkflowRunner.Result staging = run("plan-environments.yml", "staging", pullRequest(false));
    assertThat(staging.success()).as(staging.log()).isTrue();
    assertThat(staging.log()).contains("no manifest changes, nothing to plan");
    assertThat(run("plan-environments.yml", "production", pullRequest(false)).success()).isTrue();
    Path artifact = Files.createDirectories(dir.resolve("artifact"));
    Files.move(workspace.resolve("plan-production.json"), artifact.resolve("plan-production.json"));
    gh.on("api repos/" + REPOSITORY + "/commits/" + MERGE + "/pulls", "7 " + HEAD + "\n")
        .on("run list --repo " + REPOSITORY + " --workflow plan-environments.yml", "555\n")
        // The artifacts of the plan run, as the jq filter that names one asks for them.
        .onContaining("\"kinde-props-plan-staging-" + HEAD + "\")", "")
        .onContaining("\"kinde-props-plan-production-" + HEAD + "\")", "8001\n")
        .download(
            "run download 555 --repo " + REPOSITORY + " --name kinde-props-plan-production-" + HEAD,
            artifact.resolve("plan-production.json"));
    String stagingState = Files.readString(workspace.resolve("states/staging.json"));
    String productionState = Files.readString(workspace.resolve("states/production.json"));
    Map<String, WorkflowRunner.Result> applied = new HashMap<>();

    for (String environment : List.of("staging", "production")) {
      applied.put(environment, run("apply-environments.yml", environment, push()));
    }

    assertThat(applied.get("staging").success()).as(applied.get("staging").log()).isTrue();
    assertThat(applied.get("staging").log())
        .contains("Plan run 555 found no manifest changes to plan: nothing to apply.");
    assertThat(Files.readString(workspace.resolve("states/staging.json"))).isEqualTo(stagingState);
    WorkflowRunner.Result production = applied.get("production");
    assertThat(production.success()).as(production.log()).isTrue();
    assertThat(production.log())
        .contains("Applying the plan reviewed on pull request #7 (plan run 555");
    assertThat(Files.readString(workspace.resolve("states/production.json")))
        .isNotEqualTo(productionState)
        .contains("\"model_version\": \"v2\"");
    assertThat(temp.resolve("kinde-props-baseline-production.json")).exists();
    assertThat(temp.resolve("kinde-props-baseline-staging.json")).doesNotExist();
  }

  // ---- the action on its own -----------------------------------------------------------------

  /** A workflow of one step that uses the action with these inputs. */
  private WorkflowRunner.Result runAction(String with) throws Exception {
    Path workflow = dir.resolve("action-only.yml");
    Files.writeString(
        workflow,
        """
        on: push
        jobs:
          one:
            runs-on: ubuntu-latest
            steps:
              - id: kinde-props
                uses: ./.kinde-props
                with:
        """
            + with.indent(10));
    return runner(push()).run(workflow);
  }

  @Test
  void theActionRefusesAnUnknownCommand() throws Exception {
    WorkflowRunner.Result result = runAction("version: source\ncommand: \"destroy; rm -rf /\"\n");

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=kinde-props::unknown command 'destroy??rm?-rf??': use validate, plan,"
                + " apply, drift, verify, export or claims");
  }

  @Test
  void theActionBuildsFromSourceWhenAsked() throws Exception {
    WorkflowRunner.Result result = runAction("version: source\ncommand: validate\n");

    assertThat(result.success()).as(result.log()).isTrue();
    assertThat(result.log()).contains("Valid: 4 properties in 2 categories");
    assertThat(gh.calls()).isEmpty();
  }

  @Test
  void theActionRefusesAReleaseWhoseChecksumDoesNotMatch() throws Exception {
    Path tampered = Files.createDirectories(dir.resolve("tampered"));
    Files.copy(release.resolve(ReleaseJar.JAR), tampered.resolve(ReleaseJar.JAR));
    Files.writeString(tampered.resolve(ReleaseJar.SUMS), "0".repeat(64) + "  kinde-props.jar\n");
    gh = new FakeGh(Files.createDirectories(dir.resolve("gh-tampered")));
    gh.download(
        RELEASE_DOWNLOAD, tampered.resolve(ReleaseJar.JAR), tampered.resolve(ReleaseJar.SUMS));

    WorkflowRunner.Result result =
        runAction("version: " + VERSION + "\nrepository: " + KINDE_PROPS + "\ncommand: validate\n");

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=kinde-props::kinde-props.jar of the release "
                + VERSION
                + " of "
                + KINDE_PROPS
                + " does not match the SHA-256 in its SHA256SUMS: not run.")
        .doesNotContain("Valid:");
    assertThat(cached("kinde-props.jar")).doesNotExist();
  }

  @Test
  void theActionNeedsAVersion() throws Exception {
    WorkflowRunner.Result result = runAction("command: validate\n");

    assertThat(result.success()).isFalse();
    assertThat(result.log())
        .contains(
            "::error title=kinde-props::The version input is empty: give the kinde-props release"
                + " to run (a tag such as v0.2.0), or source to build this checkout.");
    assertThat(gh.calls()).isEmpty();
  }
}
