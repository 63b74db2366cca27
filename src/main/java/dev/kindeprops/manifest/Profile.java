package dev.kindeprops.manifest;

import dev.kindeprops.diag.SourceLocation;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** A reusable bundle of values and claims that applications list under {@code profiles}. */
public record Profile(
    String name,
    SortedMap<String, String> values,
    SortedSet<String> claims,
    SourceLocation location) {

  public Profile {
    Objects.requireNonNull(name, "name");
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    claims = Collections.unmodifiableSortedSet(new TreeSet<>(claims));
  }
}
