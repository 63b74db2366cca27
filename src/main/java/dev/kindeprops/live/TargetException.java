package dev.kindeprops.live;

import dev.kindeprops.diag.UserError;

/**
 * A target could not be read or written. The message is one line for the user and never holds a
 * secret.
 */
public class TargetException extends UserError {
  private static final long serialVersionUID = 1L;

  public TargetException(String message) {
    super(message);
  }

  public TargetException(String message, Throwable cause) {
    super(message, cause);
  }
}
