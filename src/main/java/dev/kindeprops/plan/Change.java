package dev.kindeprops.plan;

/**
 * One planned change: a category, property, value or claim toggle, what is done to it, and what it
 * is before and after. Each kind has its own record with typed {@code before} and {@code after}, so
 * no change can hold a shape the planner never makes.
 */
public sealed interface Change permits CategoryChange, PropertyChange, ApplicationChange {

  /** What the change is about. */
  default Kind kind() {
    if (this instanceof CategoryChange) {
      return Kind.CATEGORY;
    }
    if (this instanceof PropertyChange) {
      return Kind.PROPERTY;
    }
    return this instanceof ValueChange ? Kind.VALUE : Kind.CLAIM;
  }

  Action action();

  Address address();

  /** Whether a person must make the change because the target cannot (claim toggles on Kinde). */
  default boolean manual() {
    return false;
  }

  /** Whether there is something before the change: all but a create. */
  default boolean hasBefore() {
    return action() != Action.CREATE;
  }

  /** Whether there is something after the change: all but a delete. */
  default boolean hasAfter() {
    return action() != Action.DELETE;
  }
}
