package dev.kindeprops.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.Main;
import dev.kindeprops.cli.Console;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import dev.kindeprops.manifest.PropertyType;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import dev.kindeprops.target.Operation;
import dev.kindeprops.target.PropertySpec;
import dev.kindeprops.target.file.StateFileTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden scenarios: each folder under {@code src/test/resources/cases/} holds manifests, a starting
 * state and the expected plan as text ({@code expected.txt}), JSON ({@code expected.json}) and
 * markdown ({@code expected.md}). Each case runs {@code kinde-props plan} in-process, twice per
 * format, and must match byte for byte; the JSON plan must match its schema; and carrying the plan
 * out on a copy of the state must leave nothing to plan. Run with {@code -Dgolden.update=true} to
 * write the expected files from the current output, then review the diff.
 */
class GoldenPlanTest {
  static final Path CASES = Path.of("src/test/resources/cases");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final JsonSchema PLAN_SCHEMA = JsonSchema.load("/schemas/plan.schema.json");

  /** Cases too large to keep in git: their inputs are written at test time. */
  private static final Map<String, Generator> GENERATED =
      Map.of("thousand-applications", ThousandApplications::write);

  interface Generator {
    void write(Path directory) throws IOException;
  }

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(CASES)) {
      cases = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertThat(cases).isNotEmpty();
    return cases.stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private void check(Path dir) throws IOException {
    Path inputs = inputs(dir);
    String manifests = inputs.resolve("manifests").toString();
    String state = inputs.resolve("state.json").toString();
    List<String> base = List.of("plan", "-f", manifests, "--state", state);

    Run text = twice(base, "--no-color", "--detailed-exitcode");
    Run json = twice(base, "--format", "json");
    Run markdown = twice(base, "--format", "markdown");

    assertThat(PLAN_SCHEMA.problems(Json.MAPPER.readTree(json.out()))).isEmpty();
    assertThat(PlanCodec.write(PlanCodec.read("plan.json", json.out()))).isEqualTo(json.out());
    boolean changes = PlanCodec.read("plan.json", json.out()).hasChanges();
    assertThat(text.code()).isEqualTo(changes ? 2 : 0);
    assertThat(markdown.out().length()).isLessThanOrEqualTo(60_000);

    appliedPlanLeavesNothingToDo(manifests, Path.of(state), dir.getFileName().toString());

    compare(dir.resolve("expected.txt"), text.out());
    compare(dir.resolve("expected.json"), json.out());
    compare(dir.resolve("expected.md"), markdown.out());
  }

  /**
   * The reconciler's idempotence: carry out the plan on a copy of the state, plan again, and the
   * second plan is empty, with every token now carrying exactly the claim the first plan expected.
   */
  private void appliedPlanLeavesNothingToDo(String manifests, Path state, String caseName)
      throws IOException {
    Path copy = temp.resolve(caseName + ".json");
    Files.copy(state, copy);
    List<String> args =
        List.of("plan", "-f", manifests, "--state", copy.toString(), "--format", "json");
    Plan first = PlanCodec.read("first", run(args).out());
    StateFileTarget target = new StateFileTarget(copy);
    for (Change change : first.changes()) {
      operations(change).forEach(target::apply);
    }

    Plan second = PlanCodec.read("second", run(args).out());

    assertThat(second.changes()).isEmpty();
    first
        .claims()
        .forEach(
            (name, claims) -> {
              assertThat(second.claims().get(name).before()).as(name).isEqualTo(claims.after());
              assertThat(second.claims().get(name).after()).as(name).isEqualTo(claims.after());
            });
  }

  /** What an applier does for a change, written plainly for this test. */
  private static List<Operation> operations(Change change) {
    return switch (change.kind()) {
      case CATEGORY ->
          List.of(new Operation.CreateCategory((String) field(change.after(), "name")));
      case PROPERTY ->
          switch (change.action()) {
            case CREATE -> List.of(new Operation.CreateProperty(spec(change.after())));
            case UPDATE -> List.of(new Operation.UpdateProperty(spec(change.after())));
            case REPLACE ->
                List.of(
                    new Operation.DeleteProperty(change.key()),
                    new Operation.CreateProperty(spec(change.after())));
            case DELETE -> List.of(new Operation.DeleteProperty(change.key()));
          };
      case VALUE ->
          List.of(
              change.after() == null
                  ? new Operation.DeleteValue(change.applicationId(), change.key())
                  : new Operation.SetValue(
                      change.applicationId(), change.key(), (String) change.after()));
      case CLAIM ->
          List.of(
              new Operation.SetClaim(change.applicationId(), change.key(), change.after() != null));
    };
  }

  private static PropertySpec spec(Object fields) {
    return new PropertySpec(
        (String) field(fields, "key"),
        (String) field(fields, "name"),
        (String) field(fields, "description"),
        PropertyType.fromWireName((String) field(fields, "type")).orElseThrow(),
        (String) field(fields, "category"),
        (Boolean) field(fields, "is_private"));
  }

  private static Object field(Object fields, String name) {
    return ((Map<?, ?>) fields).get(name);
  }

  private static Path inputs(Path dir) throws IOException {
    Generator generator = GENERATED.get(dir.getFileName().toString());
    if (generator == null) {
      return dir;
    }
    Path generated = Path.of("target", "cases", dir.getFileName().toString());
    generator.write(generated);
    return generated;
  }

  private static void compare(Path expected, String actual) throws IOException {
    if (UPDATE) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(Files.exists(expected))
        .as(expected + " is missing: run with -Dgolden.update=true to write it")
        .isTrue();
    assertThat(actual).as(expected.toString()).isEqualTo(Files.readString(expected));
  }

  /** Runs the command twice: the same inputs must give the same bytes. */
  private static Run twice(List<String> base, String... more) {
    List<String> args = new ArrayList<>(base);
    args.addAll(List.of(more));
    Run first = run(args);
    Run second = run(args);
    assertThat(first.err()).as("stderr of " + args).isEmpty();
    assertThat(first.code()).as("exit code of " + args).isIn(0, 2);
    assertThat(second).isEqualTo(first);
    return first;
  }

  record Run(int code, String out, String err) {}

  static Run run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console =
        new Console(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            false);
    int code = Main.run(console, args.toArray(String[]::new));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
