package dev.kindeprops.plan;

import static dev.kindeprops.plan.Quickstart.desired;
import static dev.kindeprops.plan.Quickstart.live;
import static dev.kindeprops.plan.Quickstart.valuesWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.ClaimSource;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.model.PropertyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attribution of drifted changes against a baseline, and ignore rules. The baseline is what was
 * applied last, {@link Quickstart#live()}: region eu, tier pro (both claimed), model_version v2.
 */
class DriftTest {
  private final LiveState baseline = live().build();

  /** The drift of these manifests from this live state, told against this baseline. */
  private static DriftReport report(DesiredState desired, LiveState live, LiveState baseline) {
    return Drift.report(PlannerTest.plan(desired, live), baseline, "baseline.json", List.of());
  }

  static Map<String, Attribution> attribution(DriftReport report) {
    Map<String, Attribution> byAddress = new LinkedHashMap<>();
    report.drifted().forEach(d -> byAddress.put(d.change().address().toString(), d.moved()));
    return byAddress;
  }

  @Test
  void aValueChangedInTheDashboardMovedLive() {
    LiveState live = live(valuesWith("region", "us"), "region", "tier").build();

    DriftReport report = report(desired().build(), live, baseline);

    assertThat(attribution(report))
        .containsExactly(Map.entry("application.billing-worker.value.region", Attribution.LIVE));
    assertThat(report.baseline()).isEqualTo("baseline.json");
    assertThat(report.hasDrift()).isTrue();
  }

  @Test
  void noSideIsNamedForASensitiveValueWhichNoSnapshotHolds() {
    DesiredState desired =
        desired(valuesWith("region", "au"), "region", "tier")
            .sensitiveProperty("region", "Tenancy")
            .build();

    DriftReport report = report(desired, live().build(), baseline);

    assertThat(attribution(report))
        .containsExactly(Map.entry("application.billing-worker.value.region", Attribution.UNKNOWN));
  }

  @Test
  void aValueChangedInTheManifestsMovedThere() {
    DesiredState desired = desired(valuesWith("region", "au"), "region", "tier").build();

    DriftReport report = report(desired, baseline, baseline);

    assertThat(attribution(report))
        .containsExactly(
            Map.entry("application.billing-worker.value.region", Attribution.MANIFESTS));
  }

  @Test
  void bothSidesMovingIsSaid() {
    LiveState live = live(valuesWith("region", "us"), "region", "tier").build();
    DesiredState desired = desired(valuesWith("region", "au"), "region", "tier").build();

    DriftReport report = report(desired, live, baseline);

    assertThat(attribution(report))
        .containsExactly(Map.entry("application.billing-worker.value.region", Attribution.BOTH));
    assertThat(report.countsByAttribution()).containsEntry(Attribution.BOTH, 1);
  }

  @Test
  void withoutABaselineNothingCanBeTold() {
    DesiredState desired = desired(Map.of("region", "au", "tier", "pro"), "region", "tier").build();

    DriftReport report = Drift.report(PlannerTest.plan(desired, baseline), null, null, List.of());

    assertThat(attribution(report).values()).containsOnly(Attribution.UNKNOWN).hasSize(2);
    assertThat(report.baseline()).isNull();
  }

  @Test
  void valuesRemovedAndTogglesAreAttributedToo() {
    // Live: someone removed model_version's value and turned tier off in the dashboard.
    LiveState live = live(Map.of("region", "eu", "tier", "pro"), "region").build();
    // Manifests: region is no longer claimed.
    DesiredState desired = desired(Quickstart.VALUES, "tier").build();

    DriftReport report = report(desired, live, baseline);

    assertThat(attribution(report))
        .containsOnly(
            Map.entry("application.billing-worker.value.model_version", Attribution.LIVE),
            Map.entry("application.billing-worker.claim.tier", Attribution.LIVE),
            Map.entry("application.billing-worker.claim.region", Attribution.MANIFESTS));
  }

  @Test
  void manualTogglesCannotBeAttributedBecauseSnapshotsOfKindeHoldNone() {
    LiveState live = live().claimSource(ClaimSource.OBSERVED).build();
    DesiredState desired = desired(Quickstart.VALUES, "region").build();

    DriftReport report = report(desired, live, baseline);

    assertThat(report.drifted()).hasSize(1);
    assertThat(report.drifted().get(0).change().manual()).isTrue();
    assertThat(report.drifted().get(0).moved()).isEqualTo(Attribution.UNKNOWN);
  }

  @Test
  void propertyFieldsAreAttributedByTheFieldsAtIssue() {
    // Live: region made private in the dashboard. Manifests: tier's category moved to AI.
    LiveState live = live().privateProperty("region", "Tenancy").build();
    DesiredState desired = desired().property("tier", "AI").build();

    DriftReport report = report(desired, live, baseline);

    assertThat(attribution(report))
        .containsOnly(
            Map.entry("property.region", Attribution.LIVE),
            Map.entry("property.tier", Attribution.MANIFESTS));
  }

  @Test
  void createsAndDeletesAreAttributedByPresenceInTheBaseline() {
    LiveState withLegacyFlag = live().category("Ops").property("legacy_flag", "Ops").build();
    // Live: model_version was deleted in the dashboard; legacy_flag is still there.
    LiveState live =
        live(Map.of("region", "eu", "tier", "pro"), "region", "tier")
            .withoutProperty("model_version")
            .category("Ops")
            .property("legacy_flag", "Ops")
            .build();
    // Manifests: a new property in a new category, and legacy_flag removed.
    DesiredState desired =
        desired().property("cost_center", "Billing").removed("legacy_flag").build();

    DriftReport report = report(desired, live, withLegacyFlag);

    assertThat(attribution(report))
        .containsOnly(
            Map.entry("category.Billing", Attribution.MANIFESTS),
            Map.entry("property.cost_center", Attribution.MANIFESTS),
            Map.entry("property.model_version", Attribution.LIVE),
            Map.entry("application.billing-worker.value.model_version", Attribution.LIVE),
            Map.entry("property.legacy_flag", Attribution.MANIFESTS));
  }

  @Test
  void aReplacesValuesMoveAsTheReplaceDid() {
    DesiredState desired =
        desired()
            .property("model_version", "AI", false, PropertyType.MULTI_LINE_TEXT, false)
            .build();

    DriftReport report = report(desired, baseline, baseline);

    assertThat(attribution(report))
        .containsOnly(
            Map.entry("property.model_version", Attribution.MANIFESTS),
            Map.entry("application.billing-worker.value.model_version", Attribution.MANIFESTS));
  }

  @Test
  void anApplicationTheBaselineDoesNotHoldCannotBeTold() {
    LiveState withoutApplications = Quickstart.properties().build();
    DesiredState desired = desired(valuesWith("region", "au"), "region", "tier").build();

    DriftReport report = report(desired, baseline, withoutApplications);

    assertThat(attribution(report).values()).containsExactly(Attribution.UNKNOWN);
  }

  @Test
  void ignoreRulesAcceptKnownDriftAndStaleOnesAreReported() {
    LiveState live =
        live(Map.of("region", "us", "tier", "free")).privateProperty("model_version", "AI").build();
    Plan plan = PlannerTest.plan(desired().build(), live);
    IgnoreRule values = new IgnoreRule("application.*.value.t*", "tier is sold separately", null);
    IgnoreRule claims = new IgnoreRule("application.billing-worker.claim", "", null);
    IgnoreRule alsoTier = new IgnoreRule("**.tier", "", null);
    IgnoreRule stale = new IgnoreRule("application.legacy-*", "old", null);

    DriftReport report = Drift.report(plan, null, null, List.of(values, claims, alsoTier, stale));

    assertThat(report.ignored())
        .extracting(d -> d.change().address() + " <- " + d.ignoredBy().pattern())
        .containsExactly(
            "application.billing-worker.value.tier <- application.*.value.t*",
            "application.billing-worker.claim.region <- application.billing-worker.claim",
            "application.billing-worker.claim.tier <- application.billing-worker.claim");
    assertThat(report.drifted())
        .extracting(d -> d.change().address().toString())
        .containsExactly(
            "property.model_version",
            "application.billing-worker.value.model_version",
            "application.billing-worker.value.region");
    assertThat(report.staleRules()).containsExactly(stale);
  }

  @Test
  void everythingIgnoredIsNoDrift() {
    DesiredState desired = desired(valuesWith("region", "au"), "region", "tier").build();

    DriftReport report =
        Drift.report(
            PlannerTest.plan(desired, baseline),
            null,
            null,
            List.of(new IgnoreRule("**", "", null)));

    assertThat(report.hasDrift()).isFalse();
    assertThat(report.ignored()).hasSize(1);
    assertThat(report.staleRules()).isEmpty();
  }
}
