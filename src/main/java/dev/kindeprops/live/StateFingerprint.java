package dev.kindeprops.live;

import dev.kindeprops.json.Json;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The fingerprint of a live state that a saved plan records, so that {@code apply} can tell when
 * the state moved on. It covers what the plan's changes depend on: categories, properties, and the
 * applications read in detail (their claims only where the target stores them), whatever order the
 * target read them in. It leaves out the count of other applications, which no change depends on.
 */
public final class StateFingerprint {
  private StateFingerprint() {}

  /** {@code sha256:} and the hex digest of the state's canonical JSON form. */
  public static String of(LiveState state) {
    return Json.sha256(
        StateJson.fill(
            JsonNodeFactory.instance.objectNode(),
            sorted(state.categories(), LiveCategory::id),
            sorted(state.properties(), LiveProperty::key),
            sorted(state.applications(), LiveApplication::id),
            app -> state.toggles() == ClaimToggles.STORED && app.claims() != null));
  }

  private static <T> List<T> sorted(List<T> items, Function<T, String> by) {
    return items.stream().sorted(Comparator.comparing(by)).toList();
  }
}
