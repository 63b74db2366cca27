package dev.kindeprops.plan;

/**
 * The order changes run in: the planner orders a plan by it, and {@code apply} runs it phase by
 * phase, refusing a plan out of this order. Categories come before the properties in them; a
 * claimed property is made public before values and toggles need it; values are set before toggles
 * that carry them and unset after toggles that stop carrying them; properties are deleted last.
 */
public enum Phase {
  CATEGORIES(false),
  PROPERTIES(false),
  VALUE_SETS(true),
  CLAIMS(true),
  VALUE_UNSETS(true),
  PROPERTY_DELETES(false);

  private final boolean parallel;

  Phase(boolean parallel) {
    this.parallel = parallel;
  }

  /**
   * Whether the phase's changes may run in parallel: value writes and toggles each touch one
   * application's one property; categories and properties run one at a time, in plan order.
   */
  public boolean parallel() {
    return parallel;
  }

  public static Phase of(Change change) {
    return switch (change.kind()) {
      case CATEGORY -> CATEGORIES;
      case PROPERTY -> change.action() == Action.DELETE ? PROPERTY_DELETES : PROPERTIES;
      case VALUE -> change.action() == Action.DELETE ? VALUE_UNSETS : VALUE_SETS;
      case CLAIM -> CLAIMS;
    };
  }
}
