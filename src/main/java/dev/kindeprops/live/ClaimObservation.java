package dev.kindeprops.live;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one application's M2M token carries, as a target observed it: its {@code
 * application_properties} claim, or why it could not be observed.
 *
 * @param claims the claim by property key, or null when {@code problem} says why there is none
 * @param problem one line without secrets, or null
 */
public record ClaimObservation(SortedMap<String, ClaimValue> claims, String problem) {
  public ClaimObservation {
    if ((claims == null) == (problem == null)) {
      throw new IllegalArgumentException("exactly one of claims and problem");
    }
    claims = claims == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(claims));
  }

  public static ClaimObservation of(SortedMap<String, ClaimValue> claims) {
    return new ClaimObservation(claims, null);
  }

  public static ClaimObservation failed(String problem) {
    return new ClaimObservation(null, problem);
  }

  public boolean ok() {
    return claims != null;
  }
}
