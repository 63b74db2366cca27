package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.model.PropertyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kinde-props export} in process: export then plan against the same state shows no changes,
 * for the quickstart, a 1,000-application tenant and awkward names; the layout; refusals; and the
 * state-file snapshot.
 */
class ExportCommandTest {
  static final String STATE = PlanCommandTest.STATE;

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

  private static Map<String, String> files(Path directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(directory)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        files.put(directory.relativize(file).toString().replace('\\', '/'), Files.readString(file));
      }
    }
    return files;
  }

  @Test
  void theQuickstartExportsToManifestsThatPlanNoChanges() throws IOException {
    Path out = dir.resolve("kinde");

    Run plan = exportThenPlan(Path.of(STATE), out);

    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(ExitCode.OK);
    assertThat(plan.out()).endsWith("No changes. The live state matches the manifests.\n");
    Map<String, String> files = files(out);
    assertThat(files)
        .containsOnlyKeys("applications.yaml", "properties.yaml", "kinde-props.schema.json");
    assertThat(files.get("kinde-props.schema.json")).isEqualTo(SchemaCommand.manifestSchema());
    assertThat(files.get("properties.yaml"))
        .startsWith("# yaml-language-server: $schema=kinde-props.schema.json\n")
        .contains("version: 1\nproperties:\n  legacy_flag:\n    name: Legacy flag\n")
        .contains(
            "  model_version:\n"
                + "    name: Model version\n"
                + "    type: single_line_text\n"
                + "    category: AI\n"
                + "    private: true\n")
        .doesNotContain("profiles")
        .doesNotContain("# assumed");
    assertThat(files.get("applications.yaml"))
        .contains(
            "  billing-worker:\n"
                + "    id: 3b0b5c6c8fcc464fab397f4969b5f482\n"
                + "    values:\n"
                + "      legacy_flag: \"on\"\n"
                + "      model_version: v2\n"
                + "      region: us\n"
                + "      tier: pro\n"
                + "    claims: [region, tier]\n")
        // ml-scorer's toggle of the private model_version cannot be claimed in manifests.
        .contains("    claims: [tier]\n")
        // The reg application is not managed.
        .doesNotContain("customer-portal");
    assertThat(run("validate", "-f", out.toString()).code()).isEqualTo(ExitCode.OK);
  }

  @Test
  void theSameStateGivesTheSameBytes() throws IOException {
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    run("export", "--state", STATE, "-o", first.toString());
    run("export", "--state", STATE, "-o", second.toString());

    assertThat(files(second)).isEqualTo(files(first));
  }

  @Test
  void theSchemaIsReferencedRelativelyWhenACopyIsNear() throws IOException {
    Path schemas = Files.createDirectories(dir.resolve("repo/schemas"));
    Files.writeString(schemas.resolve("kinde-props.schema.json"), "{}");
    Path out = dir.resolve("repo/config/kinde");

    Run export = run("export", "--state", STATE, "-o", out.toString());

    assertThat(export.code()).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(out.resolve("properties.yaml")))
        .startsWith("# yaml-language-server: $schema=../../schemas/kinde-props.schema.json\n");
  }

  @Test
  void existingManifestsAreOverwrittenOnlyWithForce() throws IOException {
    Path out = Files.createDirectories(dir.resolve("kinde"));
    Files.writeString(out.resolve("properties.yaml"), "version: 1\n");
    Files.writeString(out.resolve("mine.yml"), "version: 1\n");

    Run refused = run("export", "--state", STATE, "-o", out.toString());

    assertThat(refused.code()).isEqualTo(ExitCode.ERROR);
    assertThat(refused.err())
        .isEqualTo(
            "error: "
                + out
                + " already holds manifests (mine.yml, properties.yaml); give --force to"
                + " overwrite them, or choose another directory\n");
    assertThat(Files.readString(out.resolve("properties.yaml"))).isEqualTo("version: 1\n");

    Run forced = run("export", "--state", STATE, "-o", out.toString(), "--force");

    assertThat(forced.code()).isEqualTo(ExitCode.OK);
    assertThat(Files.readString(out.resolve("properties.yaml"))).contains("legacy_flag:");
    assertThat(forced.err())
        .isEqualTo(
            "warning: " + out + " also holds mine.yml, which plan -f " + out + " reads too\n");
    assertThat(forced.out())
        .isEqualTo(
            "Exported 4 properties and 4 M2M applications from"
                + " file:examples/quickstart/kinde-state.json to "
                + out
                + " (2 files).\n");
  }

  @Test
  void refusesAnOutputThatIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");

    Run run = run("export", "--state", STATE, "-o", file.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo("error: cannot export to " + file + ": it is a file, not a directory\n");
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void needsAnOutput() {
    Run run = run("export", "--state", STATE);
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo("error: give -o DIR for manifests, --state-out FILE for a snapshot, or both\n");
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
    Run fromOriginal =
        run("plan", "-f", "examples/quickstart", "--state", STATE, "--format", "json");
    Run fromSnapshot =
        run(
            "plan",
            "-f",
            "examples/quickstart",
            "--state",
            snapshot.toString(),
            "--format",
            "json");
    assertThat(changes(fromSnapshot.out())).isEqualTo(changes(fromOriginal.out()));
  }

  private static String changes(String planJson) {
    return dev.kindeprops.json.Json.MAPPER.readTree(planJson).get("changes").toString();
  }

  @Test
  void aThousandApplicationTenantExportsIntoGroupedFilesThatPlanNoChanges() throws IOException {
    Path state = dir.resolve("state.json");
    List<LiveApplication> apps = new ArrayList<>();
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
      TreeMap<String, String> values = new TreeMap<>();
      values.put("region", regions[i % 3]);
      if (i % 5 == 0) {
        values.put("tier", "pro");
      }
      apps.add(
          new LiveApplication(
              id, name, "m2m", values, new TreeSet<>(i % 2 == 0 ? List.of("region") : List.of())));
    }
    apps.add(
        new LiveApplication("0".repeat(31) + "1", "Web", "spa", new TreeMap<>(), new TreeSet<>()));
    new StateFile(state)
        .write(
            new StateDocument(
                List.of(new LiveCategory("cat_1", "Tenancy")),
                List.of(
                    new LiveProperty(
                        "p1",
                        "region",
                        "Region",
                        "",
                        PropertyType.SINGLE_LINE_TEXT,
                        false,
                        "cat_1"),
                    new LiveProperty(
                        "p2", "tier", "Tier", "", PropertyType.SINGLE_LINE_TEXT, true, "cat_1")),
                apps));
    Path out = dir.resolve("kinde");

    Run plan = exportThenPlan(state, out);

    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(ExitCode.OK);
    assertThat(plan.out()).endsWith("No changes. The live state matches the manifests.\n");
    assertThat(plan.out()).doesNotContain("Warning:");
    Map<String, String> files = files(out);
    files.remove(ExportCommand.SCHEMA_COPY);
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

  @Test
  void awkwardNamesAndValuesRoundTrip() throws IOException {
    Path state = dir.resolve("odd.json");
    new StateFile(state)
        .write(
            new StateDocument(
                List.of(
                    new LiveCategory("c1", "Sales: Ops #1"),
                    new LiveCategory("c2", "ünïcödé ☃"),
                    new LiveCategory("c3", "true")),
                List.of(
                    new LiveProperty(
                        "p1",
                        "notes",
                        "Notes: \"quoted\"",
                        "line one\nline two\n",
                        PropertyType.MULTI_LINE_TEXT,
                        false,
                        "c1"),
                    new LiveProperty(
                        "p2",
                        "null",
                        "null",
                        "${env:HOME}",
                        PropertyType.SINGLE_LINE_TEXT,
                        false,
                        "c2"),
                    new LiveProperty(
                        "p3", "port", "443", "", PropertyType.SINGLE_LINE_TEXT, true, "c3"),
                    new LiveProperty(
                        "p4", "Bad-Key", "Bad", "", PropertyType.SINGLE_LINE_TEXT, true, "c3"),
                    new LiveProperty(
                        "p5",
                        "kp_app_city",
                        "City",
                        "",
                        PropertyType.SINGLE_LINE_TEXT,
                        false,
                        "c3")),
                List.of(
                    app("a0000000000000000000000000000001", "Café Worker", "notes", " x\n y "),
                    app("a0000000000000000000000000000002", "café-worker", "null", "yes"),
                    app("a0000000000000000000000000000003", "CAFE WORKER", "port", "0x1F"),
                    app("a0000000000000000000000000000004", "日本語", "notes", "${var:X} $${y}"),
                    app("a0000000000000000000000000000005", "  ", "port", "🚀\t\u2028"),
                    app("a0000000000000000000000000000006", "true", "null", "~"),
                    app("a0000000000000000000000000000007", "Line\nBreak", "Bad-Key", "v"),
                    app("NOT-HEX", "Odd id", "port", "1"))));
    Path out = dir.resolve("kinde");

    Run plan = exportThenPlan(state, out);

    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(ExitCode.OK);
    assertThat(plan.out())
        .endsWith("No changes. The live state matches the manifests.\n")
        .doesNotContain("Warning:");
    Run export = run("export", "--state", state.toString(), "-o", dir.resolve("again").toString());
    assertThat(export.out()).startsWith("Exported 3 properties and 7 M2M applications from ");
    assertThat(export.err())
        .isEqualTo(
            "warning: property \"Bad-Key\" is not exported: manifests need keys of a lower-case"
                + " letter, then lower-case letters, digits or '_' (at most 64); it stays"
                + " unmanaged\n"
                + "warning: application \"Odd id\" (\"NOT-HEX\") is not exported: manifests need"
                + " ids of 32 lower-case hexadecimal characters\n");
    String applications = Files.readString(out.resolve("applications.yaml"));
    assertThat(applications)
        // Ids that share a long prefix need all of it to tell the names apart.
        .contains("  cafe-worker-a0000000000000000000000000000001:  # \"Café Worker\"\n")
        .contains("  cafe-worker-a0000000000000000000000000000002:  # \"café-worker\"\n")
        .contains("  app-a0000000000000000000000000000004:  # \"日本語\"\n")
        .contains("  \"true\":\n")
        .contains("  line-break:  # \"Line\\nBreak\"\n")
        .contains("      notes: \"$${var:X} $$${y}\"\n");
  }

  private static LiveApplication app(String id, String name, String key, String value) {
    return new LiveApplication(
        id, name, "m2m", new TreeMap<>(Map.of(key, value)), new TreeSet<>(List.of()));
  }
}
