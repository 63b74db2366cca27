package dev.kindeprops.plan;

import dev.kindeprops.target.LiveApplication;
import dev.kindeprops.target.LiveCategory;
import dev.kindeprops.target.LiveProperty;
import dev.kindeprops.target.LiveState;
import java.util.HashMap;
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
}
