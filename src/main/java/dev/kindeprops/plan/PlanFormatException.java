package dev.kindeprops.plan;

import dev.kindeprops.diag.UserError;

/**
 * A saved plan cannot be read: not JSON, not a plan, or a format this version does not know. The
 * message names the file and is meant for the user as it is.
 */
public class PlanFormatException extends UserError {
  private static final long serialVersionUID = 1L;

  public PlanFormatException(String message) {
    super(message);
  }
}
