package dev.kindeprops.diag;

import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one run, so that every problem is reported at once. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(List<Diagnostic> diagnostics) {
    items.addAll(diagnostics);
  }

  public void error(SourceLocation location, String message) {
    add(Diagnostic.error(location, message));
  }

  public void warning(SourceLocation location, String message) {
    add(Diagnostic.warning(location, message));
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  /** All diagnostics so far, in a stable order: by location, then message; duplicates dropped. */
  public List<Diagnostic> sorted() {
    return items.stream().distinct().sorted(Diagnostic.ORDER).toList();
  }
}
