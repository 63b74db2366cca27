package dev.kindeprops.render;

import dev.kindeprops.json.Json;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimValue;
import dev.kindeprops.plan.Kind;
import dev.kindeprops.plan.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How values read in human output: quoted like JSON, sensitive ones masked. */
final class Display {
  static final String SENSITIVE = "(sensitive)";

  /** A property's fields, in the order output shows them. */
  static final List<String> PROPERTY_FIELDS =
      List.of("name", "description", "type", "category", "is_private");

  /** What a field the target does not show reads as (Kinde shows no property category). */
  static final String NOT_SHOWN = "(not shown)";

  private Display() {}

  /** A string as a JSON literal: quoted, with newlines and quotes escaped, on one line. */
  static String quote(String text) {
    return Json.MAPPER.writeValueAsString(text);
  }

  /** A property value of {@code key}: quoted, or masked when the property is sensitive. */
  static String value(Plan plan, String key, String value) {
    return plan.sensitiveProperties().contains(key) ? SENSITIVE : quote(value);
  }

  /** A claim entry: the quoted value, {@code {}} when claimed without one, or masked. */
  static String claim(Plan plan, String key, ClaimValue claim) {
    if (claim.v() == null) {
      return "{}";
    }
    return value(plan, key, claim.v());
  }

  /** {@code 1 property}, {@code 2 properties}. */
  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** Up to {@code max} names joined by commas, then "and N more". */
  static String names(List<String> names, int max) {
    if (names.size() <= max) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
  }

  /** A property field's value: strings quoted like JSON, booleans as they are. */
  static String field(Object value) {
    return value instanceof String text ? quote(text) : String.valueOf(value);
  }

  /**
   * The fields a property update or replace changes, as {@code {field, before, after}} in output
   * order: each field the target shows that differs, and the category where the target does not
   * show it, since apply writes it all the same.
   */
  static List<String[]> changedFields(Map<?, ?> before, Map<?, ?> after) {
    List<String[]> changed = new ArrayList<>();
    for (String field : PROPERTY_FIELDS) {
      if (before.containsKey(field)) {
        if (!Objects.equals(before.get(field), after.get(field))) {
          changed.add(new String[] {field, field(before.get(field)), field(after.get(field))});
        }
      } else if (field.equals("category") && after.containsKey(field)) {
        changed.add(new String[] {field, NOT_SHOWN, field(after.get(field))});
      }
    }
    return changed;
  }

  /** One application's changes as output lists them: values, then claim toggles, by key. */
  static List<Change> valuesThenClaims(List<Change> changes) {
    List<Change> ordered = new ArrayList<>(changes);
    ordered.sort(
        Comparator.comparing((Change c) -> c.kind() == Kind.CLAIM).thenComparing(Change::key));
    return ordered;
  }

  /** The width of the longest {@code value.<key>} label, to align the values. */
  static int valueLabelWidth(List<Change> changes) {
    return changes.stream()
        .filter(c -> c.kind() == Kind.VALUE)
        .mapToInt(c -> ("value." + c.key()).length())
        .max()
        .orElse(0);
  }
}
