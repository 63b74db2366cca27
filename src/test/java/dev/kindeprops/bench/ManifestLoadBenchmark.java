package dev.kindeprops.bench;

import dev.kindeprops.manifest.LoadResult;
import dev.kindeprops.manifest.ManifestLoader;
import dev.kindeprops.manifest.Variables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads generated manifests with 10,000 applications, 20 properties and 5 profiles, several times,
 * and prints the time per load, the bytes allocated per load and the heap the result keeps.
 *
 * <p>Run: {@code ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.kindeprops.bench.ManifestLoadBenchmark}
 */
public final class ManifestLoadBenchmark {
  private static final int APPLICATIONS = 10_000;
  private static final int PROPERTIES = 20;
  private static final int PROFILES = 5;
  private static final int WARMUPS = 3;
  private static final int RUNS = 5;

  private ManifestLoadBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("kinde-props-bench");
    try {
      Path split = dir.resolve("split");
      Path single = dir.resolve("single");
      generate(split, 10);
      generate(single, 1);
      System.out.printf(
          Locale.ROOT,
          "ManifestLoadBenchmark: %,d applications, %d properties, %d profiles; %d warm-ups, %d"
              + " timed loads; Java %s%n",
          APPLICATIONS,
          PROPERTIES,
          PROFILES,
          WARMUPS,
          RUNS,
          System.getProperty("java.version"));
      measure("10 application files", split);
      measure("1 application file", single);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(ManifestLoadBenchmark::delete);
      }
    }
  }

  private static void measure(String name, Path dir) throws IOException {
    long bytes;
    try (Stream<Path> files = Files.walk(dir)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(ManifestLoadBenchmark::size).sum();
    }
    for (int i = 0; i < WARMUPS; i++) {
      check(load(dir));
    }
    long best = Long.MAX_VALUE;
    long total = 0;
    long allocated = 0;
    LoadResult kept = null;
    for (int i = 0; i < RUNS; i++) {
      long allocatedBefore = allocatedBytes();
      long start = System.nanoTime();
      kept = load(dir);
      long elapsed = System.nanoTime() - start;
      allocated += allocatedBytes() - allocatedBefore;
      check(kept);
      best = Math.min(best, elapsed);
      total += elapsed;
    }
    long withResult = usedAfterGc();
    check(kept);
    kept = null;
    long retained = Math.max(0, withResult - usedAfterGc());
    System.out.printf(
        Locale.ROOT,
        "  %-22s %5.1f MiB of YAML: mean %6.0f ms, best %6.0f ms per load; %6.0f MiB allocated"
            + " per load; desired state and diagnostics keep %5.1f MiB%n",
        name,
        bytes / 1048576.0,
        total / 1e6 / RUNS,
        best / 1e6,
        allocated / 1048576.0 / RUNS,
        retained / 1048576.0);
  }

  private static LoadResult load(Path dir) {
    return ManifestLoader.load(List.of(dir), Variables.ofEnv(Map.of()));
  }

  private static void check(LoadResult result) {
    if (!result.ok() || result.state().applications().size() != APPLICATIONS) {
      throw new IllegalStateException(
          "the generated manifests do not load: " + result.diagnostics());
    }
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (threads instanceof com.sun.management.ThreadMXBean hotspot) {
      return hotspot.getCurrentThreadAllocatedBytes();
    }
    return 0;
  }

  /** Properties, profiles and applications spread over {@code applicationFiles} files. */
  private static void generate(Path dir, int applicationFiles) throws IOException {
    Files.createDirectories(dir);
    StringBuilder properties = new StringBuilder("version: 1\nproperties:\n");
    for (int p = 0; p < PROPERTIES; p++) {
      properties.append(
          String.format(
              Locale.ROOT,
              """
                prop_%d:
                  name: Property %d
                  category: Category %d
                  private: false
              """,
              p,
              p,
              p % 4));
      if (p % 3 == 0) {
        properties.append("    allowed: [a, b, c, d]\n");
      } else if (p % 3 == 1) {
        properties.append("    pattern: \"^v[0-9]+$\"\n");
      }
    }
    Files.writeString(dir.resolve("properties.yaml"), properties);
    StringBuilder profiles = new StringBuilder("version: 1\nprofiles:\n");
    for (int f = 0; f < PROFILES; f++) {
      profiles.append(
          String.format(
              Locale.ROOT,
              """
                profile-%d:
                  values: {prop_0: b, prop_1: v%d, prop_2: text-%d}
                  claims: [prop_0, prop_1]
              """,
              f,
              f,
              f));
    }
    Files.writeString(dir.resolve("profiles.yaml"), profiles);
    int perFile = APPLICATIONS / applicationFiles;
    for (int file = 0; file < applicationFiles; file++) {
      StringBuilder apps = new StringBuilder("version: 1\napplications:\n");
      for (int a = file * perFile; a < (file + 1) * perFile; a++) {
        apps.append("  app-")
            .append(a)
            .append(":\n    id: ")
            .append(String.format(Locale.ROOT, "%032x", 0x5eed_0000L + a))
            .append("\n    profiles: [profile-")
            .append(a % PROFILES)
            .append("]\n    values:\n");
        for (int p = 3; p < 8; p++) {
          apps.append("      prop_").append(p).append(": ").append(value(p, a)).append('\n');
        }
        apps.append("    claims: [prop_3, prop_4]\n");
      }
      Files.writeString(dir.resolve(String.format(Locale.ROOT, "apps-%02d.yaml", file)), apps);
    }
  }

  private static String value(int property, int application) {
    return switch (property % 3) {
      case 0 -> "c";
      case 1 -> "v" + application;
      default -> "value-" + application;
    };
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
