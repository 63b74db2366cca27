package dev.kindeprops.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.ClaimSource;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.model.PropertyType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attribution of drifted changes against a baseline, and ignore rules. */
class DriftTest {
  static final String BILLING = PlannerTest.BILLING;

  /** What was applied last: region eu, tier pro (claimed), model_version v2. */
  static LiveBuilder baselineBuilder() {
    return new LiveBuilder()
        .category("Tenancy")
        .category("AI")
        .property("region", "Tenancy")
        .property("tier", "Tenancy")
        .property("model_version", "AI")
        .m2m(
            BILLING,
            "billing-worker",
            Map.of("region", "eu", "tier", "pro", "model_version", "v2"),
            "region",
            "tier");
  }

  static DesiredBuilder desiredBuilder(Map<String, String> values, String... claims) {
    return new DesiredBuilder()
        .property("region", "Tenancy")
        .property("tier", "Tenancy")
        .property("model_version", "AI")
        .application("billing-worker", BILLING, values, claims);
  }

  static Map<String, String> values(String... pairs) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return values;
  }

  static Map<String, Attribution> attribution(DriftReport report) {
    Map<String, Attribution> byAddress = new LinkedHashMap<>();
    report.drifted().forEach(d -> byAddress.put(d.change().address().toString(), d.moved()));
    return byAddress;
  }

  @Test
  void aValueChangedInTheDashboardMovedLive() {
    LiveState baseline = baselineBuilder().build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .category("AI")
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("model_version", "AI")
            .m2m(
                BILLING,
                "billing-worker",
                Map.of("region", "us", "tier", "pro", "model_version", "v2"),
                "region",
                "tier")
            .build();
    DesiredState desired =
        desiredBuilder(
                values("region", "eu", "tier", "pro", "model_version", "v2"), "region", "tier")
            .build();

    DriftReport report =
        Drift.report(PlannerTest.plan(desired, live), baseline, "baseline.json", List.of());

    assertThat(attribution(report))
        .containsExactly(Map.entry("application.billing-worker.value.region", Attribution.LIVE));
    assertThat(report.baseline()).isEqualTo("baseline.json");
    assertThat(report.hasDrift()).isTrue();
  }

  @Test
  void noSideIsNamedForASensitiveValueWhichNoSnapshotHolds() {
    LiveState baseline = baselineBuilder().build();
    DesiredState desired =
        new DesiredBuilder()
            .sensitiveProperty("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("model_version", "AI")
            .application(
                "billing-worker",
                BILLING,
                values("region", "au", "tier", "pro", "model_version", "v2"),
                "region",
                "tier")
            .build();

    DriftReport report =
        Drift.report(
            PlannerTest.plan(desired, baselineBuilder().build()),
            baseline,
            "baseline.json",
            List.of());

    assertThat(attribution(report))
        .containsExactly(Map.entry("application.billing-worker.value.region", Attribution.UNKNOWN));
  }

  @Test
  void aValueChangedInTheManifestsMovedThere() {
    LiveState baseline = baselineBuilder().build();
    DesiredState desired =
        desiredBuilder(
                values("region", "au", "tier", "pro", "model_version", "v2"), "region", "tier")
            .build();

    DriftReport report =
        Drift.report(PlannerTest.plan(desired, baseline), baseline, "b", List.of());

    assertThat(attribution(report))
        .containsExactly(
            Map.entry("application.billing-worker.value.region", Attribution.MANIFESTS));
  }

  @Test
  void bothSidesMovingIsSaid() {
    LiveState baseline = baselineBuilder().build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .category("AI")
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("model_version", "AI")
            .m2m(
                BILLING,
                "billing-worker",
                Map.of("region", "us", "tier", "pro", "model_version", "v2"),
                "region",
                "tier")
            .build();
    DesiredState desired =
        desiredBuilder(
                values("region", "au", "tier", "pro", "model_version", "v2"), "region", "tier")
            .build();

    DriftReport report = Drift.report(PlannerTest.plan(desired, live), baseline, "b", List.of());

    assertThat(attribution(report))
        .containsExactly(Map.entry("application.billing-worker.value.region", Attribution.BOTH));
    assertThat(report.countsByAttribution()).containsEntry(Attribution.BOTH, 1);
  }

  @Test
  void withoutABaselineNothingCanBeTold() {
    LiveState live = baselineBuilder().build();
    DesiredState desired =
        desiredBuilder(values("region", "au", "tier", "pro"), "region", "tier").build();

    DriftReport report = Drift.report(PlannerTest.plan(desired, live), null, null, List.of());

    assertThat(attribution(report).values()).containsOnly(Attribution.UNKNOWN).hasSize(2);
    assertThat(report.baseline()).isNull();
  }

  @Test
  void valuesRemovedAndTogglesAreAttributedToo() {
    LiveState baseline = baselineBuilder().build();
    // Live: someone removed model_version's value and turned tier off in the dashboard.
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .category("AI")
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("model_version", "AI")
            .m2m(BILLING, "billing-worker", Map.of("region", "eu", "tier", "pro"), "region")
            .build();
    // Manifests: region is no longer claimed.
    DesiredState desired =
        desiredBuilder(values("region", "eu", "tier", "pro", "model_version", "v2"), "tier")
            .build();

    DriftReport report = Drift.report(PlannerTest.plan(desired, live), baseline, "b", List.of());

    assertThat(attribution(report))
        .containsOnly(
            Map.entry("application.billing-worker.value.model_version", Attribution.LIVE),
            Map.entry("application.billing-worker.claim.tier", Attribution.LIVE),
            Map.entry("application.billing-worker.claim.region", Attribution.MANIFESTS));
  }

  @Test
  void manualTogglesCannotBeAttributedBecauseSnapshotsOfKindeHoldNone() {
    LiveState baseline = baselineBuilder().build();
    LiveState live = baselineBuilder().claimSource(ClaimSource.OBSERVED).build();
    DesiredState desired =
        desiredBuilder(values("region", "eu", "tier", "pro", "model_version", "v2"), "region")
            .build();

    DriftReport report = Drift.report(PlannerTest.plan(desired, live), baseline, "b", List.of());

    assertThat(report.drifted()).hasSize(1);
    assertThat(report.drifted().get(0).change().manual()).isTrue();
    assertThat(report.drifted().get(0).moved()).isEqualTo(Attribution.UNKNOWN);
  }

  @Test
  void propertyFieldsAreAttributedByTheFieldsAtIssue() {
    LiveState baseline = baselineBuilder().build();
    // Live: region made private in the dashboard. Manifests: tier's category moved to AI.
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .category("AI")
            .privateProperty("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("model_version", "AI")
            .m2m(
                BILLING,
                "billing-worker",
                Map.of("region", "eu", "tier", "pro", "model_version", "v2"),
                "region",
                "tier")
            .build();
    DesiredState desired =
        new DesiredBuilder()
            .property("region", "Tenancy")
            .property("tier", "AI")
            .property("model_version", "AI")
            .application(
                "billing-worker",
                BILLING,
                values("region", "eu", "tier", "pro", "model_version", "v2"),
                "region",
                "tier")
            .build();

    DriftReport report = Drift.report(PlannerTest.plan(desired, live), baseline, "b", List.of());

    assertThat(attribution(report))
        .containsOnly(
            Map.entry("property.region", Attribution.LIVE),
            Map.entry("property.tier", Attribution.MANIFESTS));
  }

  @Test
  void createsAndDeletesAreAttributedByPresenceInTheBaseline() {
    LiveState baseline = baselineBuilder().category("Ops").property("legacy_flag", "Ops").build();
    // Live: model_version was deleted in the dashboard; legacy_flag is still there.
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .category("AI")
            .category("Ops")
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("legacy_flag", "Ops")
            .m2m(BILLING, "billing-worker", Map.of("region", "eu", "tier", "pro"), "region", "tier")
            .build();
    // Manifests: a new property in a new category, and legacy_flag removed.
    DesiredState desired =
        desiredBuilder(
                values("region", "eu", "tier", "pro", "model_version", "v2"), "region", "tier")
            .property("cost_center", "Billing")
            .removed("legacy_flag")
            .build();

    DriftReport report = Drift.report(PlannerTest.plan(desired, live), baseline, "b", List.of());

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
    LiveState baseline = baselineBuilder().build();
    DesiredState desired =
        new DesiredBuilder()
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("model_version", "AI", false, PropertyType.MULTI_LINE_TEXT, false)
            .application(
                "billing-worker",
                BILLING,
                values("region", "eu", "tier", "pro", "model_version", "v2"),
                "region",
                "tier")
            .build();

    DriftReport report =
        Drift.report(PlannerTest.plan(desired, baseline), baseline, "b", List.of());

    assertThat(attribution(report))
        .containsOnly(
            Map.entry("property.model_version", Attribution.MANIFESTS),
            Map.entry("application.billing-worker.value.model_version", Attribution.MANIFESTS));
  }

  @Test
  void anApplicationTheBaselineDoesNotHoldCannotBeTold() {
    LiveState baseline =
        new LiveBuilder()
            .category("Tenancy")
            .category("AI")
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("model_version", "AI")
            .build();
    LiveState live = baselineBuilder().build();
    DesiredState desired =
        desiredBuilder(
                values("region", "au", "tier", "pro", "model_version", "v2"), "region", "tier")
            .build();

    DriftReport report = Drift.report(PlannerTest.plan(desired, live), baseline, "b", List.of());

    assertThat(attribution(report).values()).containsExactly(Attribution.UNKNOWN);
  }

  @Test
  void ignoreRulesAcceptKnownDriftAndStaleOnesAreReported() {
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .category("AI")
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .privateProperty("model_version", "AI")
            .m2m(BILLING, "billing-worker", Map.of("region", "us", "tier", "free"))
            .build();
    DesiredState desired =
        desiredBuilder(
                values("region", "eu", "tier", "pro", "model_version", "v2"), "region", "tier")
            .build();
    Plan plan = PlannerTest.plan(desired, live);
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
    LiveState live = baselineBuilder().build();
    DesiredState desired =
        desiredBuilder(
                values("region", "au", "tier", "pro", "model_version", "v2"), "region", "tier")
            .build();

    DriftReport report =
        Drift.report(
            PlannerTest.plan(desired, live), null, null, List.of(new IgnoreRule("**", "", null)));

    assertThat(report.hasDrift()).isFalse();
    assertThat(report.ignored()).hasSize(1);
    assertThat(report.staleRules()).isEmpty();
  }
}
