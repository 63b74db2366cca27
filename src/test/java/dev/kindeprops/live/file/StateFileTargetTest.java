package dev.kindeprops.live.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.fixtures.ChildJvm;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.LockWait;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.PropertyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTargetTest {
  @TempDir Path dir;
  Path path;
  StateFileTarget target;

  @BeforeEach
  void writeState() {
    path = dir.resolve("state.json");
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .privateProperty("region", "Tenancy")
            .property("kp_app_city", "Tenancy")
            .m2m("a1", "billing", Map.of("region", "us"), "region")
            .m2m("a2", "search", Map.of("region", "eu"))
            .application("a3", "web", "spa", Map.of(), Set.of())
            .m2m("a4", "other", Map.of())
            .build();
    new StateFile(path)
        .write(new StateDocument(live.categories(), live.properties(), live.applications()));
    target = new StateFileTarget(path);
  }

  @Test
  void readsTheAskedApplicationsOfAnyTypeAndCountsTheOtherM2mOnes() {
    LiveState live = target.read(Set.of("a1", "a3", "missing"));

    assertThat(live.applications()).extracting(LiveApplication::id).containsExactly("a1", "a3");
    assertThat(live.otherM2mApplications()).isEqualTo(2);
    assertThat(live.toggles()).isEqualTo(ClaimToggles.STORED);
    assertThat(live.properties()).extracting(LiveProperty::key).contains("kp_app_city");
    assertThat(target.name()).isEqualTo("file:" + path.normalize().toString().replace('\\', '/'));
    assertThat(target.claimToggles()).isEqualTo(ClaimToggles.STORED);
  }

  @Test
  void readsEveryM2mApplication() {
    assertThat(target.readAllM2mApplications().applications())
        .extracting(LiveApplication::id)
        .containsExactly("a1", "a2", "a4");
  }

  @Test
  void createsCategoriesAndPropertiesWithFreshIds() {
    target.apply(new Operation.CreateCategory("AI"));
    target.apply(
        new Operation.CreateProperty(
            new PropertyFields("model", "Model", "", PropertyType.MULTI_LINE_TEXT, "AI", false)));

    LiveState live = target.read(Set.of());
    String aiId = live.categoryByName("AI").orElseThrow().id();
    assertThat(aiId).matches("cat_[0-9a-f]{32}");
    LiveProperty model = live.property("model").orElseThrow();
    assertThat(model.id()).matches("prop_[0-9a-f]{32}");
    assertThat(model.categoryId()).isEqualTo(aiId);
    assertThat(model.type()).isEqualTo(PropertyType.MULTI_LINE_TEXT);
  }

  @Test
  void updatesTheMutableFieldsOfAProperty() {
    target.apply(new Operation.CreateCategory("Ops"));
    target.apply(
        new Operation.UpdateProperty(
            new PropertyFields(
                "region", "Data region", "Where", PropertyType.SINGLE_LINE_TEXT, "Ops", false)));

    LiveState live = target.read(Set.of());
    LiveProperty region = live.property("region").orElseThrow();
    assertThat(region.id()).isEqualTo("prop_region");
    assertThat(region.name()).isEqualTo("Data region");
    assertThat(region.description()).isEqualTo("Where");
    assertThat(region.isPrivate()).isFalse();
    assertThat(region.categoryId()).isEqualTo(live.categoryByName("Ops").orElseThrow().id());
  }

  @Test
  void deletingAPropertyRemovesItsValuesAndClaimsEverywhere() {
    target.apply(new Operation.DeleteProperty("region"));

    LiveState live = target.read(Set.of("a1", "a2"));
    assertThat(live.property("region")).isEmpty();
    assertThat(live.applications()).allSatisfy(a -> assertThat(a.values()).isEmpty());
    assertThat(live.application("a1").orElseThrow().claims()).isEmpty();
  }

  @Test
  void setsAndDeletesValuesAndToggles() {
    target.apply(new Operation.SetValue("a2", "region", "au"));
    target.apply(new Operation.DeleteValue("a1", "region"));
    target.apply(new Operation.SetClaim("a1", "region", false));
    target.apply(new Operation.SetClaim("a2", "region", true));

    LiveState live = target.read(Set.of("a1", "a2"));
    assertThat(live.application("a1").orElseThrow().values()).isEmpty();
    assertThat(live.application("a1").orElseThrow().claims()).isEmpty();
    assertThat(live.application("a2").orElseThrow().values()).isEqualTo(Map.of("region", "au"));
    assertThat(live.application("a2").orElseThrow().claims()).containsExactly("region");
  }

  @Test
  void refusesWhatCannotBeDoneWithOneClearLine() {
    PropertyFields noCategory =
        new PropertyFields("tier", "Tier", "", PropertyType.SINGLE_LINE_TEXT, "Nope", false);
    assertThatThrownBy(() -> target.apply(new Operation.CreateProperty(noCategory)))
        .isInstanceOf(TargetException.class)
        .hasMessage("property \"tier\": no category is named \"Nope\"");
    assertThatThrownBy(() -> target.apply(new Operation.SetValue("zz", "region", "x")))
        .hasMessage("no application has id \"zz\"");
    assertThatThrownBy(() -> target.apply(new Operation.SetValue("a1", "tier", "x")))
        .hasMessage("no property has key \"tier\"");
    assertThatThrownBy(() -> target.apply(new Operation.DeleteProperty("kp_app_city")))
        .hasMessage("property \"kp_app_city\" is one of Kinde's own (kp_*) and cannot be changed");
    assertThatThrownBy(() -> target.apply(new Operation.CreateCategory("Tenancy")))
        .hasMessage("category \"Tenancy\" already exists");
    PropertyFields retyped =
        new PropertyFields("region", "Region", "", PropertyType.MULTI_LINE_TEXT, "Tenancy", true);
    assertThatThrownBy(() -> target.apply(new Operation.UpdateProperty(retyped)))
        .hasMessageContaining("a type cannot change in place");
  }

  @Test
  void concurrentCallersLoseNoUpdate() throws Exception {
    int threads = 8;
    int perThread = 25;
    for (int t = 0; t < threads; t++) {
      target.apply(new Operation.CreateCategory("c" + t));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                // A second instance on the same file, as a second applier would use.
                StateFileTarget own = thread % 2 == 0 ? target : new StateFileTarget(path);
                for (int i = 0; i < perThread; i++) {
                  own.apply(
                      new Operation.CreateProperty(
                          new PropertyFields(
                              "p" + thread + "_" + i,
                              "P",
                              "",
                              PropertyType.SINGLE_LINE_TEXT,
                              "c" + thread,
                              false)));
                  own.apply(new Operation.SetValue("a4", "p" + thread + "_" + i, "v" + i));
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    LiveState live = target.read(Set.of("a4"));
    assertThat(live.properties()).hasSize(2 + threads * perThread);
    assertThat(live.application("a4").orElseThrow().values()).hasSize(threads * perThread);
  }

  @Test
  void aFailedOperationDoesNotHoldBackTheOthersInItsBatch() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int n = i;
      results.add(
          pool.submit(
              () -> {
                try {
                  target.apply(
                      n % 2 == 0
                          ? new Operation.SetValue("a1", "region", "r" + n)
                          : new Operation.SetValue("a1", "unknown", "x"));
                  return true;
                } catch (TargetException e) {
                  return false;
                }
              }));
    }
    int succeeded = 0;
    for (int i = 0; i < results.size(); i++) {
      boolean ok = results.get(i).get(60, TimeUnit.SECONDS);
      assertThat(ok).isEqualTo(i % 2 == 0);
      succeeded += ok ? 1 : 0;
    }
    pool.shutdown();
    assertThat(succeeded).isEqualTo(20);
  }

  @Test
  void readersNeverSeeAHalfWrittenFile() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              StateFile file = new StateFile(path);
              while (writing.get()) {
                // Throws, and so fails the test below, if a read ever sees a partial file.
                file.read();
                reads.incrementAndGet();
              }
            });
    List<Throwable> failures = new ArrayList<>();
    reader.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
    reader.start();
    String big = "x".repeat(20_000);
    for (int i = 0; i < 100; i++) {
      target.apply(new Operation.SetValue("a1", "region", big + i));
    }
    writing.set(false);
    reader.join(10_000);

    assertThat(failures).isEmpty();
    assertThat(reads.get()).isPositive();
  }

  @Test
  void anotherProcessWritingTheSameFileLosesNoUpdate() throws Exception {
    int each = 100;
    Process child =
        ChildJvm.command(
                StateFileWriterProcess.class, path.toString(), "child", Integer.toString(each))
            .redirectError(dir.resolve("child.log").toFile())
            .start();
    // Start writing once the other process does, so that the two really overlap.
    ChildJvm.awaitLine(child, "writing", Duration.ofSeconds(30));
    for (int i = 0; i < each; i++) {
      target.apply(new Operation.CreateCategory("parent" + i));
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();

    LiveState live = target.read(Set.of());
    for (int i = 0; i < each; i++) {
      assertThat(live.categoryByName("parent" + i)).isPresent();
      assertThat(live.categoryByName("child" + i)).isPresent();
    }
  }

  @Test
  void aLockedTargetChangesTheFileOnlyAtCommit() throws Exception {
    byte[] before = Files.readAllBytes(path);
    try (StateFileTarget locked = new StateFileTarget(path)) {
      locked.lock(NO_WAIT);
      locked.apply(new Operation.SetValue("a2", "region", "au"));

      assertThat(locked.read(Set.of("a2")).application("a2").orElseThrow().values())
          .containsEntry("region", "au");
      assertThat(Files.readAllBytes(path)).isEqualTo(before);
      locked.commit();
      assertThat(new StateFile(path).read().application("a2").orElseThrow().values())
          .containsEntry("region", "au");

      locked.apply(new Operation.SetValue("a2", "region", "eu"));
    }
    // Closed without a commit: the last change is dropped.
    assertThat(new StateFile(path).read().application("a2").orElseThrow().values())
        .containsEntry("region", "au");
  }

  @Test
  void aSecondLockOnTheSameFileIsRefusedWithoutWaitingWhenToldNotToWait() {
    try (StateFileTarget first = new StateFileTarget(path)) {
      first.lock(NO_WAIT);
      StateFileTarget second = new StateFileTarget(path);
      assertThatThrownBy(() -> second.lock(NO_WAIT))
          .isInstanceOf(TargetException.class)
          .hasMessage(
              "state file "
                  + path
                  + " is locked: another kinde-props apply holds "
                  + path
                  + ".lock, and --lock-timeout 0 says not to wait. Nothing was changed.");
    }
    try (StateFileTarget again = new StateFileTarget(path)) {
      again.lock(NO_WAIT);
    }
  }

  @Test
  void aSymlinkedStateFileIsFollowedAndLockedWhereItLives() throws Exception {
    Path real = Files.createDirectories(dir.resolve("real")).resolve("state.json");
    Files.move(path, real);
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);

    new StateFileTarget(link).apply(new Operation.SetValue("a2", "region", "au"));

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(new StateFile(real).read().application("a2").orElseThrow().values())
        .containsEntry("region", "au");
    assertThat(dir.resolve("real/state.json.lock")).exists();
    assertThat(dir.resolve("link.json.lock")).doesNotExist();
    // Both names lock the one file.
    try (StateFileTarget viaLink = new StateFileTarget(link)) {
      viaLink.lock(NO_WAIT);
      assertThatThrownBy(() -> new StateFileTarget(real).lock(NO_WAIT))
          .hasMessageContaining("is locked");
    }
  }

  private static final LockWait NO_WAIT = new LockWait(Duration.ZERO, line -> {});
}
