package dev.kindeprops.model;

import java.util.Objects;
import java.util.function.Function;

/**
 * The fields of an application property as a plan compares and a target writes them, with its
 * category named rather than by id.
 *
 * @param type null where the live side cannot tell (Kinde's property list shows no type)
 * @param category the category's name; null where the live side cannot tell
 */
public record PropertyFields(
    String key,
    String name,
    String description,
    PropertyType type,
    String category,
    boolean isPrivate) {

  public PropertyFields {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
  }

  /** Whether every field is known, as a property must be for a target to write it. */
  public boolean complete() {
    return type != null && category != null;
  }

  /**
   * The fields a person reads and changes, in the order output shows them and under the names plan
   * JSON gives them. The key is left out: it never changes.
   */
  public enum Field {
    NAME("name", PropertyFields::name),
    DESCRIPTION("description", PropertyFields::description),
    TYPE("type", fields -> fields.type() == null ? null : fields.type().wireName()),
    CATEGORY("category", PropertyFields::category),
    IS_PRIVATE("is_private", PropertyFields::isPrivate);

    private final String wireName;
    private final Function<PropertyFields, Object> value;

    Field(String wireName, Function<PropertyFields, Object> value) {
      this.wireName = wireName;
      this.value = value;
    }

    public String wireName() {
      return wireName;
    }

    /** The field's value: a string or a boolean, or null where it is not known. */
    public Object of(PropertyFields fields) {
      return value.apply(fields);
    }
  }
}
