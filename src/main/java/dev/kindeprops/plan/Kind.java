package dev.kindeprops.plan;

import java.util.Locale;

/** What a change is about. */
public enum Kind {
  CATEGORY,
  PROPERTY,
  VALUE,
  CLAIM;

  /** The lower-case name used in plan JSON. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
