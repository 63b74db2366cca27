package dev.kindeprops.apply;

import dev.kindeprops.plan.Plan;

/**
 * Hears of the plan about to be carried out, then of each change as it finishes, for progress
 * output. {@link #finished} is called from the applier's worker threads, so implementations must be
 * thread-safe; manual changes are never reported there.
 */
@FunctionalInterface
public interface ApplyListener {
  /** No progress reporting. */
  ApplyListener NONE = (result, finished, total) -> {};

  /**
   * @param result the change that just finished, done or failed
   * @param finished how many changes have finished so far, this one included
   * @param total how many changes kinde-props carries out in this apply
   */
  void finished(ChangeResult result, int finished, int total);

  /**
   * Called once, when every refusal is past and before the first change.
   *
   * @param plan the plan about to be carried out
   */
  default void starting(Plan plan) {}
}
