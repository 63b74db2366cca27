package dev.kindeprops.live.kinde;

import dev.kindeprops.live.TargetException;

/** A token failed verification: its signature, algorithm, issuer, expiry, party or audience. */
public final class InvalidTokenException extends TargetException {
  private static final long serialVersionUID = 1L;

  InvalidTokenException(String message) {
    super(message);
  }
}
