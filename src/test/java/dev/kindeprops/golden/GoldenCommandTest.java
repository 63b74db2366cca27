package dev.kindeprops.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.Folder;
import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import dev.kindeprops.live.kinde.FakeKinde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Golden command lines: each folder under {@code src/test/resources/commands/} is a case that runs
 * one or more kinde-props commands in process and pins what they print, their exit codes and the
 * files they write, byte for byte.
 *
 * <p>A case folder holds its inputs (manifests, state files, ignore files, baselines) in any
 * layout, and its steps: the case folder itself when it holds a {@code command} file, otherwise
 * each subfolder that holds one, run one after the other in name order ({@code 1-plan}, {@code
 * 2-apply}). A step folder holds:
 *
 * <ul>
 *   <li>{@code command}: the arguments, one a line;
 *   <li>optionally {@code stdin}: the text on standard input (else none);
 *   <li>optionally {@code terminal}, an empty file: the step runs as if a person sat at a terminal
 *       (else as in a pipe);
 *   <li>optionally {@code env}: {@code NAME=VALUE} lines added to the environment;
 *   <li>{@code expected.out}, {@code expected.err} and {@code expected.code}: standard output,
 *       standard error and the exit code.
 * </ul>
 *
 * <p>The case folder may also hold {@code env} (for every step; the environment is otherwise
 * empty); {@code tmp/}, copied into {@code ${tmp}} before the first step (a state file that {@code
 * apply} changes, say); and {@code kinde-state.json}, a state file that seeds a {@link FakeKinde}
 * started on loopback for the case, with {@code KINDE_DOMAIN} and the management credentials in the
 * environment. {@code expected-files/} holds every file in {@code ${tmp}} after the last step, but
 * for the lock files ({@code *.json.lock}) that apply leaves beside a state file, which git
 * ignores.
 *
 * <p>Placeholders: {@code ${case}} is the case folder ({@code src/test/resources/commands/NAME},
 * relative to the project, as the commands see it), {@code ${tmp}} a fresh empty temporary folder
 * and {@code ${domain}} the fake Kinde's URL ({@code http://127.0.0.1:PORT}, a random port). They
 * are replaced in {@code command}, {@code stdin} and {@code env} before a step runs; in what it
 * prints and in the files it writes, each one's value is replaced back by the placeholder before
 * comparing. Ids that a state file makes up for the categories and properties it creates are random
 * too: each one found in none of the case's inputs becomes {@code ${new-id-N}}, numbered in order
 * of first appearance. A plan file's {@code plan_digest} covers its target, whose path holds {@code
 * ${tmp}}: it is written {@code ${plan-digest}}. The fake keeps the seeding state's application ids
 * and numbers its own categories and properties in seeding order, so nothing else varies.
 *
 * <p>Each case runs twice, each time with a fresh {@code ${tmp}} and a fresh fake, and must give
 * the same results both times. Against the fake, nothing printed or written may hold the management
 * secret or an application's client secret. Run with {@code -Dgolden.update=true} to write the
 * expected files from the current output, then review the diff.
 */
class GoldenCommandTest {
  static final Path COMMANDS = Path.of("src/test/resources/commands");
  private static final Pattern PLAN_DIGEST =
      Pattern.compile("\"plan_digest\": \"sha256:[0-9a-f]{64}\"");
  private static final String COMMAND = "command";

  /** The form of the ids a state file gives the categories and properties it creates. */
  private static final Pattern ID = Pattern.compile("\\b(?:cat|prop)_[0-9a-f]{32}\\b");

  /** The lock file a state file's target leaves beside it; .gitignore keeps it out of git. */
  private static final String LOCK = ".json.lock";

  /** What a whole case printed, returned and left in {@code ${tmp}}, placeholders restored. */
  private record Result(List<Run> steps, Map<String, String> files) {}

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<Path> cases = folders(COMMANDS);
    assertThat(cases).isNotEmpty();
    return cases.stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private void check(Path dir) throws IOException {
    List<Path> steps = steps(dir);
    assertThat(steps).as(dir + " has no " + COMMAND + " file").isNotEmpty();
    String name = dir.getFileName().toString();

    Result first = runCase(dir, steps, Files.createDirectories(temp.resolve(name + "-1")));
    Result second = runCase(dir, steps, Files.createDirectories(temp.resolve(name + "-2")));

    assertThat(second).as("a second run of " + dir).isEqualTo(first);
    for (int i = 0; i < steps.size(); i++) {
      Path step = steps.get(i);
      Run run = first.steps().get(i);
      ExpectedFiles.compare(step.resolve("expected.out"), run.out());
      ExpectedFiles.compare(step.resolve("expected.err"), run.err());
      ExpectedFiles.compare(step.resolve("expected.code"), run.code() + "\n");
    }
    ExpectedFiles.compareFolder(dir.resolve("expected-files"), first.files());
  }

  private static Result runCase(Path dir, List<Path> steps, Path tmp) throws IOException {
    if (Files.isDirectory(dir.resolve("tmp"))) {
      Folder.write(tmp, Folder.texts(dir.resolve("tmp")));
    }
    Map<String, String> placeholders = new LinkedHashMap<>();
    placeholders.put("${case}", dir.toString());
    placeholders.put("${tmp}", tmp.toString());
    Path kindeState = dir.resolve("kinde-state.json");
    try (FakeKinde fake = Files.exists(kindeState) ? FakeKinde.start() : null) {
      Map<String, String> caseEnv = new TreeMap<>();
      if (fake != null) {
        fake.seedFromState(Files.readString(kindeState));
        caseEnv.putAll(fake.environment());
        placeholders.put("${domain}", fake.domain());
      }
      caseEnv.putAll(env(dir, placeholders));
      List<Run> runs = new ArrayList<>();
      for (Path step : steps) {
        Map<String, String> env = new TreeMap<>(caseEnv);
        if (!step.equals(dir)) {
          env.putAll(env(step, placeholders));
        }
        runs.add(runStep(step, env, placeholders));
      }
      Map<String, String> files = new TreeMap<>();
      Folder.texts(tmp).entrySet().stream()
          .filter(file -> !file.getKey().endsWith(LOCK))
          .forEach(file -> files.put(file.getKey(), restore(file.getValue(), placeholders)));
      Result result = numberNewIds(new Result(runs, files), inputIds(dir, steps));
      if (fake != null) {
        assertNoSecretShowed(fake, Files.readString(kindeState), result);
      }
      return result;
    }
  }

  private static Run runStep(Path step, Map<String, String> env, Map<String, String> placeholders)
      throws IOException {
    String[] args =
        Files.readAllLines(step.resolve(COMMAND)).stream()
            .map(arg -> expand(arg, placeholders))
            .toArray(String[]::new);
    Path stdin = step.resolve("stdin");
    String input = Files.exists(stdin) ? expand(Files.readString(stdin), placeholders) : "";
    boolean terminal = Files.exists(step.resolve("terminal"));
    Run run = InProcess.run(env, input, terminal, args);
    return new Run(run.code(), restore(run.out(), placeholders), restore(run.err(), placeholders));
  }

  /** The {@code NAME=VALUE} lines of the folder's {@code env} file, if it has one. */
  private static Map<String, String> env(Path folder, Map<String, String> placeholders)
      throws IOException {
    Map<String, String> env = new TreeMap<>();
    Path file = folder.resolve("env");
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int equals = line.indexOf('=');
        env.put(line.substring(0, equals), expand(line.substring(equals + 1), placeholders));
      }
    }
    return env;
  }

  /** Nothing printed or written holds the management secret or an application's secret. */
  private static void assertNoSecretShowed(FakeKinde fake, String state, Result result) {
    List<String> secrets = new ArrayList<>(List.of(fake.managementClientSecret()));
    for (JsonNode app : Json.MAPPER.readTree(state).path("applications")) {
      secrets.add(fake.clientSecret(app.path("id").asString()));
    }
    List<String> texts = new ArrayList<>(result.files().values());
    result.steps().forEach(run -> texts.addAll(List.of(run.out(), run.err())));
    for (String text : texts) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  /**
   * Numbers each id found in none of the inputs, in order of first appearance, and leaves out plan
   * digests.
   */
  private static Result numberNewIds(Result result, Set<String> known) {
    Map<String, String> numbers = new LinkedHashMap<>();
    UnaryOperator<String> number =
        text ->
            ID.matcher(
                    PLAN_DIGEST.matcher(text).replaceAll("\"plan_digest\": \"\\${plan-digest}\""))
                .replaceAll(
                    match ->
                        known.contains(match.group())
                            ? match.group()
                            : Matcher.quoteReplacement(
                                numbers.computeIfAbsent(
                                    match.group(),
                                    id -> "${new-id-" + (numbers.size() + 1) + "}")));
    List<Run> steps =
        result.steps().stream()
            .map(run -> new Run(run.code(), number.apply(run.out()), number.apply(run.err())))
            .toList();
    Map<String, String> files = new TreeMap<>();
    result.files().forEach((path, text) -> files.put(path, number.apply(text)));
    return new Result(steps, files);
  }

  /** The ids in the case's inputs: its folder, and the files and folders its commands name. */
  private static Set<String> inputIds(Path dir, List<Path> steps) throws IOException {
    List<Path> inputs = new ArrayList<>(List.of(dir));
    for (Path step : steps) {
      for (String arg : Files.readAllLines(step.resolve(COMMAND))) {
        if (!arg.isEmpty() && !arg.contains("${") && Files.exists(Path.of(arg))) {
          inputs.add(Path.of(arg));
        }
      }
    }
    Set<String> ids = new HashSet<>();
    for (Path input : inputs) {
      Collection<String> texts =
          Files.isDirectory(input)
              ? Folder.texts(input).values()
              : List.of(Files.readString(input));
      texts.forEach(text -> ID.matcher(text).results().forEach(m -> ids.add(m.group())));
    }
    return ids;
  }

  private static String expand(String text, Map<String, String> placeholders) {
    String expanded = text;
    for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
      expanded = expanded.replace(placeholder.getKey(), placeholder.getValue());
    }
    return expanded;
  }

  /** Puts the placeholders back where their values stand, the longest value first. */
  private static String restore(String text, Map<String, String> placeholders) {
    String restored = text;
    List<Map.Entry<String, String>> longestFirst =
        placeholders.entrySet().stream()
            .sorted(
                Comparator.comparing((Map.Entry<String, String> e) -> e.getValue().length())
                    .reversed())
            .toList();
    for (Map.Entry<String, String> placeholder : longestFirst) {
      restored = restored.replace(placeholder.getValue(), placeholder.getKey());
    }
    return restored;
  }

  private static List<Path> steps(Path dir) throws IOException {
    if (Files.exists(dir.resolve(COMMAND))) {
      return List.of(dir);
    }
    return folders(dir).stream().filter(step -> Files.exists(step.resolve(COMMAND))).toList();
  }

  private static List<Path> folders(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    }
  }
}
