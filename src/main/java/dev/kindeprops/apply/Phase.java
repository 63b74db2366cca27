package dev.kindeprops.apply;

import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.Change;

/**
 * The phases a plan runs in (docs/architecture.md, "Changes"), each finished before the next
 * starts. Value and claim writes touch one application's one property each and are independent of
 * each other, so they run in parallel; categories and properties run one at a time in plan order,
 * because later ones may depend on earlier ones (a category before its properties, a property made
 * public before anything else).
 */
enum Phase {
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

  boolean parallel() {
    return parallel;
  }

  static Phase of(Change change) {
    return switch (change.kind()) {
      case CATEGORY -> CATEGORIES;
      case PROPERTY -> change.action() == Action.DELETE ? PROPERTY_DELETES : PROPERTIES;
      case VALUE -> change.action() == Action.DELETE ? VALUE_UNSETS : VALUE_SETS;
      case CLAIM -> CLAIMS;
    };
  }
}
