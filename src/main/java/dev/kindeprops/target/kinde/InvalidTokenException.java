package dev.kindeprops.target.kinde;

import dev.kindeprops.target.TargetException;

/** A token failed verification: its signature, algorithm, issuer, expiry, party or audience. */
public final class InvalidTokenException extends TargetException {
  private static final long serialVersionUID = 1L;

  InvalidTokenException(String message) {
    super(message);
  }
}
