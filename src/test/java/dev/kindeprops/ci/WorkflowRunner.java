package dev.kindeprops.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workflow's job the way a GitHub runner would, as far as these workflows need: steps in
 * order, each {@code run:} script with bash in the workspace, {@code ${{ }}} expressions in {@code
 * env:}, {@code with:} and {@code if:} evaluated ({@link Expressions}) from the contexts the test
 * gives (a matrix among them), step outputs through {@code GITHUB_OUTPUT}, and the local
 * kinde-props action ({@code uses: ./.kinde-props}) run from {@code action.yml} the same way. Other
 * actions (checkout, setup-java, caches, artifacts) are skipped: their work is the test's setup. A
 * step runs when its {@code if:} holds, by default only while nothing has failed.
 */
final class WorkflowRunner {
  private static final String LOCAL_ACTION = "./.kinde-props";

  /** What a job did: whether it succeeded, its log, and each step's outputs by id. */
  record Result(boolean success, String log, Map<String, Map<String, String>> outputs) {}

  private final Path workspace;
  private final Path runnerTemp;
  private final Path actionFile;
  private final Path actionPath;
  private final Map<String, String> processEnv;
  private final Map<String, Object> github;
  private final Map<String, String> vars;
  private final Map<String, String> secrets;
  private final Map<String, String> envOverrides;
  private final StringBuilder log = new StringBuilder();
  private int stepNumber;

  /**
   * @param actionFile the action.yml that {@code uses: ./.kinde-props} runs
   * @param actionPath what {@code GITHUB_ACTION_PATH} points at: holds the kinde-props launcher
   * @param processEnv the environment every script starts from (PATH with the fake gh first)
   * @param envOverrides values that replace the workflow's own top-level {@code env:}
   */
  WorkflowRunner(
      Path workspace,
      Path runnerTemp,
      Path actionFile,
      Path actionPath,
      Map<String, String> processEnv,
      Map<String, Object> github,
      Map<String, String> vars,
      Map<String, String> secrets,
      Map<String, String> envOverrides) {
    this.workspace = workspace;
    this.runnerTemp = runnerTemp;
    this.actionFile = actionFile;
    this.actionPath = actionPath;
    this.processEnv = processEnv;
    this.github = github;
    this.vars = vars;
    this.secrets = secrets;
    this.envOverrides = envOverrides;
  }

  /** Runs the workflow's only job. */
  Result run(Path workflowFile) throws IOException, InterruptedException {
    Map<String, Object> jobs = Yaml.map(Yaml.load(workflowFile).get("jobs"));
    if (jobs.size() != 1) {
      throw new AssertionError("expected one job in " + workflowFile);
    }
    return run(workflowFile, jobs.keySet().iterator().next(), Map.of());
  }

  /**
   * Runs one job of the workflow.
   *
   * @param matrix the values of the job's matrix for this run (each must be one the job lists)
   */
  Result run(Path workflowFile, String jobName, Map<String, String> matrix)
      throws IOException, InterruptedException {
    Map<String, Object> workflow = Yaml.load(workflowFile);
    Map<String, Object> job = Yaml.map(Yaml.map(workflow.get("jobs")).get(jobName));
    if (job.isEmpty()) {
      throw new AssertionError(workflowFile + " has no job " + jobName);
    }
    Map<String, Object> strategy = Yaml.map(Yaml.map(job.get("strategy")).get("matrix"));
    matrix.forEach(
        (name, value) -> {
          if (!Yaml.list(strategy.get(name)).contains(value)) {
            throw new AssertionError(jobName + "'s matrix has no " + name + " " + value);
          }
        });
    Map<String, Map<String, String>> outputs = new HashMap<>();
    Map<String, String> outcomes = new HashMap<>();
    boolean[] failed = {false};
    Map<String, String> workflowEnv = new LinkedHashMap<>();
    Expressions start =
        new Expressions(contexts(workflowEnv, outputs, outcomes, Map.of(), matrix), () -> false);
    Yaml.map(workflow.get("env")).forEach((k, v) -> workflowEnv.put(k, start.interpolate(v)));
    workflowEnv.putAll(envOverrides);
    Yaml.map(job.get("env")).forEach((k, v) -> workflowEnv.put(k, start.interpolate(v)));
    Path summary = runnerTemp.resolve("step-summary.md");
    for (Object item : Yaml.list(job.get("steps"))) {
      Map<String, Object> step = Yaml.map(item);
      Map<String, Object> contexts = contexts(workflowEnv, outputs, outcomes, Map.of(), matrix);
      contexts.put("job", Map.of("status", failed[0] ? "failure" : "success"));
      Expressions expressions = new Expressions(contexts, () -> failed[0]);
      String id = Yaml.text(step.get("id"));
      if (skipped(step, expressions, outcomes)) {
        continue;
      }
      Map<String, String> stepEnv = new LinkedHashMap<>(workflowEnv);
      Yaml.map(step.get("env")).forEach((k, v) -> stepEnv.put(k, expressions.interpolate(v)));
      StepOutcome outcome;
      if (step.containsKey("run")) {
        outcome = script(Yaml.text(step.get("run")), stepEnv, summary, Map.of());
      } else if (LOCAL_ACTION.equals(step.get("uses"))) {
        Map<String, String> with = new LinkedHashMap<>();
        Yaml.map(step.get("with")).forEach((k, v) -> with.put(k, expressions.interpolate(v)));
        outcome = action(with, stepEnv, summary);
      } else {
        log.append("## skipped action: ").append(step.get("uses")).append('\n');
        outcome = new StepOutcome(true, Map.of());
      }
      if (id != null) {
        outputs.put(id, outcome.outputs());
        outcomes.put(id, outcome.success() ? "success" : "failure");
      }
      failed[0] |= !outcome.success();
    }
    return new Result(!failed[0], log.toString(), outputs);
  }

  /** Whether the step's {@code if:} leaves it out; if so, logs it and records its outcome. */
  private boolean skipped(
      Map<String, Object> step, Expressions expressions, Map<String, String> outcomes) {
    if (expressions.condition(step.get("if"))) {
      return false;
    }
    log.append("## skipped: ").append(step.get("name")).append('\n');
    String id = Yaml.text(step.get("id"));
    if (id != null) {
      outcomes.put(id, "skipped");
    }
    return true;
  }

  private record StepOutcome(boolean success, Map<String, String> outputs) {}

  /** The local action: its {@code run:} steps with {@code inputs} from {@code with:}. */
  private StepOutcome action(Map<String, String> with, Map<String, String> callerEnv, Path summary)
      throws IOException, InterruptedException {
    Map<String, Object> action = Yaml.load(actionFile);
    Map<String, String> inputs = new LinkedHashMap<>();
    Yaml.map(action.get("inputs"))
        .forEach((name, spec) -> inputs.put(name, Yaml.text(Yaml.map(spec).get("default"))));
    for (String name : with.keySet()) {
      if (!inputs.containsKey(name)) {
        throw new AssertionError("the action has no input " + name);
      }
    }
    inputs.putAll(with);
    inputs.replaceAll((k, v) -> v == null ? "" : v);
    Map<String, Map<String, String>> steps = new HashMap<>();
    Map<String, String> outcomes = new HashMap<>();
    boolean[] failed = {false};
    Map<String, Object> runs = Yaml.map(action.get("runs"));
    for (Object item : Yaml.list(runs.get("steps"))) {
      Map<String, Object> step = Yaml.map(item);
      Expressions expressions =
          new Expressions(contexts(Map.of(), steps, outcomes, inputs, Map.of()), () -> failed[0]);
      String id = Yaml.text(step.get("id"));
      if (skipped(step, expressions, outcomes)) {
        continue;
      }
      if (!step.containsKey("run")) {
        log.append("## skipped action: ").append(step.get("uses")).append('\n');
        continue;
      }
      Map<String, String> env = new LinkedHashMap<>(callerEnv);
      Yaml.map(step.get("env")).forEach((k, v) -> env.put(k, expressions.interpolate(v)));
      StepOutcome outcome =
          script(
              Yaml.text(step.get("run")),
              env,
              summary,
              Map.of("GITHUB_ACTION_PATH", actionPath.toString()));
      if (id != null) {
        steps.put(id, outcome.outputs());
        outcomes.put(id, outcome.success() ? "success" : "failure");
      }
      failed[0] |= !outcome.success();
    }
    Expressions expressions =
        new Expressions(contexts(Map.of(), steps, outcomes, inputs, Map.of()), () -> failed[0]);
    Map<String, String> outputs = new LinkedHashMap<>();
    Yaml.map(action.get("outputs"))
        .forEach(
            (name, spec) ->
                outputs.put(name, expressions.interpolate(Yaml.map(spec).get("value"))));
    return new StepOutcome(!failed[0], outputs);
  }

  private StepOutcome script(
      String script, Map<String, String> env, Path summary, Map<String, String> extra)
      throws IOException, InterruptedException {
    stepNumber++;
    Path file = runnerTemp.resolve("step-" + stepNumber + ".sh");
    Path output = runnerTemp.resolve("step-" + stepNumber + ".output");
    Files.writeString(file, script);
    Files.writeString(output, "");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString())
            .directory(workspace.toFile())
            .redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.putAll(processEnv);
    environment.putAll(env);
    environment.put("GITHUB_OUTPUT", output.toString());
    environment.put("GITHUB_STEP_SUMMARY", summary.toString());
    environment.put("GITHUB_WORKSPACE", workspace.toString());
    environment.put("RUNNER_TEMP", runnerTemp.toString());
    environment.put("RUNNER_OS", "Linux");
    environment.put("RUNNER_ARCH", "X64");
    environment.put("GITHUB_ACTIONS", "true");
    environment.put("CI", "true");
    environment.putAll(extra);
    Process process = builder.start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("a step did not finish in 120 s:\n" + script);
    }
    int code = process.exitValue();
    log.append("## step ").append(stepNumber).append(" exited ").append(code).append('\n');
    log.append(printed);
    return new StepOutcome(code == 0, outputs(Files.readString(output)));
  }

  /** {@code name=value} lines, and {@code name<<DELIMITER} blocks. */
  private static Map<String, String> outputs(String text) {
    Map<String, String> outputs = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int heredoc = line.indexOf("<<");
      int equals = line.indexOf('=');
      if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
        String delimiter = line.substring(heredoc + 2);
        StringBuilder value = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).equals(delimiter); i++) {
          value.append(value.isEmpty() ? "" : "\n").append(lines.get(i));
        }
        outputs.put(line.substring(0, heredoc), value.toString());
      } else if (equals > 0) {
        outputs.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return outputs;
  }

  private Map<String, Object> contexts(
      Map<String, String> env,
      Map<String, Map<String, String>> steps,
      Map<String, String> outcomes,
      Map<String, String> inputs,
      Map<String, String> matrix) {
    Map<String, Object> stepContexts = new HashMap<>();
    steps.forEach((id, outputs) -> stepContexts.put(id, Map.of("outputs", outputs)));
    outcomes.forEach(
        (id, outcome) ->
            stepContexts.put(
                id,
                Map.of(
                    "outputs", steps.getOrDefault(id, Map.of()),
                    "outcome", outcome,
                    "conclusion", outcome)));
    Map<String, Object> contexts = new HashMap<>();
    contexts.put("env", env);
    contexts.put("vars", vars);
    contexts.put("secrets", secrets);
    contexts.put("github", github);
    contexts.put("steps", stepContexts);
    contexts.put("inputs", inputs);
    contexts.put("matrix", matrix);
    contexts.put("runner", Map.of("temp", runnerTemp.toString(), "os", "Linux", "arch", "X64"));
    return contexts;
  }
}
