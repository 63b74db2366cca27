package dev.kindeprops.plan;

import dev.kindeprops.model.ValueRules;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
 * @param sensitiveProperties keys whose values are masked in every output, and sealed in plan JSON
 * @param valueRules the rules the manifests set for the values of declared properties, by key
 *     (those without rules are absent), so that a saved plan can be checked against them
 * @param sealed whether the values of sensitive properties here are {@link Seal}s rather than the
 *     values: so in a plan read from a file, never in a plan just made
 * @param environment the name of the environment planned ({@code plan --environment}), or null
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
    SortedSet<String> sensitiveProperties,
    SortedMap<String, ValueRules> valueRules,
    boolean sealed,
    String environment) {

  /** The version of the plan JSON format. */
  public static final int FORMAT_VERSION = 1;

  /** An environment's name: it shows in headings and comment markers, so it stays plain. */
  public static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public Plan {
    if (environment != null && !ENVIRONMENT_NAME.matcher(environment).matches()) {
      throw new IllegalArgumentException("not an environment name: " + environment);
    }
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(stateFingerprint, "stateFingerprint");
    Objects.requireNonNull(unmanaged, "unmanaged");
    changes = List.copyOf(changes);
    claims = Collections.unmodifiableSortedMap(new TreeMap<>(claims));
    warnings = List.copyOf(warnings);
    sensitiveProperties = Collections.unmodifiableSortedSet(new TreeSet<>(sensitiveProperties));
    valueRules = Collections.unmodifiableSortedMap(new TreeMap<>(valueRules));
  }

  public Summary summary() {
    return Summary.of(changes);
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  /** The same plan with other changes (to show some of them). */
  public Plan withChanges(List<Change> others) {
    return with(others, environment);
  }

  /** The same plan, made for the environment {@code name} (null: none named). */
  public Plan withEnvironment(String name) {
    return with(changes, name);
  }

  private Plan with(List<Change> someChanges, String someEnvironment) {
    return new Plan(
        toolVersion,
        target,
        manifestDigest,
        stateFingerprint,
        someChanges,
        claims,
        unmanaged,
        warnings,
        sensitiveProperties,
        valueRules,
        sealed,
        someEnvironment);
  }

  /**
   * The changes that write a value of a sensitive property, which a sealed plan cannot carry out.
   */
  public List<ValueChange> sensitiveWrites() {
    return changes.stream()
        .filter(c -> c instanceof ValueChange value && value.after() != null)
        .map(c -> (ValueChange) c)
        .filter(value -> sensitiveProperties.contains(value.key()))
        .toList();
  }
}
