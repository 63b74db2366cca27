package dev.kindeprops.engine;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanDiff;
import dev.kindeprops.text.Words;

/**
 * {@code apply PLAN -f}: the saved plan is not the plan the manifests and the live state give now,
 * so nothing was changed. Carries both sides of the difference, for showing it.
 */
public final class PlanMismatchException extends UserError {
  private static final long serialVersionUID = 1L;
  private final transient Plan fresh;
  private final transient PlanDiff diff;

  PlanMismatchException(Plan fresh, PlanDiff diff) {
    super(
        "the saved plan is not the plan these manifests make now: "
            + Words.count(diff.size(), "change differs", "changes differ")
            + " (shown above). Nothing was changed; review the plan the manifests make now"
            + " (kinde-props plan) before applying it.");
    this.fresh = fresh;
    this.diff = diff;
  }

  /** The plan the manifests make now, for its sensitive keys and target. */
  public Plan fresh() {
    return fresh;
  }

  public PlanDiff diff() {
    return diff;
  }
}
