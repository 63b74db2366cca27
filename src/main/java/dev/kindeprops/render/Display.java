package dev.kindeprops.render;

import dev.kindeprops.json.Json;
import dev.kindeprops.plan.ClaimValue;
import dev.kindeprops.plan.Plan;
import java.util.List;

/** How values read in human output: quoted like JSON, sensitive ones masked. */
final class Display {
  static final String SENSITIVE = "(sensitive)";

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
}
