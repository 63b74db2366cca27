package dev.kindeprops.plan;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plan: the ordered changes that take the target's live state to the desired state, and the token
 * claims each managed application will receive. It records what it was computed from so that {@code
 * apply} can refuse it once stale.
 *
 * @param toolVersion the kinde-props version that made it
 * @param target the target's name, such as {@code file:state.json}
 * @param manifestDigest {@code ManifestDigest} of the desired state
 * @param stateFingerprint {@code StateFingerprint} of the live state
 * @param changes in execution order
 * @param claims expected claims by application name
 * @param sensitiveProperties keys whose values are masked everywhere but the JSON plan
 */
public record Plan(
    String toolVersion,
    String target,
    String manifestDigest,
    String stateFingerprint,
    List<Change> changes,
    SortedMap<String, ApplicationClaims> claims,
    Unmanaged unmanaged,
    List<Warning> warnings,
    SortedSet<String> sensitiveProperties) {

  /** The version of the plan JSON format. */
  public static final int FORMAT_VERSION = 1;

  public Plan {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(stateFingerprint, "stateFingerprint");
    Objects.requireNonNull(unmanaged, "unmanaged");
    changes = List.copyOf(changes);
    claims = Collections.unmodifiableSortedMap(new TreeMap<>(claims));
    warnings = List.copyOf(warnings);
    sensitiveProperties = Collections.unmodifiableSortedSet(new TreeSet<>(sensitiveProperties));
  }

  public Summary summary() {
    return Summary.of(changes);
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }
}
