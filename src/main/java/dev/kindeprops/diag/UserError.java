package dev.kindeprops.diag;

/**
 * A failure the user can act on (bad input, a target that cannot be read or refuses, a stale plan):
 * shown as one {@code error:} line with exit code 1 and no stack trace. The message is meant for
 * the user as it is and never holds a secret.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
