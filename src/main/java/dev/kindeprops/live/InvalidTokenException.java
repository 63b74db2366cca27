package dev.kindeprops.live;

/** A token failed verification: its signature, algorithm, issuer, expiry, party or audience. */
public final class InvalidTokenException extends TargetException {
  private static final long serialVersionUID = 1L;

  public InvalidTokenException(String message) {
    super(message);
  }
}
