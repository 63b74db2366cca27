package dev.kindeprops.diag;

/** How bad a diagnostic is: errors stop the command, warnings are shown and the run goes on. */
public enum Severity {
  ERROR,
  WARNING;

  /** The lower-case word used in output, as in {@code file:1:2: error: ...}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
