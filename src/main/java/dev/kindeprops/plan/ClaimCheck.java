package dev.kindeprops.plan;

import dev.kindeprops.live.ClaimValue;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One application's actual {@code application_properties} claim checked against the expected one
 * ({@code verify}): it matches, it differs (entries missing, unexpected or with another value), or
 * it could not be checked.
 *
 * @param application the application's local name
 * @param missing expected entries the actual claim lacks
 * @param unexpected actual entries that are not expected
 * @param different entries whose value differs, by key
 * @param problem why the claim could not be checked (one line, no secrets), or null
 */
public record ClaimCheck(
    String application,
    String applicationId,
    SortedMap<String, ClaimValue> missing,
    SortedMap<String, ClaimValue> unexpected,
    SortedMap<String, Difference> different,
    String problem) {

  /** How one application came out. */
  public enum Status {
    OK,
    MISMATCH,
    ERROR
  }

  /** An entry present on both sides with another value ({@code v} null: {@code {}}). */
  public record Difference(ClaimValue expected, ClaimValue actual) {
    public Difference {
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(actual, "actual");
    }
  }

  public ClaimCheck {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(applicationId, "applicationId");
    missing = Collections.unmodifiableSortedMap(new TreeMap<>(missing));
    unexpected = Collections.unmodifiableSortedMap(new TreeMap<>(unexpected));
    different = Collections.unmodifiableSortedMap(new TreeMap<>(different));
  }

  /** Compares the claim an application's token carries with the one it should carry. */
  public static ClaimCheck compare(
      String application,
      String applicationId,
      Map<String, ClaimValue> expected,
      Map<String, ClaimValue> actual) {
    SortedMap<String, ClaimValue> missing = new TreeMap<>();
    SortedMap<String, ClaimValue> unexpected = new TreeMap<>();
    SortedMap<String, Difference> different = new TreeMap<>();
    expected.forEach(
        (key, value) -> {
          ClaimValue found = actual.get(key);
          if (found == null) {
            missing.put(key, value);
          } else if (!found.equals(value)) {
            different.put(key, new Difference(value, found));
          }
        });
    actual.forEach(
        (key, value) -> {
          if (!expected.containsKey(key)) {
            unexpected.put(key, value);
          }
        });
    return new ClaimCheck(application, applicationId, missing, unexpected, different, null);
  }

  /** An application whose claim could not be checked, and why. */
  public static ClaimCheck failed(String application, String applicationId, String problem) {
    Objects.requireNonNull(problem, "problem");
    return new ClaimCheck(
        application, applicationId, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), problem);
  }

  public Status status() {
    if (problem != null) {
      return Status.ERROR;
    }
    return missing.isEmpty() && unexpected.isEmpty() && different.isEmpty()
        ? Status.OK
        : Status.MISMATCH;
  }
}
