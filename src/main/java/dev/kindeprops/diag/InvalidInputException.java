package dev.kindeprops.diag;

import java.util.List;

/**
 * Input with problems a user can fix, each a located diagnostic (a plan that cannot be made, an
 * ignore file with bad lines): all are shown at once, then the run ends with exit code 1.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(diagnostics.size() + " problems", null, false, false);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
