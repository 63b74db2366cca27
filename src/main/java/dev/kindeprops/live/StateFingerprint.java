package dev.kindeprops.live;

import dev.kindeprops.json.Json;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fingerprint of a live state that a saved plan records, so that {@code apply} can tell when
 * the state moved on. It covers what the plan's changes depend on: categories, properties, and the
 * applications read in detail (their claims only where the target stores them). It leaves out the
 * count of other applications, which no change depends on.
 */
public final class StateFingerprint {
  private StateFingerprint() {}

  /** {@code sha256:} and the hex digest of the state's canonical JSON form. */
  public static String of(LiveState state) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    ArrayNode categories = root.putArray("categories");
    sorted(state.categories(), LiveCategory::id)
        .forEach(c -> categories.addObject().put("id", c.id()).put("name", c.name()));
    ArrayNode properties = root.putArray("properties");
    for (LiveProperty p : sorted(state.properties(), LiveProperty::key)) {
      properties
          .addObject()
          .put("id", p.id())
          .put("key", p.key())
          .put("name", p.name())
          .put("description", p.description())
          .put("type", p.type() == null ? null : p.type().wireName())
          .put("is_private", p.isPrivate())
          .put("category_id", p.categoryId());
    }
    ArrayNode applications = root.putArray("applications");
    for (LiveApplication a : sorted(state.applications(), LiveApplication::id)) {
      ObjectNode app = applications.addObject().put("id", a.id()).put("name", a.name());
      app.put("type", a.type());
      ObjectNode values = app.putObject("values");
      a.values().forEach(values::put);
      if (state.toggles() == ClaimToggles.STORED && a.claims() != null) {
        ArrayNode claims = app.putArray("claims");
        a.claims().forEach(claims::add);
      }
    }
    return Json.sha256(root);
  }

  private static <T> List<T> sorted(List<T> items, Function<T, String> by) {
    return items.stream().sorted(Comparator.comparing(by)).toList();
  }
}
