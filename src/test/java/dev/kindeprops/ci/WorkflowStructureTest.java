package dev.kindeprops.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example workflows and the action parse as YAML and have the shape they promise: triggers,
 * minimal permissions, secrets only in {@code env:}, and no {@code ${{ }}} inside a script.
 */
class WorkflowStructureTest {
  static final Path ACTION = WorkflowTest.ACTION;
  static final Path EXAMPLES = WorkflowTest.EXAMPLES;
  static final List<String> WORKFLOWS = List.of("plan.yml", "apply.yml", "drift.yml");

  /** Every step of the workflows' jobs and of the action, with where it is. */
  static List<Map.Entry<String, Map<String, Object>>> steps() throws IOException {
    List<Map.Entry<String, Map<String, Object>>> steps = new ArrayList<>();
    for (String name : WORKFLOWS) {
      Map<String, Object> workflow = Yaml.load(EXAMPLES.resolve(name));
      for (Object job : Yaml.map(workflow.get("jobs")).values()) {
        for (Object step : Yaml.list(Yaml.map(job).get("steps"))) {
          steps.add(Map.entry(name, Yaml.map(step)));
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

    assertThat(scripts).hasSizeGreaterThanOrEqualTo(7);
    for (var step : scripts) {
      assertThat(Yaml.text(step.getValue().get("run")))
          .as(step.getKey() + ": " + step.getValue().get("name"))
          .doesNotContain("${{");
    }
  }

  @Test
  void secretsAppearOnlyInEnv() throws IOException {
    for (var step : steps()) {
      Map<String, Object> copy = new java.util.LinkedHashMap<>(step.getValue());
      copy.remove("env");
      assertThat(copy.toString())
          .as(step.getKey() + ": " + step.getValue().get("name"))
          .doesNotContain("secrets.");
    }
    for (String name : WORKFLOWS) {
      Map<String, Object> workflow = Yaml.load(EXAMPLES.resolve(name));
      assertThat(String.valueOf(workflow.get("env"))).doesNotContain("secrets.");
    }
  }

  @Test
  void actionsAreTaggedAndTheLocalActionIsKindeProps() throws IOException {
    for (var step : steps()) {
      String uses = Yaml.text(step.getValue().get("uses"));
      if (uses == null) {
        continue;
      }
      assertThat(uses)
          .as(step.getKey())
          .matches("\\./\\.kinde-props|actions/[a-z-]+(/[a-z]+)?@v[0-9]+");
    }
  }

  @Test
  void triggersPermissionsAndConcurrency() throws IOException {
    Map<String, Object> plan = Yaml.load(EXAMPLES.resolve("plan.yml"));
    assertThat(Yaml.map(plan.get("on"))).containsOnlyKeys("pull_request");
    assertThat(plan.get("permissions"))
        .isEqualTo(Map.of("contents", "read", "pull-requests", "write"));
    assertThat(Yaml.map(plan.get("concurrency"))).containsEntry("cancel-in-progress", true);

    Map<String, Object> apply = Yaml.load(EXAMPLES.resolve("apply.yml"));
    Map<String, Object> push = Yaml.map(Yaml.map(apply.get("on")).get("push"));
    assertThat(push.get("branches")).isEqualTo(List.of("main"));
    assertThat(apply.get("permissions"))
        .isEqualTo(Map.of("contents", "read", "actions", "read", "pull-requests", "read"));
    // Applies never overlap and are never cancelled half-way.
    assertThat(apply.get("concurrency"))
        .isEqualTo(Map.of("group", "kinde-props-apply", "cancel-in-progress", false));

    Map<String, Object> drift = Yaml.load(EXAMPLES.resolve("drift.yml"));
    assertThat(Yaml.map(drift.get("on"))).containsOnlyKeys("schedule", "workflow_dispatch");
    assertThat(drift.get("permissions"))
        .isEqualTo(Map.of("contents", "read", "issues", "write", "actions", "read"));

    // Where the manifests live is said once per workflow, and the paths filters agree.
    for (Map<String, Object> workflow : List.of(plan, apply)) {
      assertThat(Yaml.map(workflow.get("env"))).containsEntry("KINDE_PROPS_MANIFESTS", "kinde");
    }
    assertThat(Yaml.map(Yaml.map(plan.get("on")).get("pull_request")).get("paths"))
        .isEqualTo(push.get("paths"));
  }

  @Test
  void theActionHasItsInputsAndOutputsAndTakesNoSecrets() throws IOException {
    Map<String, Object> action = Yaml.load(ACTION);

    Map<String, Object> inputs = Yaml.map(action.get("inputs"));
    assertThat(inputs)
        .containsOnlyKeys("command", "manifests", "plan-file", "state", "args", "java-version");
    assertThat(Yaml.map(inputs.get("command"))).containsEntry("required", true);
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
              assertThat(Yaml.map(step).get("uses")).isEqualTo("actions/setup-java@v4");
              assertThat(Yaml.map(Yaml.map(step).get("with")))
                  .containsEntry("java-version", "${{ inputs.java-version }}");
            });
  }
}
