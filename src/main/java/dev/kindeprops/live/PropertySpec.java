package dev.kindeprops.live;

import dev.kindeprops.model.PropertyType;
import java.util.Objects;

/** The fields of a property that a target writes, with its category named rather than by id. */
public record PropertySpec(
    String key,
    String name,
    String description,
    PropertyType type,
    String category,
    boolean isPrivate) {

  public PropertySpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(category, "category");
    description = description == null ? "" : description;
  }
}
