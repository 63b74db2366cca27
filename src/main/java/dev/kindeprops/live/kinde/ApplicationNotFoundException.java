package dev.kindeprops.live.kinde;

import dev.kindeprops.live.TargetException;

/**
 * Kinde has no application with this id (it answered 404, or 400 with {@code
 * APPLICATION_NOT_FOUND}).
 */
public final class ApplicationNotFoundException extends TargetException {
  private static final long serialVersionUID = 1L;
  private final String applicationId;

  ApplicationNotFoundException(String applicationId, String domain) {
    super("application " + applicationId + " does not exist in " + domain);
    this.applicationId = applicationId;
  }

  public String applicationId() {
    return applicationId;
  }
}
