package dev.kindeprops.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.engine.Version;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.LockWait;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanResult;
import dev.kindeprops.plan.Planner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Test helpers: state files from live states built in code, and plans against a target. */
final class Scenario {
  private Scenario() {}

  /** A Kinde-shaped application id (32 lower-case hexadecimal characters) for a number. */
  static String applicationId(int i) {
    return String.format("%032x", 0xa1000000L + i);
  }

  /**
   * Applications {@code from} to {@code to - 1} (named {@code app<i>}) with a value of "us" for
   * "region" and none for "tier", as a live state with those two public properties.
   */
  static LiveBuilder manyApplications(LiveBuilder live, int from, int to) {
    for (int i = from; i < to; i++) {
      live.m2m(applicationId(i), "app" + i, Map.of("region", "us"));
    }
    return live;
  }

  static LiveBuilder twoProperties() {
    return new LiveBuilder()
        .category("Tenancy")
        .property("region", "Tenancy")
        .property("tier", "Tenancy");
  }

  /** Manifests for applications {@code from} to {@code to - 1}: region "eu", tier "pro". */
  static DesiredState regionAndTier(int from, int to) {
    DesiredBuilder desired =
        new DesiredBuilder().property("region", "Tenancy").property("tier", "Tenancy");
    for (int i = from; i < to; i++) {
      desired.application("app" + i, applicationId(i), Map.of("region", "eu", "tier", "pro"));
    }
    return desired.build();
  }

  /** Writes every category, property and application of {@code live} as a state file. */
  static Path stateFile(Path file, LiveState live) {
    new StateFile(file)
        .write(new StateDocument(live.categories(), live.properties(), live.applications()));
    return file;
  }

  /** The state file as {@code apply} holds it: locked, changed in memory, written at commit. */
  static StateFileTarget locked(Path file) {
    StateFileTarget target = new StateFileTarget(file);
    target.lock(new LockWait(Duration.ofSeconds(30), line -> {}));
    return target;
  }

  /** Plans {@code desired} against what {@code target} holds now, as {@code kinde-props plan}. */
  static Plan plan(DesiredState desired, Target target) {
    LiveState live = target.read(applicationIds(desired));
    PlanResult result = Planner.plan(desired, live, Version.current(), target.name());
    assertThat(result.diagnostics()).isEmpty();
    return result.plan();
  }

  static Set<String> applicationIds(DesiredState desired) {
    Set<String> ids = new TreeSet<>();
    desired.applications().values().stream().map(Application::id).forEach(ids::add);
    return ids;
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
