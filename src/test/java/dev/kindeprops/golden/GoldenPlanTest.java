package dev.kindeprops.golden;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.fixtures.PlanFiles;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import dev.kindeprops.plan.PlanCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Golden scenarios: each folder under {@code src/test/resources/cases/} holds manifests, a starting
 * state and the expected plan as text ({@code expected.txt}), JSON ({@code expected.json}) and
 * markdown ({@code expected.md}). Each case runs {@code kinde-props plan} in-process, twice per
 * format, and must match byte for byte; the JSON plan must match its schema; and applying the saved
 * plan to a copy of the state must leave nothing to plan. Run with {@code -Dgolden.update=true} to
 * write the expected files from the current output, then review the diff.
 */
class GoldenPlanTest {
  static final Path CASES = Path.of("src/test/resources/cases");
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

    ExpectedFiles.compare(dir.resolve("expected.txt"), text.out());
    ExpectedFiles.compare(dir.resolve("expected.json"), json.out());
    ExpectedFiles.compare(dir.resolve("expected.md"), markdown.out());
  }

  /**
   * The reconciler's idempotence: save the plan, carry it out with {@code kinde-props apply PLAN
   * -f} on a copy of the state, plan again, and the second plan is empty, with every token now
   * carrying exactly the claim the first plan expected.
   */
  private void appliedPlanLeavesNothingToDo(String manifests, Path state, String caseName)
      throws IOException {
    Path copy = temp.resolve(caseName + ".json");
    Files.copy(state, copy);
    Path saved = temp.resolve(caseName + ".plan.json");
    List<String> args =
        List.of("plan", "-f", manifests, "--state", copy.toString(), "--format", "json");
    List<String> save = new ArrayList<>(args);
    save.addAll(List.of("--out", saved.toString()));
    JsonNode first = Json.MAPPER.readTree(PlanFiles.unsealed(run(save).out()));

    Run applied =
        run(
            List.of(
                "apply",
                saved.toString(),
                "-f",
                manifests,
                "--state",
                copy.toString(),
                "--allow-delete"));
    assertThat(applied.code()).as(applied.out() + applied.err()).isZero();

    // Compared with seals unsealed: the two plans seal sensitive values with different salts.
    JsonNode second = Json.MAPPER.readTree(PlanFiles.unsealed(run(args).out()));

    assertThat(second.path("changes").isEmpty()).isTrue();
    first
        .path("claims")
        .forEachEntry(
            (name, claims) -> {
              JsonNode now = second.path("claims").path(name);
              assertThat(now.path("before")).as(name).isEqualTo(claims.path("after"));
              assertThat(now.path("after")).as(name).isEqualTo(claims.path("after"));
            });
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
}
