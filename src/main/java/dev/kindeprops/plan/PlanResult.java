package dev.kindeprops.plan;

import dev.kindeprops.diag.Diagnostic;
import java.util.List;

/** A plan, or the errors that kept one from being made ({@code plan} is then null). */
public record PlanResult(Plan plan, List<Diagnostic> diagnostics) {
  public PlanResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean ok() {
    return plan != null;
  }
}
