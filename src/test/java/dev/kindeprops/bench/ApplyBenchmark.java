package dev.kindeprops.bench;

import dev.kindeprops.apply.ApplyListener;
import dev.kindeprops.apply.Outcome;
import dev.kindeprops.engine.ApplyUseCase;
import dev.kindeprops.engine.Inputs;
import dev.kindeprops.engine.PlanUseCase;
import dev.kindeprops.engine.TargetSpec;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.fixtures.StateFileApply;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times {@code apply PLAN -f ... --state FILE} of about 20,000 value changes (10,000 M2M
 * applications with 20 properties each; each application gets one new value and one changed one)
 * against the plan of the same manifests and state, measured in the same run, and counts how many
 * times apply wrote the state file. Both run in process through their use cases, with the manifests
 * built in memory (no YAML), so the ratio leaves out what both commands share. Run with {@code
 * ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.kindeprops.bench.ApplyBenchmark [-Dexec.args=ROUNDS]} (default 3 rounds; the
 * best of each is printed).
 */
public final class ApplyBenchmark {
  private static final int APPLICATIONS = 10_000;
  private static final int PROPERTIES = 20;

  private ApplyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length == 0 ? 3 : Integer.parseInt(args[0].strip());
    Path dir = Files.createTempDirectory("kinde-props-apply-bench");
    Path original = dir.resolve("original.json");
    new StateFile(original).write(liveState());
    DesiredState desired = desiredState();
    System.out.printf(
        Locale.ROOT,
        "state file: %,d applications x %d properties, %.1f MiB%n",
        APPLICATIONS,
        PROPERTIES,
        Files.size(original) / 1048576.0);

    double bestPlan = Double.MAX_VALUE;
    double bestApply = Double.MAX_VALUE;
    int changes = 0;
    int written = 0;
    boolean missed = false;
    for (int round = 0; round < rounds; round++) {
      Path file = dir.resolve("state.json");
      Files.copy(original, file, StandardCopyOption.REPLACE_EXISTING);
      Path planFile = dir.resolve("plan.json");
      TargetSpec target = TargetSpec.stateFile(file);

      long start = System.nanoTime();
      Plan plan =
          PlanUseCase.run(
              new PlanUseCase.Request(desired, target, null, null, false, Inputs.NONE, null));
      bestPlan = Math.min(bestPlan, (System.nanoTime() - start) / 1e9);
      PlanUseCase.run(
          new PlanUseCase.Request(desired, target, null, planFile, false, Inputs.NONE, null));
      changes = plan.changes().size();

      FileWrites writes = FileWrites.watch(file);
      start = System.nanoTime();
      ApplyUseCase.Result result =
          StateFileApply.run(
              planFile, desired, file, ApplyListener.NONE, null, ApplyUseCase.DEFAULT_LOCK_TIMEOUT);
      bestApply = Math.min(bestApply, (System.nanoTime() - start) / 1e9);
      written = writes.stop();
      missed |= writes.missedSome();
      if (!result.report().complete()) {
        throw new IllegalStateException(
            "the apply failed: " + result.report().with(Outcome.FAILED));
      }
      Files.delete(planFile);
    }
    System.out.printf(
        Locale.ROOT,
        "plan: %.2f s; apply of the saved plan with -f: %.2f s = %.2fx the plan (goal <= 1.5x);"
            + " %,d changes, %,d file writes%s%n",
        bestPlan,
        bestApply,
        bestApply / bestPlan,
        changes,
        written,
        missed ? " (some file writes went uncounted)" : "");
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

  /** Every application holds all 20 values; the manifests add none and change two. */
  private static StateDocument liveState() {
    LiveBuilder live = new LiveBuilder().category("Bench");
    for (int k = 0; k < PROPERTIES; k++) {
      live.property(key(k), "Bench");
    }
    for (int a = 0; a < APPLICATIONS; a++) {
      live.m2m(id(a), "app-" + a, values(a, false));
    }
    LiveState state = live.build();
    return new StateDocument(state.categories(), state.properties(), state.applications());
  }

  private static DesiredState desiredState() {
    DesiredBuilder desired = new DesiredBuilder();
    for (int k = 0; k < PROPERTIES; k++) {
      desired.property(key(k), "Bench");
    }
    for (int a = 0; a < APPLICATIONS; a++) {
      desired.application("app-" + a, id(a), values(a, true));
    }
    return desired.build();
  }

  /** Values for properties 1 to 19; the desired ones also set property 0 and change property 1. */
  private static Map<String, String> values(int application, boolean desired) {
    Map<String, String> values = new TreeMap<>();
    for (int k = 1; k < PROPERTIES; k++) {
      values.put(key(k), "value-" + k + "-" + application % 7);
    }
    if (desired) {
      values.put(key(0), "new-" + application % 5);
      values.put(key(1), "changed-" + application % 3);
    }
    return values;
  }

  private static String key(int k) {
    return String.format(Locale.ROOT, "prop_%02d", k);
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
