package dev.kindeprops.plan;

/**
 * A saved plan cannot be read: not JSON, not a plan, or a format this version does not know. The
 * message names the file and is meant for the user as it is.
 */
public class PlanFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PlanFormatException(String message) {
    super(message);
  }
}
