package dev.kindeprops.plan;

import static dev.kindeprops.plan.Quickstart.BILLING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.diag.Diagnostic;
import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.fixtures.ClaimSource;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.LocalName;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.PropertyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final String SEARCH = "9f3a1d2e7b8c4a5f9e0d1c2b3a4f5e6d";

  static Plan plan(DesiredState desired, LiveState live) {
    PlanResult result = Planner.plan(desired, live, "0.1.0", "file:state.json");
    assertThat(result.diagnostics()).isEmpty();
    return result.plan();
  }

  static List<String> lines(Plan plan) {
    return plan.changes().stream()
        .map(c -> c.action().symbol() + " " + c.address() + (c.manual() ? " (manual)" : ""))
        .toList();
  }

  @Test
  void aTenantThatMatchesGivesNoChanges() {
    Plan plan = plan(Quickstart.desired().build(), Quickstart.live().build());

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.warnings()).isEmpty();
    ApplicationClaims claims = plan.claims().get("billing-worker");
    assertThat(claims.before()).isEqualTo(claims.after());
    assertThat(claims.after())
        .isEqualTo(Map.of("region", new ClaimValue("eu"), "tier", new ClaimValue("pro")));
  }

  @Test
  void anEmptyTenantIsAdoptedInSafeOrder() {
    LiveState live = new LiveBuilder().m2m(BILLING, "billing-worker", Map.of()).build();

    Plan plan = plan(Quickstart.desired().build(), live);

    assertThat(lines(plan))
        .containsExactly(
            "+ category.AI",
            "+ category.Tenancy",
            "+ property.model_version",
            "+ property.region",
            "+ property.tier",
            "+ application.billing-worker.value.model_version",
            "+ application.billing-worker.value.region",
            "+ application.billing-worker.value.tier",
            "+ application.billing-worker.claim.region",
            "+ application.billing-worker.claim.tier");
    PropertyChange region = (PropertyChange) plan.changes().get(3);
    assertThat(region.key()).isEqualTo("region");
    assertThat(region.before()).isNull();
    assertThat(region.after())
        .isEqualTo(
            new PropertyFields(
                "region", "Region", "", PropertyType.SINGLE_LINE_TEXT, "Tenancy", false));
    assertThat(plan.claims().get("billing-worker").before()).isEmpty();
    assertThat(plan.summary()).isEqualTo(new Summary(10, 0, 0, 0, 0));
  }

  @Test
  void valuesAreTheCompleteSetForDeclaredPropertiesOnly() {
    DesiredState desired =
        new DesiredBuilder()
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("notes", "Tenancy")
            .application("billing-worker", BILLING, Map.of("region", "eu", "notes", "hi"))
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("notes", "Tenancy")
            .property("legacy", "Tenancy")
            .m2m(BILLING, "billing-worker", Map.of("region", "us", "tier", "pro", "legacy", "x"))
            .build();

    Plan plan = plan(desired, live);

    assertThat(lines(plan))
        .containsExactly(
            "+ application.billing-worker.value.notes",
            "~ application.billing-worker.value.region",
            "- application.billing-worker.value.tier");
    ValueChange update = (ValueChange) plan.changes().get(1);
    assertThat(update.applicationId()).isEqualTo(BILLING);
    assertThat(update.before()).isEqualTo("us");
    assertThat(update.after()).isEqualTo("eu");
    ValueChange unset = (ValueChange) plan.changes().get(2);
    assertThat(unset.before()).isEqualTo("pro");
    assertThat(unset.after()).isNull();
    assertThat(plan.unmanaged().properties()).containsExactly("legacy");
  }

  @Test
  void claimTogglesFollowTheClaimSource() {
    DesiredState desired =
        new DesiredBuilder()
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .application("billing-worker", BILLING, Map.of("region", "eu", "tier", "pro"), "tier")
            .build();
    LiveBuilder live =
        new LiveBuilder()
            .category("Tenancy")
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .m2m(BILLING, "billing-worker", Map.of("region", "eu", "tier", "pro"), "region");

    assertThat(lines(plan(desired, live.build())))
        .containsExactly(
            "- application.billing-worker.claim.region", "+ application.billing-worker.claim.tier");
    assertThat(lines(plan(desired, live.claimSource(ClaimSource.OBSERVED).build())))
        .containsExactly(
            "- application.billing-worker.claim.region (manual)",
            "+ application.billing-worker.claim.tier (manual)");

    Plan unobserved = plan(desired, live.claimSource(ClaimSource.UNOBSERVED).build());
    assertThat(unobserved.changes()).isEmpty();
    assertThat(unobserved.claims().get("billing-worker").before()).isNull();
    assertThat(unobserved.warnings())
        .containsExactly(
            new Warning(
                null,
                "the M2M token toggles of 1 application could not be observed, so the plan has no"
                    + " claim changes for them (1 declared toggle unchecked); check them with"
                    + " `kinde-props verify` or `kinde-props plan --observe-claims`"));
  }

  @Test
  void anObservedTokenCannotShowTheToggleOfAPrivatePropertySoItIsAManualStepOfUnknownState() {
    DesiredState desired =
        new DesiredBuilder()
            .property("tier", "Tenancy")
            .application("billing-worker", BILLING, Map.of("tier", "pro"), "tier")
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .privateProperty("tier", "Tenancy")
            .m2m(BILLING, "billing-worker", Map.of("tier", "pro"))
            .claimSource(ClaimSource.OBSERVED)
            .build();

    Plan plan = plan(desired, live);

    assertThat(lines(plan))
        .containsExactly("~ property.tier", "+ application.billing-worker.claim.tier (manual)");
    assertThat(plan.changes().get(1))
        .isEqualTo(new ClaimChange(Action.CREATE, "billing-worker", BILLING, "tier", true, true));
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void aPropertyThePlanCreatesHasNoToggleOnSoItsDeclaredTogglesAreStepsUnobserved() {
    DesiredState desired =
        new DesiredBuilder()
            .property("tier", "Tenancy")
            .application("billing-worker", BILLING, Map.of("tier", "pro"), "tier")
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .m2m(BILLING, "billing-worker", Map.of())
            .claimSource(ClaimSource.UNOBSERVED)
            .build();

    Plan plan = plan(desired, live);

    assertThat(lines(plan))
        .containsExactly(
            "+ property.tier",
            "+ application.billing-worker.value.tier",
            "+ application.billing-worker.claim.tier (manual)");
    assertThat(((ClaimChange) plan.changes().get(2)).stateUnknown()).isFalse();
  }

  @Test
  void aClaimedPrivatePropertyBecomesPublicBeforeAnythingElse() {
    DesiredState desired =
        new DesiredBuilder()
            .property("aaa", "Ops")
            .property("region", "Tenancy")
            .application("billing-worker", BILLING, Map.of("region", "eu"), "region")
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .privateProperty("aaa", "Tenancy")
            .privateProperty("region", "Tenancy")
            .m2m(BILLING, "billing-worker", Map.of("region", "eu"))
            .build();

    Plan plan = plan(desired, live);

    assertThat(lines(plan))
        .containsExactly(
            "+ category.Ops",
            "~ property.region",
            "~ property.aaa",
            "+ application.billing-worker.claim.region");
    PropertyChange region = (PropertyChange) plan.changes().get(1);
    assertThat(region.before())
        .isEqualTo(
            new PropertyFields(
                "region", "Region", "", PropertyType.SINGLE_LINE_TEXT, "Tenancy", true));
    assertThat(region.after().isPrivate()).isFalse();
    assertThat(plan.claims().get("billing-worker").before()).isEmpty();
    assertThat(plan.claims().get("billing-worker").after())
        .isEqualTo(Map.of("region", new ClaimValue("eu")));
  }

  @Test
  void aTypeChangeReplacesThePropertyAndSetsItsValuesAndTogglesAgain() {
    DesiredState desired =
        new DesiredBuilder()
            .property("notes", "Ops", false, PropertyType.MULTI_LINE_TEXT, false)
            .application("billing-worker", BILLING, Map.of("notes", "hi"), "notes")
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Ops")
            .property("notes", "Ops")
            .m2m(BILLING, "billing-worker", Map.of("notes", "hi"), "notes")
            .build();

    Plan plan = plan(desired, live);

    assertThat(lines(plan))
        .containsExactly(
            "-/+ property.notes",
            "+ application.billing-worker.value.notes",
            "+ application.billing-worker.claim.notes");
    assertThat(plan.warnings())
        .extracting(Warning::address)
        .containsExactly(Address.property("notes"));
    assertThat(plan.warnings().get(0).message())
        .startsWith("changing the type from single_line_text to multi_line_text replaces");
  }

  @Test
  void anUnknownLiveTypeOrCategoryIsNotADifference() {
    DesiredState desired =
        new DesiredBuilder()
            .property("notes", "Ops", false, PropertyType.MULTI_LINE_TEXT, false)
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Ops")
            .property(new LiveProperty("prop_notes", "notes", "Notes", "", null, false, null))
            .build();

    Plan plan = plan(desired, live);

    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void propertiesAreDeletedOnlyWhenRemovedAndLive() {
    DesiredState desired =
        new DesiredBuilder().property("region", "Tenancy").removed("legacy", "gone").build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .property("region", "Tenancy")
            .property("legacy", "Tenancy")
            .property("stray", "Tenancy")
            .property("kp_app_city", "Tenancy")
            .build();

    Plan plan = plan(desired, live);

    assertThat(lines(plan)).containsExactly("- property.legacy");
    assertThat(((PropertyChange) plan.changes().get(0)).after()).isNull();
    assertThat(plan.unmanaged().properties()).containsExactly("stray");
  }

  @Test
  void unlistedM2mApplicationsAreCountedAsUnmanaged() {
    LiveState live =
        new LiveBuilder()
            .m2m(BILLING, "billing-worker", Map.of())
            .m2m(SEARCH, "search", Map.of())
            .application("spa1", "web", "spa", Map.of(), null)
            .otherM2mApplications(12)
            .build();

    Plan plan =
        plan(new DesiredBuilder().application("billing-worker", BILLING, Map.of()).build(), live);

    assertThat(plan.unmanaged().applications()).isEqualTo(13);
  }

  @Test
  void listedApplicationsMustBeLiveAndM2m() {
    SourceLocation billingAt = new SourceLocation("apps.yaml", 3, 3);
    SourceLocation webAt = new SourceLocation("apps.yaml", 9, 3);
    DesiredState desired =
        new DesiredBuilder()
            .application(app("billing-worker", BILLING, billingAt))
            .application(app("web", "spa1", webAt))
            .build();
    LiveState live =
        new LiveBuilder().application("spa1", "Web", "spa", Map.of(), Set.of()).build();

    PlanResult result = Planner.plan(desired, live, "0.1.0", "file:state.json");

    assertThat(result.ok()).isFalse();
    assertThat(result.diagnostics())
        .containsExactly(
            Diagnostic.error(
                billingAt,
                "application billing-worker: no live application has id "
                    + BILLING
                    + " in file:state.json"),
            Diagnostic.error(
                webAt,
                "application web: spa1 is a spa application (Web); kinde-props manages only m2m"
                    + " applications"));
  }

  @Test
  void warnsAboutClaimsWithoutValuesAndApplicationsNamedOtherwise() {
    DesiredState desired =
        new DesiredBuilder()
            .property("tier", "Tenancy")
            .application("billing-worker", BILLING, Map.of(), "tier")
            .application("search", SEARCH, Map.of())
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .property("tier", "Tenancy")
            .m2m(BILLING, "Billing Worker", Map.of(), "tier")
            .m2m(SEARCH, "Payments API", Map.of())
            .build();

    Plan plan = plan(desired, live);

    assertThat(plan.warnings())
        .containsExactly(
            new Warning(
                Address.claim("billing-worker", "tier"),
                "claimed without a value: the token will carry \"tier\": {}"),
            new Warning(
                Address.application("search"),
                "the live application "
                    + SEARCH
                    + " is named \"Payments API\"; check that the id is the one meant"));
    assertThat(plan.claims().get("billing-worker").after())
        .isEqualTo(Map.of("tier", new ClaimValue(null)));
  }

  @Test
  void unmanagedTogglesStayInTheExpectedClaim() {
    DesiredState desired =
        new DesiredBuilder()
            .property("region", "Tenancy")
            .application("billing-worker", BILLING, Map.of("region", "eu"), "region")
            .removed("legacy")
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .property("region", "Tenancy")
            .property("team", "Tenancy")
            .property("legacy", "Tenancy")
            .privateProperty("secret", "Tenancy")
            .property("kp_app_city", "Tenancy")
            .m2m(
                BILLING,
                "billing-worker",
                Map.of("region", "us", "team", "core", "legacy", "1", "kp_app_city", "Oslo"),
                "region",
                "team",
                "legacy",
                "secret",
                "kp_app_city")
            .build();

    ApplicationClaims claims = plan(desired, live).claims().get("billing-worker");

    assertThat(claims.before())
        .isEqualTo(
            Map.of(
                "region", new ClaimValue("us"),
                "team", new ClaimValue("core"),
                "legacy", new ClaimValue("1"),
                "kp_app_city", new ClaimValue("Oslo")));
    assertThat(claims.after())
        .isEqualTo(
            Map.of(
                "region", new ClaimValue("eu"),
                "team", new ClaimValue("core"),
                "kp_app_city", new ClaimValue("Oslo")));
  }

  @Test
  void theManifestsAloneGiveTheDeclaredClaims() {
    DesiredState desired =
        new DesiredBuilder()
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .application("billing-worker", BILLING, Map.of("region", "eu"), "region", "tier")
            .build();

    ApplicationClaims claims = ExpectedClaims.of(desired).get("billing-worker");

    assertThat(claims.applicationId()).isEqualTo(BILLING);
    assertThat(claims.before()).isNull();
    assertThat(claims.after())
        .isEqualTo(Map.of("region", new ClaimValue("eu"), "tier", new ClaimValue(null)));
  }

  @Test
  void theSameInputsInAnyOrderGiveTheSamePlan() {
    DesiredState desired =
        Quickstart.desired()
            .removed("legacy")
            .application("search", SEARCH, Map.of("region", "us"), "region")
            .build();
    // Two categories share a name (Kinde allows it); the property sits in the second one.
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .property(
                new LiveProperty(
                    "prop_region",
                    "region",
                    "Region",
                    "",
                    PropertyType.SINGLE_LINE_TEXT,
                    true,
                    "cat_z"))
            .property("legacy", "Tenancy")
            .property("stray", "Tenancy")
            .property("other", "Tenancy")
            .m2m(BILLING, "billing-worker", Map.of("region", "us"), "legacy")
            .m2m(SEARCH, "search", Map.of("region", "eu", "tier", "pro"), "tier", "stray")
            .m2m("0123456789abcdef0123456789abcdef", "unlisted", Map.of())
            .build();
    List<LiveCategory> categories = new ArrayList<>(live.categories());
    categories.add(new LiveCategory("cat_z", "Tenancy"));
    live = new LiveState(categories, live.properties(), live.applications(), 3, live.toggles());

    Plan plan = plan(desired, live);

    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      LiveState shuffled =
          new LiveState(
              shuffled(live.categories(), random),
              shuffled(live.properties(), random),
              shuffled(live.applications(), random),
              live.otherM2mApplications(),
              live.toggles());
      assertThat(plan(desired, shuffled)).as("shuffle " + i).isEqualTo(plan);
    }
    assertThat(plan.changes()).isNotEmpty();
  }

  private static <T> List<T> shuffled(List<T> items, Random random) {
    List<T> copy = new ArrayList<>(items);
    Collections.shuffle(copy, random);
    return copy;
  }

  @Test
  void aToggleOfAPropertyKeptPrivateIsLeftAlone() {
    DesiredState desired =
        new DesiredBuilder()
            .property("region", "Tenancy")
            .privateProperty("team", "Tenancy")
            .application("billing-worker", BILLING, Map.of("region", "eu"), "region")
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .property("region", "Tenancy")
            .privateProperty("team", "Tenancy")
            .m2m(BILLING, "billing-worker", Map.of("region", "eu"), "region", "team")
            .build();

    Plan plan = plan(desired, live);

    // The toggle cannot reach the token, and the manifests cannot claim a private property.
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.claims().get("billing-worker").after()).containsOnlyKeys("region");
  }

  @Test
  void aToggleOfAPropertyMadePublicIsStillTurnedOff() {
    DesiredState desired =
        new DesiredBuilder()
            .property("team", "Tenancy")
            .application("billing-worker", BILLING, Map.of())
            .build();
    LiveState live =
        new LiveBuilder()
            .category("Tenancy")
            .privateProperty("team", "Tenancy")
            .m2m(BILLING, "billing-worker", Map.of(), "team")
            .build();

    assertThat(lines(plan(desired, live)))
        .containsExactly("~ property.team", "- application.billing-worker.claim.team");
  }

  @Test
  void namesAreComparedWithoutCaseAccentsPunctuationOrAnExportedIdSuffix() {
    assertThat(LocalName.sameName("billing-worker", "Billing Worker", BILLING)).isTrue();
    assertThat(LocalName.sameName("cafe-ops", "Café Ops", BILLING)).isTrue();
    assertThat(LocalName.sameName("worker-3b0b5c6c", "Worker", BILLING)).isTrue();
    assertThat(LocalName.sameName("worker-3b0b", "Worker", BILLING)).isFalse();
    assertThat(LocalName.sameName("worker-9f3a1d2e", "Worker", BILLING)).isFalse();
    assertThat(LocalName.sameName("search", "Billing worker", BILLING)).isFalse();
    assertThat(LocalName.sameName("app", "日本語", BILLING)).isTrue();
  }

  private static Application app(String name, String id, SourceLocation at) {
    return new Application(
        name,
        id,
        List.of(),
        new TreeMap<>(),
        new TreeSet<>(),
        null,
        at,
        new TreeMap<>(),
        new TreeMap<>());
  }
}
