package dev.kindeprops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs every benchmark of issue 11 through {@code ./kinde-props}, as a user runs it, and prints
 * each figure beside its goal, as a ratio to a baseline measured in the same run. Run from the
 * checkout with {@code ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.kindeprops.bench.Benchmarks} (add {@code -Dexec.args=--quick} for a run of a
 * few minutes at smaller sizes). docs/benchmarks.md explains the figures.
 */
public final class Benchmarks {
  /** Every benchmark, in the order they run (later ones may use earlier figures): one line each. */
  private static final List<Benchmark> ALL =
      List.of(
          new StartupBenchmark(),
          new OfflinePlanBenchmark(),
          new PlanGrowthBenchmark(),
          new StateFileApplyBenchmark(),
          new PacingFigures());

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    Path checkout = Path.of("").toAbsolutePath();
    Path scratch = Files.createTempDirectory("kinde-props-benchmarks");
    try {
      Bench bench = new Bench(checkout, scratch, quick);
      // Builds the jar if the sources changed and makes the class-data archive from a plan, outside
      // every figure.
      for (int i = 0; i < 2; i++) {
        bench.best(StartupBenchmark.quickstartPlan(bench), scratch.resolve("warm-up.txt"));
      }
      Report report = new Report();
      for (Benchmark benchmark : ALL) {
        System.err.println("running " + benchmark.getClass().getSimpleName() + "...");
        benchmark.run(bench, report);
      }
      System.out.printf(
          Locale.ROOT,
          "kinde-props benchmarks%s: Java %s, %d cores, load average %s; best of %d runs%n%n",
          quick ? " (quick)" : "",
          System.getProperty("java.version"),
          Runtime.getRuntime().availableProcessors(),
          loadAverage(),
          bench.rounds());
      System.out.print(report.table());
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  private static String loadAverage() {
    double load =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }
}
