package dev.kindeprops.plan;

import java.util.Objects;

/**
 * One change of a drift check: the planned change, which side moved since the baseline, and the
 * ignore rule that accepts it (null when it counts as drift).
 */
public record DriftedChange(Change change, Attribution moved, IgnoreRule ignoredBy) {
  public DriftedChange {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(moved, "moved");
  }
}
