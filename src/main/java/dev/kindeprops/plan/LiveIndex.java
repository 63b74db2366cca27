package dev.kindeprops.plan;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.model.PropertyFields;
import java.util.HashMap;
import java.util.Map;

/**
 * A live state looked up by key and id, so that planning stays linear in the tenant's size. Where
 * two categories share a name, the one with the smallest id stands for it, whatever order the
 * target listed them in.
 */
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
      byName.merge(
          category.name(),
          category,
          (one, other) -> one.id().compareTo(other.id()) <= 0 ? one : other);
    }
    return new LiveIndex(state, properties, applications, byId, byName);
  }

  /**
   * A live property's fields, its category by name; what the target cannot tell (Kinde shows no
   * type or category) is null.
   */
  PropertyFields fields(LiveProperty property) {
    LiveCategory category =
        property.categoryId() == null ? null : categoriesById.get(property.categoryId());
    return new PropertyFields(
        property.key(),
        property.name(),
        property.description(),
        property.type(),
        category == null ? null : category.name(),
        property.isPrivate());
  }
}
