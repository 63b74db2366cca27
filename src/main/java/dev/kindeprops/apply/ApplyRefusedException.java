package dev.kindeprops.apply;

import dev.kindeprops.diag.UserError;

/**
 * {@code apply} refused a plan before its first change (stale, destructive without permission, or
 * not one this target can carry out), so nothing was changed. The message is meant for the user as
 * it is and holds no values.
 */
public final class ApplyRefusedException extends UserError {
  private static final long serialVersionUID = 1L;

  public ApplyRefusedException(String message) {
    super(message);
  }
}
