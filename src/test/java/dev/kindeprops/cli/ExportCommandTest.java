package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.Folder;
import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.json.Json;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kinde-props export} in process: a 1,000-application tenant exports into grouped files that
 * plan no changes, and a state-file snapshot plans as its original. What export writes for the
 * quickstart and for awkward names, near a schema copy, over existing manifests, and its refusals
 * are pinned by the golden cases {@code src/test/resources/commands/export-*}.
 */
class ExportCommandTest {
  static final String STATE = DriftCommandTest.STATE;

  @TempDir Path dir;

  /** Exports the state into {@code out} and plans the export against the same state. */
  private Run exportThenPlan(Path state, Path out) {
    Run export = run("export", "--state", state.toString(), "-o", out.toString());
    assertThat(export.code()).as(export.err()).isEqualTo(ExitCode.OK);
    return run(
        "plan",
        "-f",
        out.toString(),
        "--state",
        state.toString(),
        "--detailed-exitcode",
        "--no-color");
  }

  @Test
  void stateOutAloneSnapshotsTheLiveStateForOfflinePlans() throws IOException {
    Path snapshot = dir.resolve("snapshot.json");

    Run export = run("export", "--state", STATE, "--state-out", snapshot.toString());

    assertThat(export.code()).isEqualTo(ExitCode.OK);
    assertThat(export.out()).isEqualTo("Wrote the live state to " + snapshot + ".\n");
    StateDocument original = new StateFile(Path.of(STATE)).read();
    StateDocument copy = new StateFile(snapshot).read();
    assertThat(copy.categories()).containsExactlyInAnyOrderElementsOf(original.categories());
    assertThat(copy.properties()).containsExactlyInAnyOrderElementsOf(original.properties());
    // Every M2M application, with values and toggles; the reg application is left out.
    assertThat(copy.applications())
        .containsExactlyInAnyOrderElementsOf(
            original.applications().stream().filter(LiveApplication::isM2m).toList());
    // The quickstart plans the same against the snapshot as against the original.
    assertThat(quickstartChangesAgainst(snapshot.toString()))
        .isEqualTo(quickstartChangesAgainst(STATE));
  }

  /** The changes of the quickstart's JSON plan against this state file. */
  private static String quickstartChangesAgainst(String state) {
    Run plan = run("plan", "-f", "examples/quickstart", "--state", state, "--format", "json");
    return Json.MAPPER.readTree(plan.out()).get("changes").toString();
  }

  @Test
  void aThousandApplicationTenantExportsIntoGroupedFilesThatPlanNoChanges() throws IOException {
    Path state = dir.resolve("state.json");
    LiveBuilder tenant =
        new LiveBuilder()
            .category("Tenancy")
            .property("region", "Tenancy")
            .privateProperty("tier", "Tenancy");
    String[] regions = {"eu", "us", "au"};
    Random random = new Random(1_000);
    for (int i = 0; i < 1_000; i++) {
      // Ids as random as Kinde's, the same every run.
      String id = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
      String name =
          switch (i % 4) {
            case 0 -> "Customer " + i;
            case 1 -> "worker"; // 250 applications share one name
            case 2 -> "Ärger-" + (char) ('a' + i % 26) + i;
            default -> String.valueOf(i); // a slug that is a number
          };
      Map<String, String> values = new TreeMap<>(Map.of("region", regions[i % 3]));
      if (i % 5 == 0) {
        values.put("tier", "pro");
      }
      tenant.application(id, name, "m2m", values, i % 2 == 0 ? Set.of("region") : Set.of());
    }
    LiveState live =
        tenant.application("0".repeat(31) + "1", "Web", "spa", Map.of(), Set.of()).build();
    new StateFile(state)
        .write(new StateDocument(live.categories(), live.properties(), live.applications()));
    Path out = dir.resolve("kinde");

    Run plan = exportThenPlan(state, out);

    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(ExitCode.OK);
    assertThat(plan.out()).endsWith("No changes. The live state matches the manifests.\n");
    assertThat(plan.out()).doesNotContain("Warning:");
    Map<String, String> files = Folder.texts(out);
    files.remove("kinde-props.schema.json");
    assertThat(files.keySet())
        .contains("properties.yaml", "applications/w-1.yaml", "applications/w-2.yaml")
        .allMatch(f -> f.equals("properties.yaml") || f.startsWith("applications/"));
    assertThat(files.get("applications/w-1.yaml"))
        .startsWith("# yaml-language-server: $schema=../kinde-props.schema.json\n");
    assertThat(files.values())
        .allMatch(text -> text.startsWith("# yaml-language-server: $schema="));
    // 250 applications named "worker" are told apart by the start of their ids.
    assertThat(files.get("applications/w-1.yaml"))
        .containsPattern("\n  worker-[0-9a-f]{8}:  # \"worker\"\n");
  }
}
