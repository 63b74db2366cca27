package dev.kindeprops.render;

import dev.kindeprops.live.Dashboard;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ClaimCheck.Status;
import dev.kindeprops.render.Style.Colour;
import dev.kindeprops.text.Words;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report of {@code kinde-props verify} for people: per application {@code ok}, a mismatch with
 * its missing, unexpected and different claim entries, or an error; then how to fix mismatches and
 * a summary. Sensitive values are masked: the report is for logs, not for applying.
 */
public final class VerifyTextRenderer extends TextRenderer<VerifyView> {
  private static final int STATUS_WIDTH = 10;

  /** ANSI colours only when {@code color} is set. */
  public VerifyTextRenderer(boolean color) {
    super(color);
  }

  @Override
  public String render(VerifyView view) {
    Set<String> sensitive = view.sensitive();
    StringBuilder out = new StringBuilder();
    out.append("Target: ").append(view.target()).append("\n\n");
    for (ClaimCheck check : view.checks()) {
      Status status = check.status();
      String label = pad(status.name().toLowerCase(Locale.ROOT));
      switch (status) {
        case OK ->
            out.append(style.paint(Colour.GREEN, label)).append(check.application()).append('\n');
        case ERROR ->
            out.append(style.paint(Colour.RED, label))
                .append(check.application())
                .append(": ")
                .append(check.problem())
                .append('\n');
        case MISMATCH -> {
          out.append(style.paint(Colour.YELLOW, label)).append(check.application()).append('\n');
          for (var list :
              List.of(
                  Map.entry("missing     ", check.missing()),
                  Map.entry("unexpected  ", check.unexpected()))) {
            String kind = style.paint(Colour.RED, list.getKey());
            list.getValue()
                .forEach(
                    (key, value) ->
                        entry(out, kind, key, " = " + Display.claim(sensitive, key, value)));
          }
          check
              .different()
              .forEach(
                  (key, difference) ->
                      entry(
                          out,
                          style.paint(Colour.YELLOW, "different   "),
                          key,
                          ": expected "
                              + Display.claim(sensitive, key, difference.expected())
                              + ", actual "
                              + Display.claim(sensitive, key, difference.actual())));
        }
      }
    }
    VerifyView.Counts counts = view.counts();
    if (counts.mismatch() > 0) {
      out.append('\n');
      switch (view.fix()) {
        case DASHBOARD ->
            out.append(
                "To fix a mismatch, switch missing properties on and unexpected ones off in the\n"
                    + "Kinde dashboard (only non-private properties reach a token) under\n"
                    + "  "
                    + Dashboard.claimTogglePath("<application>")
                    + "\n"
                    + "and let `kinde-props apply` fix values and privacy.\n");
        case APPLY ->
            out.append(
                "To fix a mismatch: `kinde-props plan` shows the changes and `kinde-props apply`"
                    + " makes them.\n");
      }
    }
    out.append('\n')
        .append(style.paint(Colour.BOLD, "Verify: "))
        .append(counts.ok())
        .append(" ok, ")
        .append(Words.count(counts.mismatch(), "mismatch", "mismatches"))
        .append(", ")
        .append(Words.count(counts.error(), "error", "errors"))
        .append(".\n");
    return out.toString();
  }

  /** One entry of a mismatch, indented under the application. */
  private static void entry(StringBuilder out, String label, String key, String text) {
    out.append(" ".repeat(STATUS_WIDTH + 2)).append(label).append(key).append(text).append('\n');
  }

  private static String pad(String label) {
    return label + " ".repeat(Math.max(1, STATUS_WIDTH - label.length()));
  }
}
