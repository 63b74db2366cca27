package dev.kindeprops.bench;

import dev.kindeprops.apply.Applier;
import dev.kindeprops.apply.ApplyOptions;
import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.apply.Outcome;
import dev.kindeprops.engine.Version;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.DesiredState;
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
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
          writes.missedSome() ? " (some file writes went uncounted)" : "");
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
    LiveBuilder live = new LiveBuilder().category("Bench");
    KEYS.forEach(key -> live.property(key, "Bench"));
    for (int a = 0; a < APPLICATIONS; a++) {
      live.m2m(id(a), "app-" + a, Map.of("region", "us"));
    }
    LiveState state = live.build();
    return new StateDocument(state.categories(), state.properties(), state.applications());
  }

  private static DesiredState desiredState() {
    DesiredBuilder desired = new DesiredBuilder();
    KEYS.forEach(key -> desired.property(key, "Bench"));
    for (int a = 0; a < APPLICATIONS; a++) {
      desired.application(
          "app-" + a, id(a), Map.of("region", "eu", "tier", "pro", "model_version", "v" + a % 3));
    }
    return desired.build();
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
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Path marker;
    private final Thread drain;
    private boolean markerSeen;

    private FileWrites(Path file) throws IOException {
      this.watcher = FileSystems.getDefault().newWatchService();
      file.toAbsolutePath().getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      Path name = file.getFileName();
      this.marker = file.resolveSibling(name + ".counted");
      Path markerName = marker.getFileName();
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
                      } else if (markerName.equals(event.context())) {
                        reported.countDown();
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

    /**
     * Stops counting once the file system has reported every write made so far, and returns the
     * count. A directory's events arrive in order, so once the creation of a marker file made now
     * is seen, so is every write before it.
     */
    int stop() throws Exception {
      Files.createFile(marker);
      markerSeen = reported.await(10, TimeUnit.SECONDS);
      watcher.close();
      drain.join(5_000);
      Files.delete(marker);
      return count.get();
    }

    /** Whether some writes may have gone uncounted: the file system dropped or held back events. */
    boolean missedSome() {
      return overflows.get() > 0 || !markerSeen;
    }
  }
}
