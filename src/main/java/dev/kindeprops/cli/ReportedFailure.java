package dev.kindeprops.cli;

/**
 * A failure whose problems are already printed (such as manifest diagnostics): {@link Cli} exits
 * with code 1 and prints nothing more.
 */
public final class ReportedFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReportedFailure() {
    super("the problems are already reported", null, false, false);
  }
}
