package dev.kindeprops.bench;

import dev.kindeprops.export.CompletedState;
import dev.kindeprops.export.ExportedFile;
import dev.kindeprops.export.ManifestExport;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.LoadResult;
import dev.kindeprops.manifest.ManifestLoader;
import dev.kindeprops.manifest.Variables;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.plan.Drift;
import dev.kindeprops.plan.DriftReport;
import dev.kindeprops.plan.IgnoreRule;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.Planner;
import dev.kindeprops.render.DriftMarkdownRenderer;
import dev.kindeprops.render.DriftView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exports a tenant of 10,000 M2M applications with 20 properties each (a tenth of them sharing
 * their name with another), loads the export and plans it against the same state (which must show
 * no changes), then reports drift on a tenth of the applications against a baseline with 100 ignore
 * rules, and prints the times. Run with {@code ./mvnw -B -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.kindeprops.bench.ExportDriftBenchmark}.
 */
public final class ExportDriftBenchmark {
  private static final int APPLICATIONS = 10_000;
  private static final int PROPERTIES = 20;

  private ExportDriftBenchmark() {}

  public static void main(String[] args) throws Exception {
    Tenant tenant = tenant();
    LiveState live = tenant.live();

    // Warm-up runs, before the timed ones.
    for (int i = 0; i < 3; i++) {
      ManifestExport.of(CompletedState.of(live, null, Set.of()), "file:state.json", "x.json");
    }
    Rounds<ManifestExport> exporting =
        Rounds.of(
            () ->
                ManifestExport.of(
                    CompletedState.of(live, null, Set.of()), "file:state.json", "x.json"));
    ManifestExport finalExport = exporting.result();
    long bytes =
        finalExport.files().stream()
            .mapToLong(f -> f.text().getBytes(StandardCharsets.UTF_8).length)
            .sum();
    System.out.printf(
        Locale.ROOT,
        "export: %,d applications x %d properties -> %d files, %.1f MiB; mean %d ms, best %d ms%n",
        APPLICATIONS,
        PROPERTIES,
        finalExport.files().size(),
        bytes / (1024.0 * 1024.0),
        exporting.meanMs(),
        exporting.bestMs());

    Path directory = Files.createTempDirectory("kinde-props-export-bench");
    for (ExportedFile file : finalExport.files()) {
      Path path = directory.resolve(file.path());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.text());
    }
    long start = System.nanoTime();
    LoadResult loaded = ManifestLoader.load(List.of(directory), Variables.ofEnv(Map.of()));
    long loadMs = (System.nanoTime() - start) / 1_000_000;
    if (!loaded.ok()) {
      throw new IllegalStateException("the export does not load: " + loaded.diagnostics());
    }
    DesiredState desired = loaded.state();
    Plan empty = Planner.plan(desired, live, "bench", "file:state.json").plan();
    System.out.printf(
        Locale.ROOT,
        "load the export: %d ms; plan against the same state: %d changes, %d warnings%n",
        loadMs,
        empty.changes().size(),
        empty.warnings().size());

    Plan plan = Planner.plan(desired, tenant.drifted(), "bench", "file:state.json").plan();
    List<IgnoreRule> rules = new ArrayList<>();
    // 99 rules that each accept one application's drift, and one that matches nothing.
    for (int r = 0; r < 99; r++) {
      rules.add(new IgnoreRule("application.customer-" + (3 + 10 * r) + "-worker.*", "", null));
    }
    rules.add(new IgnoreRule("application.retired-*", "", null));
    Rounds<DriftReport> reporting =
        Rounds.of(() -> Drift.report(plan, live, "baseline.json", rules));
    DriftReport report = Drift.report(plan, live, "baseline.json", rules);
    DriftView view = DriftView.of(report, desired);
    Rounds<String> markdown = Rounds.of(() -> new DriftMarkdownRenderer().render(view));
    System.out.printf(
        Locale.ROOT,
        "drift: %,d changes, %,d ignored by 100 rules, %d stale; report mean %d ms, best %d ms;"
            + " markdown (%,d characters) mean %d ms%n",
        report.drifted().size(),
        report.ignored().size(),
        report.staleRules().size(),
        reporting.meanMs(),
        reporting.bestMs(),
        markdown.result().length(),
        markdown.meanMs());
  }

  /** The tenant as read, and as it is after a tenth of its applications drifted. */
  private record Tenant(LiveState live, LiveState drifted) {}

  private static Tenant tenant() {
    Random random = new Random(7);
    List<LiveProperty> properties = new ArrayList<>();
    for (int p = 0; p < PROPERTIES; p++) {
      properties.add(
          new LiveProperty(
              "prop_" + p,
              String.format(Locale.ROOT, "prop_%02d", p),
              "Property " + p,
              p % 3 == 0 ? "Line one\nline two" : "",
              p % 5 == 0 ? PropertyType.MULTI_LINE_TEXT : PropertyType.SINGLE_LINE_TEXT,
              p % 4 == 0,
              "cat_" + (p % 3)));
    }
    List<LiveCategory> categories =
        List.of(
            new LiveCategory("cat_0", "Tenancy"),
            new LiveCategory("cat_1", "AI"),
            new LiveCategory("cat_2", "Ops"));
    List<LiveApplication> applications = new ArrayList<>();
    List<LiveApplication> drifted = new ArrayList<>();
    for (int a = 0; a < APPLICATIONS; a++) {
      String id = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
      String name = a % 10 == 0 ? "Shared worker " + (a % 100) : "Customer " + a + " Worker";
      TreeMap<String, String> values = new TreeMap<>();
      TreeSet<String> claims = new TreeSet<>();
      for (LiveProperty p : properties) {
        values.put(p.key(), "value-" + random.nextInt(1_000));
        if (!p.isPrivate() && random.nextInt(3) == 0) {
          claims.add(p.key());
        }
      }
      applications.add(new LiveApplication(id, name, "m2m", values, claims));
      TreeMap<String, String> moved = new TreeMap<>(values);
      if (a % 10 == 3) {
        moved.put("prop_01", "changed-in-the-dashboard");
      }
      drifted.add(new LiveApplication(id, name, "m2m", moved, claims));
    }
    return new Tenant(
        new LiveState(categories, properties, applications, 0, ClaimToggles.STORED),
        new LiveState(categories, properties, drifted, 0, ClaimToggles.STORED));
  }
}
