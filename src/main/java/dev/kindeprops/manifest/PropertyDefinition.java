package dev.kindeprops.manifest;

import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.model.ValueRules;
import java.util.List;
import java.util.Objects;

/**
 * A declared application property.
 *
 * @param key the immutable property key, {@code ^[a-z][a-z0-9_]{0,63}$} and not {@code kp_*}
 * @param description empty when the manifest gives none
 * @param category the name of the category it belongs to
 * @param isPrivate private properties never reach tokens
 * @param allowed the values it may take; empty means any
 * @param pattern a regular expression (RE2 syntax) every value must match, or null
 * @param sensitive values are masked in human, markdown and log output
 * @param location where it is declared, or null for a state built in code
 */
public record PropertyDefinition(
    String key,
    String name,
    String description,
    PropertyType type,
    String category,
    boolean isPrivate,
    List<String> allowed,
    String pattern,
    boolean sensitive,
    SourceLocation location) {

  public PropertyDefinition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(category, "category");
    description = description == null ? "" : description;
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
  }

  /** The rules its values obey. */
  public ValueRules rules() {
    return new ValueRules(allowed, pattern);
  }

  /** The fields a target holds, as the plan writes them. */
  public PropertyFields fields() {
    return new PropertyFields(key, name, description, type, category, isPrivate);
  }
}
