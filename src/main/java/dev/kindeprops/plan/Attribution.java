package dev.kindeprops.plan;

import java.util.Locale;

/**
 * Which side of a drifted change moved since the baseline: the snapshot of the live state taken
 * after the last apply, when the live state and the manifests agreed.
 */
public enum Attribution {
  /** The live state moved (a change in the dashboard or through the API); the manifests did not. */
  LIVE,
  /** The manifests moved (a change in git not yet applied); the live state did not. */
  MANIFESTS,
  /** Both moved away from the baseline, each in its own way. */
  BOTH,
  /** Cannot be told: no baseline, or the baseline does not hold what the change is about. */
  UNKNOWN;

  /** The lower-case name used in reports. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
