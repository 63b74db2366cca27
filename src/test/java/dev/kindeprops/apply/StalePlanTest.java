package dev.kindeprops.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.engine.Version;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.ManifestDigest;
import dev.kindeprops.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved plan is refused once what it was made from moved on, and the refusal changes nothing. */
class StalePlanTest {
  @TempDir Path dir;

  private Path file;
  private StateFileTarget target;
  private Plan plan;

  @BeforeEach
  void planAgainstAStateFile() {
    file = Scenario.stateFile(dir.resolve("state.json"), ApplierTest.live());
    target = new StateFileTarget(file);
    plan = Scenario.plan(ApplierTest.desired(), target);
  }

  @Test
  void aFreshPlanPasses() {
    assertThatCode(
            () ->
                Applier.refuseIfStale(
                    plan, target, Version.current(), ManifestDigest.of(ApplierTest.desired())))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAPlanWhoseLiveStateChanged() {
    target.apply(new Operation.SetValue("a1", "region", "au"));
    byte[] before = Scenario.bytes(file);

    assertThatThrownBy(() -> Applier.refuseIfStale(plan, target, Version.current(), null))
        .isInstanceOf(ApplyRefusedException.class)
        .hasMessageMatching(
            "the saved plan is stale: the live state changed since the plan was made \\(fingerprint"
                + " sha256:[0-9a-f]{12}\\.\\.\\. -> sha256:[0-9a-f]{12}\\.\\.\\.\\)\\. Nothing was"
                + " changed; run kinde-props plan again\\.");
    assertThat(Scenario.bytes(file)).isEqualTo(before);
  }

  @Test
  void aChangeToAnApplicationThePlanDoesNotManageLeavesItFresh() {
    target.apply(new Operation.SetValue("a3", "region", "eu"));
    assertThatCode(() -> Applier.refuseIfStale(plan, target, Version.current(), null))
        .doesNotThrowAnyException();
  }

  @Test
  void aNewPropertyMakesItStale() {
    target.apply(new Operation.CreateCategory("Other"));
    assertThatThrownBy(() -> Applier.refuseIfStale(plan, target, Version.current(), null))
        .hasMessageContaining("the live state changed since the plan was made");
  }

  @Test
  void refusesAPlanMadeByAnotherVersion() {
    byte[] before = Scenario.bytes(file);
    assertThatThrownBy(() -> Applier.refuseIfStale(plan, target, "9.9.9", null))
        .isInstanceOf(ApplyRefusedException.class)
        .hasMessage(
            "the saved plan is stale: it was made by kinde-props "
                + Version.current()
                + ", and this is kinde-props 9.9.9. Nothing was changed; run kinde-props plan"
                + " again.");
    assertThat(Scenario.bytes(file)).isEqualTo(before);
  }

  @Test
  void refusesAPlanMadeFromOtherManifests() {
    String other = ManifestDigest.of(ApplierTest.withoutReplace());
    assertThatThrownBy(() -> Applier.refuseIfStale(plan, target, Version.current(), other))
        .isInstanceOf(ApplyRefusedException.class)
        .hasMessageMatching(
            "the saved plan is stale: the manifests changed since the plan was made \\(digest"
                + " sha256:[0-9a-f]{12}\\.\\.\\. -> sha256:[0-9a-f]{12}\\.\\.\\.\\)\\. Nothing was"
                + " changed; run kinde-props plan again\\.");
  }

  @Test
  void saysEverythingThatChanged() {
    target.apply(new Operation.SetValue("a1", "region", "au"));
    String other = ManifestDigest.of(ApplierTest.withoutReplace());
    assertThatThrownBy(() -> Applier.refuseIfStale(plan, target, Version.current(), other))
        .hasMessageContaining("the manifests changed since the plan was made")
        .hasMessageContaining("; the live state changed since the plan was made");
  }

  @Test
  void refusesAPlanMadeForAnotherTarget() throws Exception {
    Path copy = Files.copy(file, dir.resolve("other.json"));
    StateFileTarget other = new StateFileTarget(copy);
    byte[] before = Scenario.bytes(copy);

    assertThatThrownBy(() -> Applier.refuseIfStale(plan, other, Version.current(), null))
        .isInstanceOf(ApplyRefusedException.class)
        .hasMessage(
            "the plan was made for "
                + target.name()
                + ", not for "
                + other.name()
                + ": apply it to the target it was made for, or run kinde-props plan against this"
                + " one. Nothing was changed.");
    assertThat(Scenario.bytes(copy)).isEqualTo(before);
  }
}
