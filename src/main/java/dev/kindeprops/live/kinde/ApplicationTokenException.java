package dev.kindeprops.live.kinde;

import dev.kindeprops.live.TargetException;

/**
 * No token could be minted as one application (Kinde refused it, returned no secret, or it is no
 * M2M application): a problem of that application alone, unlike a refused management token.
 */
public final class ApplicationTokenException extends TargetException {
  private static final long serialVersionUID = 1L;

  ApplicationTokenException(String message) {
    super(message);
  }
}
