package dev.kindeprops.render;

import dev.kindeprops.json.Json;
import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.model.PropertyFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** How values read in human output: quoted like JSON, sensitive ones masked. */
final class Display {
  static final String SENSITIVE = "(sensitive)";

  /** What a field the target does not show reads as (Kinde shows no property category). */
  static final String NOT_SHOWN = "(not shown)";

  private Display() {}

  /** One field a property change changes, its values as output shows them. */
  record FieldChange(String field, String before, String after) {}

  /** A string as a JSON literal: quoted, with newlines and quotes escaped, on one line. */
  static String quote(String text) {
    return Json.MAPPER.writeValueAsString(text);
  }

  /** A property value of {@code key}: quoted, or masked when the property is sensitive. */
  static String value(Set<String> sensitive, String key, String value) {
    return sensitive.contains(key) ? SENSITIVE : quote(value);
  }

  /** A claim entry: the quoted value, {@code {}} when claimed without one, or masked. */
  static String claim(Set<String> sensitive, String key, ClaimValue claim) {
    if (claim.v() == null) {
      return "{}";
    }
    return value(sensitive, key, claim.v());
  }

  /** A property field's value: strings quoted like JSON, booleans as they are. */
  static String field(Object value) {
    return value instanceof String text ? quote(text) : String.valueOf(value);
  }

  /**
   * The fields a property update or replace changes, in output order: each field the target shows
   * that differs, and the category where the target does not show it, since apply writes it all the
   * same.
   */
  static List<FieldChange> changedFields(PropertyFields before, PropertyFields after) {
    List<FieldChange> changed = new ArrayList<>();
    for (PropertyFields.Field field : PropertyFields.Field.values()) {
      Object was = field.of(before);
      Object will = field.of(after);
      if (was != null) {
        if (!Objects.equals(was, will)) {
          changed.add(new FieldChange(field.wireName(), field(was), field(will)));
        }
      } else if (field == PropertyFields.Field.CATEGORY && will != null) {
        changed.add(new FieldChange(field.wireName(), NOT_SHOWN, field(will)));
      }
    }
    return changed;
  }
}
