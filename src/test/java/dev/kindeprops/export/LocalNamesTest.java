package dev.kindeprops.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.manifest.LocalName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalNamesTest {
  static LiveApplication app(String id, String name) {
    return new LiveApplication(id, name, "m2m", new TreeMap<>(), new TreeSet<>());
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
    "Billing Worker, billing-worker",
    "'  Café — Ops!! ', cafe-ops",
    "report_generator v2, report_generator-v2",
    "__hidden__, hidden",
    "日本語, app",
    "'', app"
  })
  void slugsDropAccentsCaseAndPunctuation(String name, String slug) {
    assertThat(LocalName.slug(name)).isEqualTo(slug);
  }

  @Test
  void slugsStopAt64Characters() {
    assertThat(LocalName.slug("x".repeat(70) + " tail")).hasSize(64);
  }

  @Test
  void namesThatSlugAlikeGetTheStartOfTheirIds() {
    List<LiveApplication> apps =
        List.of(
            app("3b0b5c6c8fcc464fab397f4969b5f482", "Worker"),
            app("9f3a1d2e7b8c4a5f9e0d1c2b3a4f5e6d", "worker!"),
            app("6513270e269e0d37f2a74de452e6b438", "Reporter"),
            // Takes the first one's 8-character name: both duplicates get 9 characters.
            app("d23f0824128b2f330c5c7fd0a6a3a450", "Worker 3b0b5c6c"));

    Map<String, String> names = LocalNames.of(apps);

    assertThat(names)
        .containsEntry("3b0b5c6c8fcc464fab397f4969b5f482", "worker-3b0b5c6c8")
        .containsEntry("9f3a1d2e7b8c4a5f9e0d1c2b3a4f5e6d", "worker-9f3a1d2e7")
        .containsEntry("6513270e269e0d37f2a74de452e6b438", "reporter")
        .containsEntry("d23f0824128b2f330c5c7fd0a6a3a450", "worker-3b0b5c6c");
  }

  @Test
  void theOrderTheyWereReadInDoesNotMatter() {
    List<LiveApplication> apps = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      apps.add(app(String.format("%032x", i * 7919L), i % 3 == 0 ? "Same Name" : "app " + i / 2));
    }
    Map<String, String> names = LocalNames.of(apps);
    Collections.reverse(apps);

    assertThat(LocalNames.of(apps)).isEqualTo(names);
    assertThat(new TreeSet<>(names.values())).hasSize(50);
    assertThat(names.values()).allMatch(n -> n.matches("[a-z0-9][a-z0-9_-]{0,63}"));
  }
}
