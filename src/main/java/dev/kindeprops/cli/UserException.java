package dev.kindeprops.cli;

/** A mistake the user can fix: printed as one {@code error:} line, exit code 1, no stack trace. */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }
}
