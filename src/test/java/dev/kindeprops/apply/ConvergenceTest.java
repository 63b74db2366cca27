package dev.kindeprops.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.engine.Version;
import dev.kindeprops.json.Json;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.LoadResult;
import dev.kindeprops.manifest.ManifestDigest;
import dev.kindeprops.manifest.ManifestLoader;
import dev.kindeprops.manifest.Variables;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import dev.kindeprops.plan.PlanDiff;
import dev.kindeprops.plan.PropertyChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler's idempotence, as a property over random cases: for each seeded pair of manifests
 * and a live state file, plan, apply (through a saved plan), and plan again: the second plan is
 * empty, and nothing the manifests do not manage has changed. A failure names its seed, so that
 * {@link #replay} can run that case alone.
 */
class ConvergenceTest {
  private static final int CASES = 300;
  private static final long FIRST_SEED = 20_261_126L;

  private static final List<String> KEYS =
      List.of("region", "tier", "model_version", "notes", "flag", "plan_code");
  private static final List<String> CATEGORIES = List.of("Tenancy", "AI", "Ops", "Billing");
  private static final List<String> VALUES =
      List.of("eu", "us", "v1", "v2", "line one\nline two", "x y", "ünïcode", "'quoted'");
  private static final int APPLICATIONS = 6;
  private static final int CONCURRENT_CASES = 4;

  @TempDir Path dir;

  @Test
  void planApplyPlanConvergesForRandomManifestsAndStates() throws InterruptedException {
    // Cases run side by side: each waits mostly on the disk, syncing its own state file.
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CASES);
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < CASES; i++) {
      long seed = FIRST_SEED + i;
      pool.execute(
          () -> {
            try {
              runCase(seed);
            } catch (AssertionError | Exception e) {
              failures.add("seed " + seed + ": " + e.getMessage());
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    assertThat(failures).as("%d of %d cases failed", failures.size(), CASES).isEmpty();
  }

  /** Runs the case of one seed from a failure message, when its number is set here. */
  @Test
  void replay() throws IOException {
    long seed = Long.getLong("convergence.seed", FIRST_SEED);
    runCase(seed);
  }

  private void runCase(long seed) throws IOException {
    Random random = new Random(seed);
    Path caseDir = Files.createDirectories(dir.resolve("case-" + seed));
    StateDocument live = liveState(random);
    Path stateFile = caseDir.resolve("state.json");
    new StateFile(stateFile).write(live);
    Path manifests = Files.createDirectories(caseDir.resolve("manifests"));
    writeManifests(random, live, manifests);
    int parallelism = 1 + random.nextInt(8);

    String context = "seed " + seed + " (replay: -Dconvergence.seed=" + seed + ")";
    LoadResult loaded = ManifestLoader.load(List.of(manifests), Variables.ofEnv(Map.of()));
    assertThat(loaded.diagnostics()).as(context).filteredOn(d -> d.isError()).isEmpty();
    DesiredState desired = loaded.state();
    // Locked as apply locks it: the plan, the checks and the changes in one transaction.
    StateFileTarget target = Scenario.locked(stateFile);

    Plan made = Scenario.plan(desired, target);
    Plan read = PlanCodec.read("plan.json", PlanCodec.write(made));
    Applier.refuseIfStale(read, target, Version.current(), ManifestDigest.of(desired));
    assertThat(PlanDiff.between(read, made).isEmpty()).as(context).isTrue();
    // A saved plan holds sensitive values only as seals; apply -f carries out the fresh plan.
    Plan saved = read.sensitiveWrites().isEmpty() ? read : made;
    if (saved != read) {
      assertThatThrownBy(() -> Applier.apply(read, target, new ApplyOptions(true, 1, null)))
          .as(context)
          .isInstanceOf(ApplyRefusedException.class)
          .hasMessageContaining("sensitive");
    }
    if (saved.changes().stream().anyMatch(c -> c.action().isDestructive())) {
      byte[] before = Scenario.bytes(stateFile);
      assertThatThrownBy(
              () -> Applier.apply(saved, target, new ApplyOptions(false, parallelism, null)))
          .as(context)
          .isInstanceOf(ApplyRefusedException.class);
      assertThat(Scenario.bytes(stateFile)).as(context).isEqualTo(before);
    }

    ApplyReport report = Applier.apply(saved, target, new ApplyOptions(true, parallelism, null));

    target.close();

    assertThat(report.with(Outcome.FAILED)).as(context).isEmpty();
    assertThat(report.complete()).as(context).isTrue();
    assertThat(Scenario.plan(desired, new StateFileTarget(stateFile)).changes())
        .as(context)
        .isEmpty();
    assertUnmanagedUnchanged(context, live, new StateFile(stateFile).read(), desired, saved);
  }

  /**
   * Live properties the manifests neither declare nor remove stay as they were, and so do the
   * values and toggles of applications they do not list, except of properties the plan deleted or
   * replaced (Kinde drops those everywhere).
   */
  private static void assertUnmanagedUnchanged(
      String context, StateDocument before, StateDocument after, DesiredState desired, Plan plan) {
    Set<String> dropped =
        plan.changes().stream()
            .filter(c -> c instanceof PropertyChange && c.action().isDestructive())
            .map(c -> ((PropertyChange) c).key())
            .collect(Collectors.toSet());
    for (LiveProperty property : before.properties()) {
      if (!desired.properties().containsKey(property.key())
          && !desired.removedProperties().contains(property.key())) {
        assertThat(after.property(property.key())).as(context).contains(property);
      }
    }
    Set<String> listed = new HashSet<>();
    desired.applications().values().forEach(a -> listed.add(a.id()));
    for (LiveApplication app : before.applications()) {
      if (listed.contains(app.id())) {
        continue;
      }
      LiveApplication now = after.application(app.id()).orElseThrow();
      Map<String, String> kept = new TreeMap<>(app.values());
      kept.keySet().removeAll(dropped);
      Set<String> claims = new TreeSet<>(app.claims());
      claims.removeAll(dropped);
      assertThat(now.values()).as(context + ": values of " + app.name()).isEqualTo(kept);
      assertThat(now.claims()).as(context + ": claims of " + app.name()).isEqualTo(claims);
    }
  }

  private static StateDocument liveState(Random random) {
    List<LiveCategory> categories = new ArrayList<>();
    for (String name : CATEGORIES) {
      if (random.nextInt(2) == 0) {
        categories.add(new LiveCategory("cat_" + name.toLowerCase(), name));
      }
    }
    if (categories.isEmpty() || random.nextInt(4) == 0) {
      categories.add(new LiveCategory("cat_misc", "Misc"));
    }
    List<String> liveKeys = new ArrayList<>();
    KEYS.stream().filter(k -> random.nextInt(10) < 6).forEach(liveKeys::add);
    if (random.nextBoolean()) {
      liveKeys.add("legacy");
    }
    if (random.nextInt(3) == 0) {
      liveKeys.add("kp_internal");
    }
    List<LiveProperty> properties = new ArrayList<>();
    for (String key : liveKeys) {
      properties.add(
          new LiveProperty(
              "prop_" + key,
              key,
              random.nextInt(3) == 0 ? name(key) + " (old)" : name(key),
              random.nextInt(3) == 0 ? "old description" : "",
              pick(random, List.of(PropertyType.values())),
              random.nextBoolean(),
              pick(random, categories).id()));
    }
    List<LiveApplication> applications = new ArrayList<>();
    for (int i = 0; i < APPLICATIONS; i++) {
      Map<String, String> values = new TreeMap<>();
      TreeSet<String> claims = new TreeSet<>();
      for (String key : liveKeys) {
        if (random.nextInt(10) < 4) {
          values.put(key, pick(random, VALUES));
        }
        if (random.nextInt(10) < 3) {
          claims.add(key);
        }
      }
      String type = i == APPLICATIONS - 1 && random.nextBoolean() ? "reg" : "m2m";
      applications.add(
          new LiveApplication(id(i), "Application " + i, type, new TreeMap<>(values), claims));
    }
    return new StateDocument(categories, properties, applications);
  }

  /** Properties, then profiles, then applications, in two or three files. */
  private static void writeManifests(Random random, StateDocument live, Path dir)
      throws IOException {
    StringBuilder properties = new StringBuilder("version: 1\nproperties:\n");
    Map<String, Boolean> declared = new LinkedHashMap<>();
    for (String key : KEYS) {
      if (random.nextInt(10) >= 7) {
        continue;
      }
      boolean isPrivate = random.nextInt(3) == 0;
      declared.put(key, isPrivate);
      PropertyType type =
          live.property(key).isPresent() && random.nextInt(10) < 7
              ? live.property(key).get().type()
              : pick(random, List.of(PropertyType.values()));
      properties
          .append("  ")
          .append(key)
          .append(":\n    name: ")
          .append(quote(random.nextInt(4) == 0 ? name(key) + " (old)" : name(key)))
          .append("\n    type: ")
          .append(type.wireName())
          .append("\n    category: ")
          .append(quote(pick(random, CATEGORIES)))
          .append("\n    private: ")
          .append(isPrivate)
          .append("\n    sensitive: ")
          .append(random.nextInt(5) == 0)
          .append('\n');
      if (random.nextBoolean()) {
        properties.append("    description: ").append(quote("about " + key)).append('\n');
      }
    }
    if (declared.isEmpty()) {
      properties.setLength(0);
      properties.append("version: 1\n");
    }
    List<String> removed = new ArrayList<>();
    for (LiveProperty property : live.properties()) {
      if (!property.isKindeProperty()
          && !declared.containsKey(property.key())
          && random.nextBoolean()) {
        removed.add(property.key());
      }
    }
    if (random.nextInt(5) == 0 && !declared.containsKey("gone")) {
      removed.add("gone");
    }
    if (!removed.isEmpty()) {
      properties.append("removed:\n  properties: [").append(String.join(", ", removed));
      properties.append("]\n");
    }
    Files.writeString(dir.resolve("properties.yaml"), properties);

    List<String> publicKeys =
        declared.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    List<String> profiles = new ArrayList<>();
    StringBuilder profileText = new StringBuilder("version: 1\nprofiles:\n");
    int profileCount = random.nextInt(3);
    for (int i = 0; i < profileCount; i++) {
      String entries =
          values(random, declared.keySet(), "    ") + claims(random, publicKeys, "    ");
      if (!entries.isEmpty()) {
        String name = "profile-" + i;
        profiles.add(name);
        profileText.append("  ").append(name).append(":\n").append(entries);
      }
    }
    if (!profiles.isEmpty()) {
      Files.writeString(dir.resolve("profiles.yaml"), profileText);
    }

    StringBuilder applications = new StringBuilder("version: 1\napplications:\n");
    int listed = 0;
    for (LiveApplication app : live.applications()) {
      if (!app.isM2m() || random.nextInt(10) >= 7) {
        continue;
      }
      listed++;
      String local = (random.nextInt(4) == 0 ? "svc-" : "application-") + app.name().substring(12);
      applications.append("  ").append(local).append(":\n    id: ").append(app.id()).append('\n');
      List<String> chosen = new ArrayList<>(profiles);
      chosen.removeIf(p -> random.nextBoolean());
      if (chosen.size() > 1 && random.nextBoolean()) {
        Collections.reverse(chosen);
      }
      if (!chosen.isEmpty()) {
        applications.append("    profiles: [").append(String.join(", ", chosen)).append("]\n");
      }
      applications.append(values(random, declared.keySet(), "    "));
      applications.append(claims(random, publicKeys, "    "));
    }
    if (listed > 0) {
      Files.writeString(dir.resolve("applications.yaml"), applications);
    }
  }

  private static String values(Random random, Set<String> keys, String indent) {
    StringBuilder text = new StringBuilder();
    for (String key : keys) {
      if (random.nextInt(10) < 5) {
        text.append(indent).append("  ").append(key).append(": ");
        text.append(quote(pick(random, VALUES)));
        text.append('\n');
      }
    }
    return text.isEmpty() ? "" : indent + "values:\n" + text;
  }

  private static String claims(Random random, List<String> publicKeys, String indent) {
    List<String> claimed = publicKeys.stream().filter(k -> random.nextInt(10) < 4).toList();
    return claimed.isEmpty() ? "" : indent + "claims: [" + String.join(", ", claimed) + "]\n";
  }

  /** A YAML double-quoted scalar: JSON's string syntax is valid YAML 1.2. */
  private static String quote(String text) {
    return Json.MAPPER.writeValueAsString(text);
  }

  /** A Kinde application id: 32 lower-case hexadecimal characters. */
  private static String id(int i) {
    return String.format("3b0b5c6c8fcc464fab397f4969b5f%03x", i);
  }

  private static String name(String key) {
    return Character.toUpperCase(key.charAt(0)) + key.substring(1).replace('_', ' ');
  }

  private static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
