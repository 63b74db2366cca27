package dev.kindeprops.plan;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A live state looked up by key and id, so that planning stays linear in the tenant's size. */
record LiveIndex(
    LiveState state,
    Map<String, LiveProperty> properties,
    Map<String, LiveApplication> applications,
    Map<String, LiveCategory> categoriesById,
    Map<String, LiveCategory> categoriesByName) {

  static LiveIndex of(LiveState state) {
    Map<String, LiveProperty> properties = new HashMap<>();
    state.properties().forEach(p -> properties.put(p.key(), p));
    Map<String, LiveApplication> applications = new HashMap<>();
    state.applications().forEach(a -> applications.put(a.id(), a));
    Map<String, LiveCategory> byId = new HashMap<>();
    Map<String, LiveCategory> byName = new HashMap<>();
    for (LiveCategory category : state.categories()) {
      byId.put(category.id(), category);
      byName.putIfAbsent(category.name(), category);
    }
    return new LiveIndex(state, properties, applications, byId, byName);
  }

  /**
   * A live property under the plan's wire names, leaving out what the target cannot tell (Kinde
   * shows no type or category).
   */
  Map<String, Object> fields(LiveProperty property) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("key", property.key());
    fields.put("name", property.name());
    fields.put("description", property.description());
    if (property.type() != null) {
      fields.put("type", property.type().wireName());
    }
    LiveCategory category =
        property.categoryId() == null ? null : categoriesById.get(property.categoryId());
    if (category != null) {
      fields.put("category", category.name());
    }
    fields.put("is_private", property.isPrivate());
    return fields;
  }
}
