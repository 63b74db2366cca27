package dev.kindeprops.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules every value of a property obeys: one of the {@code allowed} values, if any are given,
 * and a match of the whole {@code pattern}, if one is.
 *
 * @param allowed the values it may take; empty means any
 * @param pattern a regular expression ({@link ValuePattern}, RE2 syntax) every value must match, or
 *     null
 */
public record ValueRules(List<String> allowed, String pattern) {
  /** Compiled patterns, so that checking thousands of values compiles each pattern once. */
  private static final Map<String, ValuePattern> COMPILED = new ConcurrentHashMap<>();

  public ValueRules {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
  }

  /** Whether there is any rule to obey. */
  public boolean any() {
    return !allowed.isEmpty() || pattern != null;
  }

  /**
   * What is wrong with {@code value}, worded after {@code shown} (such as {@code value 'mars' for
   * 'region'}), or nothing.
   */
  public Optional<String> problem(String value, String shown) {
    if (!allowed.isEmpty() && !allowed.contains(value)) {
      return Optional.of(shown + " is not allowed; allowed: " + String.join(", ", allowed));
    }
    if (pattern == null) {
      return Optional.empty();
    }
    // An invalid pattern (only a plan written by hand has one) is not cached, so it says why each
    // time.
    StringBuilder invalid = new StringBuilder();
    ValuePattern compiled =
        COMPILED.computeIfAbsent(pattern, text -> ValuePattern.compile(text, invalid::append));
    if (compiled == null) {
      return Optional.of(shown + " cannot be checked: invalid pattern " + pattern + ": " + invalid);
    }
    if (!compiled.matches(value)) {
      return Optional.of(shown + " does not match the pattern " + pattern);
    }
    return Optional.empty();
  }
}
