package dev.kindeprops.plan;

import dev.kindeprops.model.PropertyFields;
import java.util.Objects;

/**
 * A property to create, update, replace (delete, then create with another type) or delete.
 *
 * @param before the live property, null for a create; fields the target cannot tell are null
 * @param after the property as it will be, complete so that apply can write it without the
 *     manifests; null for a delete
 */
public record PropertyChange(Action action, String key, PropertyFields before, PropertyFields after)
    implements Change {

  public PropertyChange {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(key, "key");
    if ((before == null) != (action == Action.CREATE)) {
      throw new IllegalArgumentException(
          "a property " + action.wireName() + " " + beforeRule(action));
    }
    if ((after == null) != (action == Action.DELETE)) {
      throw new IllegalArgumentException(
          "a property " + action.wireName() + " " + afterRule(action));
    }
    for (PropertyFields fields : new PropertyFields[] {before, after}) {
      if (fields != null && !fields.key().equals(key)) {
        throw new IllegalArgumentException(
            "the fields of property '" + key + "' name the key '" + fields.key() + "'");
      }
    }
    if (after != null && !after.complete()) {
      throw new IllegalArgumentException(
          "property '" + key + "' after the change must have a type and a category");
    }
  }

  private static String beforeRule(Action action) {
    return action == Action.CREATE ? "has nothing before it" : "needs the property before it";
  }

  private static String afterRule(Action action) {
    return action == Action.DELETE ? "leaves nothing after it" : "needs the property after it";
  }

  @Override
  public Address address() {
    return Address.property(key);
  }
}
