package dev.kindeprops.apply;

/**
 * How to carry out a plan.
 *
 * @param allowDelete whether deletes and replaces may run ({@code --allow-delete})
 * @param parallelism how many value and claim writes may be in flight at once
 * @param listener hears of each finished change; null for none
 */
public record ApplyOptions(boolean allowDelete, int parallelism, ApplyListener listener) {
  /** Writes in flight at once unless {@code --parallelism} says otherwise. */
  public static final int DEFAULT_PARALLELISM = 4;

  public ApplyOptions {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    listener = listener == null ? ApplyListener.NONE : listener;
  }
}
