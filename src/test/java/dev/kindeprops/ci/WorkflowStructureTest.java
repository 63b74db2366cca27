package dev.kindeprops.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The workflows and the action parse as YAML and have the shape they promise: triggers, the least
 * permissions per job, third-party actions pinned by commit, secrets only in {@code env:}, no
 * {@code ${{ }}} inside a script, and the scripts the single- and several-environment workflows
 * share kept the same.
 */
class WorkflowStructureTest {
  static final Path ACTION = WorkflowTest.ACTION;
  static final Path EXAMPLES = WorkflowTest.EXAMPLES;
  static final Path OWN = Path.of(".github/workflows");
  static final List<String> EXAMPLE_WORKFLOWS =
      List.of(
          "plan.yml", "apply.yml", "drift.yml", "plan-environments.yml", "apply-environments.yml");

  /** Matches a {@code uses:} line: the action, and what follows it on the line. */
  private static final Pattern USES = Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$");

  private static final Pattern PINNED =
      Pattern.compile("[a-z0-9-]+/[a-z0-9-]+(?:/[a-z0-9-]+)?@[0-9a-f]{40}");

  /** Every workflow file: the examples and this repository's own. */
  static List<Path> workflows() throws IOException {
    List<Path> files = new ArrayList<>();
    EXAMPLE_WORKFLOWS.forEach(name -> files.add(EXAMPLES.resolve(name)));
    try (Stream<Path> own = Files.list(OWN)) {
      own.filter(f -> f.toString().endsWith(".yml")).sorted().forEach(files::add);
    }
    try (Stream<Path> examples = Files.list(EXAMPLES)) {
      assertThat(examples.map(f -> f.getFileName().toString()))
          .as("every example workflow is checked here")
          .containsExactlyInAnyOrderElementsOf(EXAMPLE_WORKFLOWS);
    }
    return files;
  }

  /** Every step of the workflows' jobs and of the action, with where it is. */
  static List<Map.Entry<String, Map<String, Object>>> steps() throws IOException {
    List<Map.Entry<String, Map<String, Object>>> steps = new ArrayList<>();
    for (Path file : workflows()) {
      Map<String, Object> workflow = Yaml.load(file);
      for (Object job : Yaml.map(workflow.get("jobs")).values()) {
        for (Object step : Yaml.list(Yaml.map(job).get("steps"))) {
          steps.add(Map.entry(file.toString(), Yaml.map(step)));
        }
      }
    }
    for (Object step : Yaml.list(Yaml.map(Yaml.load(ACTION).get("runs")).get("steps"))) {
      steps.add(Map.entry("action.yml", Yaml.map(step)));
    }
    return steps;
  }

  @Test
  void scriptsNeverInterpolateExpressions() throws IOException {
    List<Map.Entry<String, Map<String, Object>>> scripts =
        steps().stream().filter(s -> s.getValue().containsKey("run")).toList();

    assertThat(scripts).hasSizeGreaterThanOrEqualTo(20);
    for (var step : scripts) {
      assertThat(Yaml.text(step.getValue().get("run")))
          .as(step.getKey() + ": " + step.getValue().get("name"))
          .doesNotContain("${{");
    }
  }

  @Test
  void secretsAppearOnlyInEnv() throws IOException {
    for (var step : steps()) {
      Map<String, Object> copy = new LinkedHashMap<>(step.getValue());
      copy.remove("env");
      assertThat(copy.toString())
          .as(step.getKey() + ": " + step.getValue().get("name"))
          .doesNotContain("secrets.")
          .doesNotContain("secrets[");
    }
    for (Path file : workflows()) {
      assertThat(String.valueOf(Yaml.load(file).get("env"))).doesNotContain("secrets");
    }
  }

  @Test
  void thirdPartyActionsArePinnedByCommitWithTheirVersion() throws IOException {
    List<Path> files = new ArrayList<>(workflows());
    files.add(ACTION);
    Map<String, String> pins = new HashMap<>();
    int pinned = 0;
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher uses = USES.matcher(lines.get(i));
        if (!uses.matches() || uses.group(1).equals("./.kinde-props")) {
          continue;
        }
        String where = file + ":" + (i + 1);
        assertThat(uses.group(1)).as(where).matches(PINNED);
        assertThat(uses.group(2))
            .as(where + ": the version the commit is")
            .matches(" # v\\d+\\.\\d+\\.\\d+");
        // One action (its repository) is pinned to one commit everywhere.
        String repository = uses.group(1).replaceFirst("^([^/]+/[^/@]+).*", "$1");
        String pin = uses.group(1).substring(uses.group(1).indexOf('@')) + uses.group(2);
        assertThat(pins.putIfAbsent(repository, pin)).as(where).isIn(null, pin);
        pinned++;
      }
    }
    assertThat(pinned).isGreaterThanOrEqualTo(15);
  }

  @Test
  void everyJobAsksForItsOwnLeastPermissions() throws IOException {
    Map<String, String> planning = Map.of("contents", "read", "pull-requests", "write");
    Map<String, String> applying =
        Map.of("contents", "read", "actions", "read", "pull-requests", "write", "issues", "write");
    Map<String, Map<String, String>> expected =
        Map.of(
            "plan.yml",
            planning,
            "plan-environments.yml",
            planning,
            "apply.yml",
            applying,
            "apply-environments.yml",
            applying,
            "drift.yml",
            Map.of("contents", "read", "issues", "write", "actions", "read"),
            "ci.yml",
            Map.of("contents", "read"),
            "release.yml",
            Map.of("contents", "write"));
    for (Path file : workflows()) {
      Map<String, Object> workflow = Yaml.load(file);
      String name = file.getFileName().toString();
      assertThat(workflow.get("permissions")).as(name + ": none by default").isEqualTo(Map.of());
      for (Object job : Yaml.map(workflow.get("jobs")).values()) {
        assertThat(Yaml.map(job).get("permissions")).as(name).isEqualTo(expected.get(name));
      }
    }
  }

  @Test
  void triggersAndConcurrency() throws IOException {
    // The plans run on every pull request, so that they can be required checks, and by hand.
    for (String name : List.of("plan.yml", "plan-environments.yml")) {
      Map<String, Object> plan = Yaml.load(EXAMPLES.resolve(name));
      Map<String, Object> on = Yaml.map(plan.get("on"));
      assertThat(on).as(name).containsOnlyKeys("pull_request", "workflow_dispatch");
      assertThat(on.get("pull_request")).as(name + ": no paths filter").isNull();
      assertThat(Yaml.map(plan.get("concurrency"))).containsEntry("cancel-in-progress", true);
      assertThat(Yaml.map(plan.get("env"))).containsEntry("KINDE_PROPS_MANIFESTS", "kinde");
    }
    for (String name : List.of("apply.yml", "apply-environments.yml")) {
      Map<String, Object> apply = Yaml.load(EXAMPLES.resolve(name));
      Map<String, Object> on = Yaml.map(apply.get("on"));
      assertThat(on).as(name).containsOnlyKeys("push", "workflow_dispatch");
      Map<String, Object> push = Yaml.map(on.get("push"));
      assertThat(push.get("branches")).isEqualTo(List.of("main"));
      assertThat(push.get("paths")).isEqualTo(List.of("kinde/**"));
      assertThat(Yaml.map(apply.get("env")))
          .containsEntry("KINDE_PROPS_MANIFESTS", "kinde")
          .containsEntry("KINDE_PROPS_BRANCH", "main");
      // Applies never overlap and are never cancelled half-way.
      assertThat(Yaml.map(apply.get("concurrency"))).containsEntry("cancel-in-progress", false);
    }
    Map<String, Object> drift = Yaml.load(EXAMPLES.resolve("drift.yml"));
    assertThat(Yaml.map(drift.get("on"))).containsOnlyKeys("schedule", "workflow_dispatch");
    // Each environment's apply waits for its own GitHub environment, one after the other.
    Map<String, Object> job =
        Yaml.map(
            Yaml.map(Yaml.load(EXAMPLES.resolve("apply-environments.yml")).get("jobs"))
                .get("apply"));
    assertThat(job.get("environment")).isEqualTo("kinde-${{ matrix.environment }}");
    assertThat(Yaml.map(job.get("strategy"))).containsEntry("max-parallel", 1);
  }

  @Test
  void uploadedArtifactsSurviveReRuns() throws IOException {
    List<Map<String, Object>> uploads =
        steps().stream()
            .map(Map.Entry::getValue)
            .filter(s -> String.valueOf(s.get("uses")).startsWith("actions/upload-artifact@"))
            .toList();
    assertThat(uploads).hasSizeGreaterThanOrEqualTo(4);
    for (Map<String, Object> upload : uploads) {
      assertThat(Yaml.map(upload.get("with")))
          .as(upload.get("name").toString())
          .containsEntry("overwrite", true);
    }
  }

  @Test
  void theKindePropsToRunIsCheckedBeforeItIsCheckedOut() throws IOException {
    for (String name : EXAMPLE_WORKFLOWS) {
      for (Object job : Yaml.map(Yaml.load(EXAMPLES.resolve(name)).get("jobs")).values()) {
        List<Object> steps = Yaml.list(Yaml.map(job).get("steps"));
        assertThat(Yaml.map(steps.get(0)).get("name"))
            .as(name)
            .isEqualTo("Check which kinde-props to run");
        for (Object item : steps) {
          Map<String, Object> step = Yaml.map(item);
          if ("./.kinde-props".equals(step.get("uses"))) {
            assertThat(Yaml.map(step.get("with")))
                .as(name + ": " + step.get("name"))
                .containsEntry("version", "${{ vars.KINDE_PROPS_VERSION || vars.KINDE_PROPS_REF }}")
                .containsEntry("repository", "${{ vars.KINDE_PROPS_REPOSITORY }}");
          }
        }
      }
    }
  }

  @Test
  void theSeveralEnvironmentWorkflowsShareTheSingleOnesScripts() throws IOException {
    Map<String, String> plan = scripts("plan.yml");
    Map<String, String> planEnvironments = scripts("plan-environments.yml");
    for (String step :
        List.of(
            "Check which kinde-props to run",
            "Find out whether the manifests change",
            "Comment on the pull request")) {
      assertThat(planEnvironments.get(step)).as(step).isNotNull().isEqualTo(plan.get(step));
    }
    Map<String, String> apply = scripts("apply.yml");
    Map<String, String> applyEnvironments = scripts("apply-environments.yml");
    for (String step :
        List.of("Find the reviewed plan", "Post the toggles left to make", "Say how to go on")) {
      assertThat(applyEnvironments.get(step)).as(step).isNotNull().isEqualTo(apply.get(step));
    }
  }

  /** The {@code run:} scripts of a workflow's steps, by step name. */
  private static Map<String, String> scripts(String workflow) throws IOException {
    Map<String, String> scripts = new HashMap<>();
    for (Object job : Yaml.map(Yaml.load(EXAMPLES.resolve(workflow)).get("jobs")).values()) {
      for (Object item : Yaml.list(Yaml.map(job).get("steps"))) {
        Map<String, Object> step = Yaml.map(item);
        if (step.containsKey("run")) {
          scripts.put(Yaml.text(step.get("name")), Yaml.text(step.get("run")));
        }
      }
    }
    return scripts;
  }

  @Test
  void theActionHasItsInputsAndOutputsAndTakesNoSecrets() throws IOException {
    Map<String, Object> action = Yaml.load(ACTION);

    Map<String, Object> inputs = Yaml.map(action.get("inputs"));
    assertThat(inputs)
        .containsOnlyKeys(
            "command",
            "version",
            "repository",
            "manifests",
            "plan-file",
            "state",
            "environment",
            "args",
            "java-version");
    assertThat(Yaml.map(inputs.get("command"))).containsEntry("required", true);
    assertThat(Yaml.map(inputs.get("version"))).containsEntry("required", true);
    assertThat(Yaml.map(inputs.get("manifests"))).containsEntry("default", "kinde");
    assertThat(Yaml.map(inputs.get("java-version"))).containsEntry("default", "17");
    assertThat(inputs.keySet()).noneMatch(name -> name.contains("secret") || name.contains("id"));
    assertThat(Yaml.map(action.get("outputs")))
        .containsOnlyKeys("exit-code", "has-changes", "report");
    Map<String, Object> runs = Yaml.map(action.get("runs"));
    assertThat(runs.get("using")).isEqualTo("composite");
    for (Object item : Yaml.list(runs.get("steps"))) {
      Map<String, Object> step = Yaml.map(item);
      if (step.containsKey("run")) {
        assertThat(step.get("shell")).isEqualTo("bash");
      }
    }
    // Java comes from actions/setup-java at the input's version.
    assertThat(Yaml.list(runs.get("steps")))
        .anySatisfy(
            step -> {
              assertThat(Yaml.text(Yaml.map(step).get("uses"))).startsWith("actions/setup-java@");
              assertThat(Yaml.map(Yaml.map(step).get("with")))
                  .containsEntry("java-version", "${{ inputs.java-version }}");
            });
  }
}
