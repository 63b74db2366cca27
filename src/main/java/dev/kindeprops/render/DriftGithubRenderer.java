package dev.kindeprops.render;

import dev.kindeprops.plan.IgnoreRule;

/**
 * A drift report as GitHub workflow commands: one {@code ::warning} per drifted change, at the
 * manifest line that declares what drifted where it is known; one per stale ignore pattern at its
 * line; then the summary.
 */
public final class DriftGithubRenderer implements Renderer<DriftView> {
  private static final String TITLE = "kinde-props drift";

  @Override
  public String render(DriftView view) {
    StringBuilder out = new StringBuilder();
    for (DriftView.Row row : view.drifted()) {
      String message = row.change().address() + ": " + row.description() + view.moved(row);
      out.append(GitHub.command("warning", row.location(), TITLE, message));
    }
    for (IgnoreRule rule : view.report().staleRules()) {
      out.append(GitHub.command("warning", rule.location(), TITLE, DriftView.staleMessage(rule)));
    }
    out.append(view.summaryLine()).append('\n');
    return out.toString();
  }
}
