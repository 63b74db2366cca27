package dev.kindeprops.bench;

import dev.kindeprops.apply.Applier;
import dev.kindeprops.apply.ApplyOptions;
import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.apply.Outcome;
import dev.kindeprops.engine.Version;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.PropertyDefinition;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.Planner;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies a plan of 30,000 value writes (10,000 M2M applications, three properties each) to a state
 * file, once per parallelism, and prints the time and how many times the file was written: the
 * state-file target carries out writes that arrive together in one file write (group commit), so
 * more writes in flight mean fewer file writes. Run with {@code ./mvnw -B -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.kindeprops.bench.ApplyBenchmark
 * [-Dexec.args="4,16,64"]}.
 */
public final class ApplyBenchmark {
  private static final int APPLICATIONS = 10_000;
  private static final List<String> KEYS = List.of("region", "tier", "model_version");

  private ApplyBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> parallelisms = new ArrayList<>();
    for (String n : (args.length == 0 ? "16,64" : args[0]).split(",")) {
      parallelisms.add(Integer.parseInt(n.strip()));
    }
    Path dir = Files.createTempDirectory("kinde-props-apply-bench");
    Path original = dir.resolve("original.json");
    new StateFile(original).write(liveState());
    DesiredState desired = desiredState();
    System.out.printf(
        Locale.ROOT,
        "state file: %d applications, %.1f MiB%n",
        APPLICATIONS,
        Files.size(original) / 1048576.0);

    for (int parallelism : parallelisms) {
      Path file = dir.resolve("state-" + parallelism + ".json");
      Files.copy(original, file, StandardCopyOption.REPLACE_EXISTING);
      StateFileTarget target = new StateFileTarget(file);
      Set<String> ids = new TreeSet<>();
      desired.applications().values().forEach(a -> ids.add(a.id()));
      Plan plan = Planner.plan(desired, target.read(ids), Version.current(), target.name()).plan();

      FileWrites writes = FileWrites.watch(file);
      long start = System.nanoTime();
      ApplyReport report = Applier.apply(plan, target, new ApplyOptions(false, parallelism, null));
      double seconds = (System.nanoTime() - start) / 1e9;
      int written = writes.stop();

      if (!report.complete()) {
        throw new IllegalStateException("the apply failed: " + report.with(Outcome.FAILED));
      }
      System.out.printf(
          Locale.ROOT,
          "parallelism %3d: %,d value writes in %.1f s (%,.0f per second), %,d file writes"
              + " (%.1f changes per file write)%s%n",
          parallelism,
          plan.changes().size(),
          seconds,
          plan.changes().size() / seconds,
          written,
          plan.changes().size() / (double) written,
          writes.overflowed() ? " (some file writes went uncounted)" : "");
      Files.delete(file);
    }
    Files.delete(original);
    try (var left = Files.list(dir)) {
      left.forEach(
          p -> {
            try {
              Files.delete(p);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    Files.delete(dir);
  }

  /** Every application holds "us" for region and nothing else; the manifests want all three. */
  private static StateDocument liveState() {
    List<LiveProperty> properties = new ArrayList<>();
    for (String key : KEYS) {
      properties.add(
          new LiveProperty(
              "prop_" + key, key, key, "", PropertyType.SINGLE_LINE_TEXT, false, "cat_bench"));
    }
    List<LiveApplication> applications = new ArrayList<>();
    for (int a = 0; a < APPLICATIONS; a++) {
      applications.add(
          new LiveApplication(
              id(a), "app-" + a, "m2m", new TreeMap<>(Map.of("region", "us")), new TreeSet<>()));
    }
    return new StateDocument(
        List.of(new LiveCategory("cat_bench", "Bench")), properties, applications);
  }

  private static DesiredState desiredState() {
    TreeMap<String, PropertyDefinition> properties = new TreeMap<>();
    for (String key : KEYS) {
      properties.put(
          key,
          new PropertyDefinition(
              key,
              key,
              "",
              PropertyType.SINGLE_LINE_TEXT,
              "Bench",
              false,
              List.of(),
              null,
              false,
              null));
    }
    TreeMap<String, Application> applications = new TreeMap<>();
    for (int a = 0; a < APPLICATIONS; a++) {
      applications.put(
          "app-" + a,
          new Application(
              "app-" + a,
              id(a),
              List.of(),
              new TreeMap<>(Map.of("region", "eu", "tier", "pro", "model_version", "v" + a % 3)),
              new TreeSet<>(),
              null,
              null));
    }
    return new DesiredState(properties, new TreeMap<>(), applications, new TreeSet<>());
  }

  private static String id(int a) {
    return String.format(Locale.ROOT, "%032x", a);
  }

  /**
   * Counts the writes of one file from outside: each write renames a new file onto its name, which
   * the file system reports as the name being created.
   */
  private static final class FileWrites {
    private final WatchService watcher;
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong overflows = new AtomicLong();
    private final Thread drain;

    private FileWrites(Path file) throws IOException {
      this.watcher = FileSystems.getDefault().newWatchService();
      file.toAbsolutePath().getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      Path name = file.getFileName();
      this.drain =
          new Thread(
              () -> {
                try {
                  while (true) {
                    WatchKey key = watcher.take();
                    for (WatchEvent<?> event : key.pollEvents()) {
                      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        overflows.incrementAndGet();
                      } else if (name.equals(event.context())) {
                        count.incrementAndGet();
                      }
                    }
                    key.reset();
                  }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                  // Stopped.
                }
              },
              "file-writes");
      drain.setDaemon(true);
      drain.start();
    }

    static FileWrites watch(Path file) throws IOException {
      return new FileWrites(file);
    }

    /** Stops counting, after the last events have arrived, and returns the count. */
    int stop() throws Exception {
      Thread.sleep(500);
      watcher.close();
      drain.join(5_000);
      return count.get();
    }

    boolean overflowed() {
      return overflows.get() > 0;
    }
  }
}
