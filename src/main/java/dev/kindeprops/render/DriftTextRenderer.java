package dev.kindeprops.render;

import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.IgnoreRule;
import dev.kindeprops.plan.Warning;
import dev.kindeprops.render.Style.Colour;
import java.util.ArrayList;
import java.util.List;

/** A drift report for a terminal: drifted, then ignored changes, warnings and the summary. */
public final class DriftTextRenderer extends TextRenderer<DriftView> {
  /** ANSI colours only when {@code color} is set. */
  public DriftTextRenderer(boolean color) {
    super(color);
  }

  @Override
  public String render(DriftView view) {
    StringBuilder out = new StringBuilder();
    if (view.plan().environment() != null) {
      out.append("Environment: ").append(view.plan().environment()).append('\n');
    }
    out.append("Drift check: ").append(view.plan().target()).append('\n');
    out.append(baselineLine(view)).append("\n\n");
    if (!view.drifted().isEmpty()) {
      out.append(style.paint(Colour.BOLD, "Drifted (" + view.drifted().size() + "):")).append('\n');
      for (DriftView.Row row : view.drifted()) {
        out.append("  ")
            .append(paint(row.change(), row.symbol()))
            .append(' ')
            .append(row.change().address())
            .append(": ")
            .append(row.description())
            .append(style.paint(Colour.DIM, view.moved(row)))
            .append('\n');
      }
      out.append('\n');
    }
    if (!view.ignored().isEmpty()) {
      out.append("Ignored as known drift (").append(view.ignored().size()).append("):\n");
      for (DriftView.Row row : view.ignored()) {
        IgnoreRule rule = row.drifted().ignoredBy();
        String because = rule.reason().isEmpty() ? rule.pattern() : rule.reason();
        out.append("  ")
            .append(style.paint(Colour.DIM, row.symbol() + " " + row.change().address() + ": "))
            .append(style.paint(Colour.DIM, row.description()))
            .append(style.paint(Colour.DIM, " # " + where(rule) + because))
            .append('\n');
      }
      out.append('\n');
    }
    List<String> warnings = new ArrayList<>();
    view.report()
        .staleRules()
        .forEach(rule -> warnings.add(where(rule) + DriftView.staleMessage(rule)));
    for (Warning warning : view.plan().warnings()) {
      warnings.add((warning.address() == null ? "" : warning.address() + ": ") + warning.message());
    }
    for (String warning : warnings) {
      out.append(style.paint(Colour.YELLOW, "Warning: ")).append(warning).append('\n');
    }
    if (!warnings.isEmpty()) {
      out.append('\n');
    }
    out.append(style.paint(Colour.BOLD, view.summaryLine())).append('\n');
    return out.toString();
  }

  private static String baselineLine(DriftView view) {
    if (!view.hasBaseline()) {
      return "No baseline: which side moved cannot be told (give --baseline with a snapshot"
          + " taken after the last apply).";
    }
    return "Baseline: "
        + view.report().baseline()
        + ". Moved: live = changed outside kinde-props since then (the dashboard, the API);"
        + " manifests = changed in git, not applied yet; both; unknown = the baseline cannot tell.";
  }

  private static String where(IgnoreRule rule) {
    return rule.location() == null ? "" : rule.location() + ": ";
  }

  private String paint(Change change, String symbol) {
    if (change.manual()) {
      return style.paint(Colour.CYAN, symbol);
    }
    return switch (change.action()) {
      case CREATE -> style.paint(Colour.GREEN, symbol);
      case UPDATE -> style.paint(Colour.YELLOW, symbol);
      case REPLACE, DELETE -> style.paint(Colour.RED, symbol);
    };
  }
}
