package dev.kindeprops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.ClaimSource;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.manifest.PropertyDefinition;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanResult;
import dev.kindeprops.plan.Planner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTextRendererTest {
  static String text(Plan plan, boolean color) {
    return new PlanTextRenderer(color).render(PlanView.of(plan));
  }

  static String markdown(Plan plan) {
    return new PlanMarkdownRenderer().render(PlanView.of(plan));
  }

  static final String BILLING = "3b0b5c6c8fcc464fab397f4969b5f482";
  static final String SEARCH = "9f3a1d2e7b8c4a5f9e0d1c2b3a4f5e6d";

  static Plan plan(ClaimSource source) {
    PlanResult result =
        Planner.plan(
            new DesiredBuilder()
                .property("region", "Tenancy")
                .property("tier", "Tenancy")
                .sensitiveProperty("api_key", "Tenancy")
                .application(
                    "billing-worker",
                    BILLING,
                    Map.of("region", "eu", "tier", "pro", "api_key", "s3cret-value"),
                    "region",
                    "tier",
                    "api_key")
                .application("search", SEARCH, Map.of("region", "us"), "region")
                .build(),
            new LiveBuilder()
                .category("Tenancy")
                .privateProperty("region", "Tenancy")
                .property("tier", "Tenancy")
                .property("api_key", "Tenancy")
                .property("legacy_flag", "Tenancy")
                .m2m(
                    BILLING,
                    "billing-worker",
                    Map.of("region", "us", "tier", "pro", "api_key", "old-s3cret"),
                    "tier")
                .m2m(SEARCH, "search", Map.of("region", "us"), "region")
                .otherM2mApplications(2)
                .claimSource(source)
                .build(),
            "0.1.0",
            "file:state.json");
    return result.plan();
  }

  @Test
  void rendersAPlanAReviewerReadsAtAGlance() {
    assertThat(text(plan(ClaimSource.STATE), false))
        .isEqualTo(
            """
            Target: file:state.json

            Actions are shown with these symbols:
              + create
              ~ update in place

            kinde-props will perform the following actions:

              # property.region will be updated in place
              ~ property "region" {
                  ~ is_private = true -> false
                }

              # application.billing-worker (3b0b5c6c8fcc464fab397f4969b5f482) will be updated in place
              ~ application "billing-worker" {
                  ~ value.api_key = (sensitive) -> (sensitive)
                  ~ value.region  = "us" -> "eu"
                  + claim.api_key
                  + claim.region
                }

            Expected M2M token claims (application_properties) once applied:

              billing-worker (3b0b5c6c8fcc464fab397f4969b5f482)
                + api_key = (sensitive)
                + region  = "eu"
                  tier    = "pro"

              search (9f3a1d2e7b8c4a5f9e0d1c2b3a4f5e6d)
                + region = "us"

            Not managed by these manifests (reported, never changed):
              1 property: legacy_flag
              2 M2M applications not listed

            Plan: 2 to create, 3 to update, 0 to replace, 0 to delete.
            """);
  }

  @Test
  void manualTogglesGetTheirOwnStepsAndSymbol() {
    String text = text(plan(ClaimSource.OBSERVED), false);

    assertThat(text)
        .contains("      ! claim.api_key: turn on (manual)\n")
        .contains("  ! manual step: a person makes it in the Kinde dashboard\n")
        .contains("      ! claim.region: turn on (manual; state unknown)\n")
        .contains(
            "  ! billing-worker (client id 3b0b5c6c8fcc464fab397f4969b5f482): turn on api_key,"
                + " region (state unknown)\n")
        .contains(
            "  (state unknown): the property is private on Kinde now and a token never carries a"
                + " private property, so the toggle may be on already; once the plan makes it"
                + " public, apply's closing check confirms it.\n")
        .doesNotContain("Warning:")
        .endsWith("Plan: 3 to create, 3 to update, 0 to replace, 0 to delete (3 manual).\n");
  }

  @Test
  void unobservedClaimsShowWhatTheTokenWillCarry() {
    String text = text(plan(ClaimSource.UNOBSERVED), false);

    assertThat(text)
        .contains(
            """
              billing-worker (3b0b5c6c8fcc464fab397f4969b5f482) # current claims not observed
                  api_key = (sensitive)
                  region  = "eu"
                  tier    = "pro"

              search (9f3a1d2e7b8c4a5f9e0d1c2b3a4f5e6d) # current claims not observed
                  region = "us"
            """)
        .contains("Warning: the M2M token toggles of 2 applications could not be observed");
  }

  @Test
  void sensitiveValuesNeverAppear() {
    for (ClaimSource source : ClaimSource.values()) {
      Plan plan = plan(source);
      assertThat(text(plan, false)).doesNotContain("s3cret");
      assertThat(text(plan, true)).doesNotContain("s3cret");
      assertThat(markdown(plan)).doesNotContain("s3cret");
    }
  }

  @Test
  void coloursOnlyWhenAsked() {
    Plan plan = plan(ClaimSource.STATE);

    assertThat(text(plan, false)).doesNotContain("\u001b[");
    assertThat(text(plan, true))
        .contains("\u001b[32m  +\u001b[0m claim.region")
        .contains("\u001b[33m  ~\u001b[0m value.region");
  }

  @Test
  void aPlanWithoutChangesSaysSo() {
    Plan plan =
        Planner.plan(
                new DesiredBuilder()
                    .property("region", "Tenancy")
                    .application("search", SEARCH, Map.of("region", "us"), "region")
                    .build(),
                new LiveBuilder()
                    .category("Tenancy")
                    .property("region", "Tenancy")
                    .m2m(SEARCH, "search", Map.of("region", "us"), "region")
                    .build(),
                "0.1.0",
                "file:state.json")
            .plan();

    assertThat(text(plan, false))
        .isEqualTo(
            """
            Target: file:state.json

            Expected M2M token claims (application_properties) once applied:

              Unchanged: search.
              (`kinde-props claims` prints every application's expected claims.)

            No changes. The live state matches the manifests.
            """);
  }

  /** Kinde shows no property category: what apply will write is shown, never hidden. */
  static Plan planWithoutLiveCategories(String category, String description) {
    return Planner.plan(
            new DesiredBuilder()
                .property(
                    new PropertyDefinition(
                        "region",
                        "Region",
                        description,
                        PropertyType.SINGLE_LINE_TEXT,
                        category,
                        false,
                        List.of(),
                        null,
                        false,
                        null))
                .build(),
            new LiveBuilder()
                .category("Tenancy")
                .property(
                    new LiveProperty("prop_region", "region", "Region", "", null, false, null))
                .claimSource(ClaimSource.UNOBSERVED)
                .build(),
            "0.1.0",
            "kinde:https://acme.kinde.com")
        .plan();
  }

  @Test
  void aCategoryTheTargetDoesNotShowIsNotAChangeByItself() {
    assertThat(planWithoutLiveCategories("Tenancy", "").hasChanges()).isFalse();
  }

  @Test
  void aMoveToACategoryThatDoesNotExistYetIsPlannedAndShown() {
    String text = text(planWithoutLiveCategories("Geo", ""), false);

    assertThat(text)
        .contains("+ category \"Geo\"")
        .contains(
            """
              ~ property "region" {
                  ~ category = (not shown) -> "Geo"
                }
            """);
  }

  @Test
  void anUpdateShowsTheCategoryItWritesWhereTheTargetDoesNotShowIt() {
    String text = text(planWithoutLiveCategories("Tenancy", "Where"), false);

    assertThat(text)
        .contains(
            """
              ~ property "region" {
                  ~ description = "" -> "Where"
                  ~ category    = (not shown) -> "Tenancy"
                }
            """);
    assertThat(markdown(planWithoutLiveCategories("Tenancy", "Where")))
        .contains(
            "~ property \"region\": description \"\" -> \"Where\", category (not shown) ->"
                + " \"Tenancy\"");
  }
}
