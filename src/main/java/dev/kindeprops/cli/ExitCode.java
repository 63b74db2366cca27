package dev.kindeprops.cli;

/** The exit codes of DESIGN.md section 5. */
public final class ExitCode {
  /**
   * Success; for {@code plan --detailed-exitcode}, {@code drift} and {@code verify}: nothing
   * differs.
   */
  public static final int OK = 0;

  /** Invalid input, an unreachable or refusing target, a stale plan, a failed apply. */
  public static final int ERROR = 1;

  /** Success, and there are changes, drift or claim mismatches. */
  public static final int CHANGES = 2;

  private ExitCode() {}
}
