package dev.kindeprops.manifest;

import dev.kindeprops.diag.SourceLocation;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A managed M2M application with its profiles already resolved.
 *
 * @param name the local name used in addresses and output
 * @param id the Kinde application id, which is also its client id
 * @param profiles the profiles it listed, in order (already merged into values and claims)
 * @param values the complete set of values it should hold, keyed by property key
 * @param claims the complete set of properties toggled into its M2M token
 * @param audience the API audience {@code verify} mints tokens for, or null
 * @param location where it is declared, or null for a state built in code
 * @param valueLocations where each value is written (in the application, or in the profile it comes
 *     from), by property key; empty for a state built in code
 * @param claimLocations where each claim is listed, likewise
 */
public record Application(
    String name,
    String id,
    List<String> profiles,
    SortedMap<String, String> values,
    SortedSet<String> claims,
    String audience,
    SourceLocation location,
    SortedMap<String, SourceLocation> valueLocations,
    SortedMap<String, SourceLocation> claimLocations) {

  public Application {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    profiles = profiles == null ? List.of() : List.copyOf(profiles);
    values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    claims = Collections.unmodifiableSortedSet(new TreeSet<>(claims));
    valueLocations = Collections.unmodifiableSortedMap(new TreeMap<>(valueLocations));
    claimLocations = Collections.unmodifiableSortedMap(new TreeMap<>(claimLocations));
  }
}
