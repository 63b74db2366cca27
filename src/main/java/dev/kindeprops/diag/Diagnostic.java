package dev.kindeprops.diag;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem a user can fix, with where it is when that is known ({@code location} may be null).
 */
public record Diagnostic(Severity severity, String message, SourceLocation location) {

  /** Diagnostics sort by location (unlocated ones first), then by message. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(
              Diagnostic::location,
              Comparator.nullsFirst(Comparator.<SourceLocation>naturalOrder()))
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  public static Diagnostic error(SourceLocation location, String message) {
    return new Diagnostic(Severity.ERROR, message, location);
  }

  public static Diagnostic error(String message) {
    return new Diagnostic(Severity.ERROR, message, null);
  }

  public static Diagnostic warning(SourceLocation location, String message) {
    return new Diagnostic(Severity.WARNING, message, location);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:col: error: message}, or {@code error: message} without a location. */
  @Override
  public String toString() {
    String prefix = location == null ? "" : location + ": ";
    return prefix + severity.label() + ": " + message;
  }
}
