package dev.kindeprops.render;

import static dev.kindeprops.render.Markdown.code;
import static dev.kindeprops.render.Markdown.html;

import dev.kindeprops.live.Dashboard;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ManualStep;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code apply} did as markdown, for the GitHub job summary: the summary line, and the toggles
 * left for a person as a checklist (as the closing check found them in the tokens where it ran),
 * with any token it could not check or that carries another value.
 */
public final class ApplyMarkdownRenderer implements Renderer<ApplyView> {
  private static final int MAX_ITEMS = 200;

  @Override
  public String render(ApplyView view) {
    StringBuilder out =
        new StringBuilder("### kinde-props apply: ")
            .append(code(view.target()))
            .append("\n\n")
            .append(html(ApplyTextRenderer.summary(view)))
            .append("\n\n");
    List<String> items = new ArrayList<>();
    view.manualSteps().forEach(step -> items.add(PlanMarkdownRenderer.checklistItem(step)));
    for (ClaimCheck check : view.otherFindings()) {
      if (check.problem() != null) {
        items.add(
            "- **"
                + html(check.application())
                + "**: could not check its token: "
                + html(check.problem()));
      } else {
        check
            .different()
            .forEach(
                (key, difference) ->
                    items.add(
                        "- **"
                            + html(check.application())
                            + "**: the token carries "
                            + code(key)
                            + " = "
                            + code(Display.claim(view.sensitive(), key, difference.actual()))
                            + ", not "
                            + code(Display.claim(view.sensitive(), key, difference.expected()))));
      }
    }
    if (items.isEmpty()) {
      return out.toString();
    }
    out.append(view.checked() ? "#### Toggles still to make\n\n" : "#### Manual steps\n\n")
        .append(
            view.checked()
                ? "The closing check found these in the tokens just now. "
                : "Kinde's Management API cannot toggle token claims. ")
        .append("In the Kinde dashboard, open ")
        .append(code(Dashboard.claimTogglePath("<application>")))
        .append(", toggle, and save:\n\n");
    Markdown.appendCapped(out, items, MAX_ITEMS, "- and %d more");
    if (ManualStep.anyStateUnknown(view.manualSteps())) {
      out.append("\n").append(html(PlanTextRenderer.STATE_UNKNOWN_NOTE)).append("\n");
    }
    return out.append("\n").toString();
  }
}
