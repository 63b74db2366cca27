package dev.kindeprops.render;

import dev.kindeprops.plan.ApplicationClaims;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The expected token claims of {@code kinde-props claims}.
 *
 * @param claims by application name
 * @param sensitive keys of properties whose values are masked
 */
public record ClaimsView(SortedMap<String, ApplicationClaims> claims, SortedSet<String> sensitive) {
  public ClaimsView {
    claims = Collections.unmodifiableSortedMap(new TreeMap<>(claims));
    sensitive = Collections.unmodifiableSortedSet(new TreeSet<>(sensitive));
  }

  public ClaimsView(SortedMap<String, ApplicationClaims> claims, Set<String> sensitive) {
    this(claims, new TreeSet<>(sensitive));
  }
}
