package dev.kindeprops.apply;

/**
 * Hears of each change as it finishes, for a progress line. Called from the applier's worker
 * threads, so implementations must be thread-safe; manual changes are never reported here.
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
}
