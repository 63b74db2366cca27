package dev.kindeprops.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.model.PropertyType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Filling in what Kinde does not show: types, categories and token toggles. */
class CompletedStateTest {
  static final String BILLING = "3b0b5c6c8fcc464fab397f4969b5f482";

  /** A state as Kinde shows it: no types, no categories on properties, toggles unobserved. */
  static LiveState asKindeShowsIt() {
    return new LiveState(
        List.of(new LiveCategory("cat_b", "Tenancy"), new LiveCategory("cat_a", "AI")),
        List.of(
            new LiveProperty("p1", "region", "Region", "", null, false, null),
            new LiveProperty("p2", "notes", "", "", null, true, null)),
        List.of(new LiveApplication(BILLING, "Billing", "m2m", new TreeMap<>(Map.of()), null)),
        0,
        ClaimToggles.OBSERVABLE);
  }

  @Test
  void withoutManifestsTheDefaultsAreAssumedAndSaid() {
    CompletedState completed = CompletedState.of(asKindeShowsIt(), null, Set.of());

    LiveState state = completed.state();
    assertThat(state.properties())
        .allSatisfy(
            p -> {
              assertThat(p.type()).isEqualTo(PropertyType.SINGLE_LINE_TEXT);
              // The first category by name, so that no category is created.
              assertThat(p.categoryId()).isEqualTo("cat_a");
            });
    assertThat(state.property("notes").orElseThrow().name()).isEqualTo("notes");
    assertThat(completed.assumedTypes()).containsExactly("notes", "region");
    assertThat(completed.assumedCategories()).containsExactly("notes", "region");
    assertThat(completed.togglesUnknown()).isTrue();
    assertThat(state.applications().get(0).claims()).isEmpty();
  }

  @Test
  void manifestsFillInWhatTheyDeclare() {
    var manifests =
        new DesiredBuilder()
            .property("region", "Tenancy", false, PropertyType.MULTI_LINE_TEXT, false)
            .application("billing", BILLING, Map.of(), "region")
            .build();

    CompletedState completed = CompletedState.of(asKindeShowsIt(), manifests, Set.of());

    LiveProperty region = completed.state().property("region").orElseThrow();
    assertThat(region.type()).isEqualTo(PropertyType.MULTI_LINE_TEXT);
    assertThat(region.categoryId()).isEqualTo("cat_b");
    assertThat(completed.assumedTypes()).containsExactly("notes");
    assertThat(completed.assumedCategories()).containsExactly("notes");
    assertThat(completed.togglesUnknown()).isFalse();
    assertThat(completed.state().applications().get(0).claims()).containsExactly("region");
  }

  @Test
  void aTenantWithoutCategoriesGetsOneNamedProperties() {
    LiveState live =
        new LiveState(
            List.of(),
            List.of(new LiveProperty("p1", "region", "Region", "", null, false, null)),
            List.of(),
            0,
            ClaimToggles.OBSERVABLE);

    CompletedState completed = CompletedState.of(live, null, Set.of());

    assertThat(completed.state().categories()).containsExactly(CompletedState.FALLBACK_CATEGORY);
    assertThat(completed.state().properties().get(0).categoryId())
        .isEqualTo(CompletedState.FALLBACK_CATEGORY.id());
  }

  @Test
  void aStateFileNeedsNothingFilledIn() {
    LiveState live =
        new LiveState(
            List.of(new LiveCategory("cat_a", "AI")),
            List.of(
                new LiveProperty(
                    "p1", "region", "Region", "", PropertyType.SINGLE_LINE_TEXT, false, "cat_a")),
            List.of(),
            0,
            ClaimToggles.STORED);

    CompletedState completed = CompletedState.of(live, null, Set.of());

    assertThat(completed.state()).isEqualTo(live);
    assertThat(completed.assumedTypes()).isEmpty();
    assertThat(completed.assumedCategories()).isEmpty();
    assertThat(completed.togglesUnknown()).isFalse();
  }
}
