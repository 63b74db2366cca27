package dev.kindeprops.bench;

import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import dev.kindeprops.plan.Planner;
import dev.kindeprops.render.PlanMarkdownRenderer;
import dev.kindeprops.render.PlanTextRenderer;
import dev.kindeprops.render.PlanView;
import java.lang.management.ManagementFactory;
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
import java.util.function.Supplier;

/**
 * Plans a tenant of 10,000 M2M applications with 20 properties each (about a tenth of the values
 * and toggles drifted) and prints the time and heap the planner takes, the render times, and the
 * state file's read time. Run with {@code ./mvnw -B -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.kindeprops.bench.PlanBenchmark}.
 */
public final class PlanBenchmark {
  private static final int APPLICATIONS = 10_000;
  private static final int PROPERTIES = 20;

  private PlanBenchmark() {}

  public static void main(String[] args) throws Exception {
    Random random = new Random(42);
    DesiredBuilder desiredBuilder = new DesiredBuilder();
    LiveBuilder liveBuilder = new LiveBuilder().category("Bench");
    List<String> keys = new ArrayList<>();
    for (int p = 0; p < PROPERTIES; p++) {
      String key = String.format(Locale.ROOT, "prop_%02d", p);
      keys.add(key);
      // One sensitive property, and every seventh private on the live side (made public).
      desiredBuilder.property(key, "Bench", false, PropertyType.SINGLE_LINE_TEXT, p == 0);
      liveBuilder.property(key, "Bench", p % 7 == 0, PropertyType.SINGLE_LINE_TEXT);
    }
    for (int a = 0; a < APPLICATIONS; a++) {
      String id = String.format(Locale.ROOT, "%032x", a);
      Map<String, String> values = new TreeMap<>();
      Map<String, String> liveValues = new TreeMap<>();
      List<String> claims = new ArrayList<>();
      Set<String> liveClaims = new TreeSet<>();
      for (String key : keys) {
        String value = "value-" + a + "-" + key;
        values.put(key, value);
        liveValues.put(key, random.nextInt(10) == 0 ? "drifted" : value);
        if (random.nextInt(4) == 0) {
          claims.add(key);
        }
        if (random.nextInt(4) == 0) {
          liveClaims.add(key);
        }
      }
      desiredBuilder.application("app-" + a, id, values, claims.toArray(String[]::new));
      liveBuilder.application(id, "app-" + a, "m2m", liveValues, liveClaims);
    }
    DesiredState desired = desiredBuilder.build();
    LiveState live = liveBuilder.build();

    System.out.printf(
        Locale.ROOT,
        "%,d applications x %d properties (%,d values)%n",
        APPLICATIONS,
        PROPERTIES,
        APPLICATIONS * PROPERTIES);
    long heapBefore = usedHeap();
    Plan plan = time("plan", () -> Planner.plan(desired, live, "bench", "file:bench").plan());
    long heapAfter = usedHeap();
    System.out.printf(
        Locale.ROOT,
        "  %,d changes; plan retained heap: %,d MiB (desired + live state: %,d MiB)%n",
        plan.changes().size(),
        (heapAfter - heapBefore) / (1024 * 1024),
        heapBefore / (1024 * 1024));
    PlanView view = PlanView.of(plan);
    String text = time("render text", () -> new PlanTextRenderer(false).render(view));
    String json = time("render json", () -> PlanCodec.write(plan));
    String markdown = time("render markdown", () -> new PlanMarkdownRenderer().render(view));
    System.out.printf(
        Locale.ROOT,
        "  output: text %,d KiB, json %,d KiB, markdown %,d characters%n",
        text.length() / 1024,
        json.length() / 1024,
        markdown.length());
    time("read plan json", () -> PlanCodec.read("plan.json", json));

    Path file = Files.createTempFile("kinde-props-bench", ".json");
    try {
      StateDocument document =
          new StateDocument(live.categories(), live.properties(), live.applications());
      Files.writeString(file, StateFile.format(document));
      System.out.printf(Locale.ROOT, "  state file: %,d KiB%n", Files.size(file) / 1024);
      time("read state file", () -> new StateFile(file).read());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Runs the task {@link Rounds#COUNT} times and prints the best and the first (cold) run. */
  private static <T> T time(String what, Supplier<T> task) {
    Rounds<T> rounds = Rounds.of(task);
    System.out.printf(
        Locale.ROOT,
        "  %-16s best %,6d ms   first %,6d ms%n",
        what,
        rounds.bestMs(),
        rounds.firstMs());
    return rounds.result();
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
