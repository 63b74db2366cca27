package dev.kindeprops.render;

import static dev.kindeprops.render.Markdown.code;
import static dev.kindeprops.render.Markdown.html;

import dev.kindeprops.plan.IgnoreRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A drift report as markdown for an issue or a job summary, at most {@link
 * PlanMarkdownRenderer#LIMIT} characters: rows that would not fit are counted instead.
 */
public final class DriftMarkdownRenderer implements Renderer<DriftView> {
  /** The longest a value is shown in a table cell before it is cut. */
  private static final int MAX_CELL = 120;

  /** Warnings listed before the rest are only counted. */
  private static final int MAX_ITEMS = 50;

  /** Room kept for the parts after the tables. */
  private static final int TAIL_ROOM = 12_000;

  private final int limit;

  public DriftMarkdownRenderer() {
    this(PlanMarkdownRenderer.LIMIT);
  }

  /** A renderer of at most {@code limit} characters (for tests of the cut). */
  DriftMarkdownRenderer(int limit) {
    this.limit = limit;
  }

  /** The last column of a table. */
  private enum Column {
    NONE,
    MOVED,
    REASON
  }

  @Override
  public String render(DriftView view) {
    String environment = view.plan().environment();
    StringBuilder head =
        new StringBuilder("### kinde-props drift")
            .append(environment == null ? "" : ": " + environment)
            .append("\n\n");
    head.append("**").append(view.summaryLine()).append("** Target: ");
    head.append(code(view.plan().target())).append("\n\n");
    if (!view.hasBaseline()) {
      head.append(
          "No baseline was given, so which side moved cannot be told (see `--baseline`).\n\n");
    } else {
      head.append("Baseline: ")
          .append(code(view.report().baseline()))
          .append(
              ". *Moved* says which side changed since it: **live** outside kinde-props (the"
                  + " dashboard, the API), **manifests** in git and not applied yet, or both.\n\n");
    }
    StringBuilder tail = new StringBuilder();
    List<String> warnings = new ArrayList<>();
    view.report().staleRules().forEach(rule -> warnings.add(staleItem(rule)));
    view.plan()
        .warnings()
        .forEach(
            w ->
                warnings.add(
                    (w.address() == null ? "" : code(w.address().toString()) + ": ")
                        + html(w.message())));
    if (!warnings.isEmpty()) {
      tail.append("> [!WARNING]\n");
      warnings.stream().limit(MAX_ITEMS).forEach(w -> tail.append("> - ").append(w).append('\n'));
      if (warnings.size() > MAX_ITEMS) {
        tail.append("> - and ")
            .append(warnings.size() - MAX_ITEMS)
            .append(" more (`kinde-props drift` lists them all)\n");
      }
      tail.append('\n');
    }
    int budget = limit - head.length() - tail.length() - 600;
    StringBuilder body = new StringBuilder();
    if (!view.drifted().isEmpty()) {
      String header =
          view.hasBaseline()
              ? "| | change | live | manifests | moved |\n|:--|:--|:--|:--|:--|\n"
              : "| | change | live | manifests |\n|:--|:--|:--|:--|\n";
      body.append(
          table(
              view.drifted(),
              header,
              view.hasBaseline() ? Column.MOVED : Column.NONE,
              Math.max(0, budget - Math.min(budget / 4, TAIL_ROOM))));
    }
    if (!view.ignored().isEmpty()) {
      int left = Math.max(0, budget - body.length());
      body.append("<details><summary>Ignored as known drift (")
          .append(view.ignored().size())
          .append(")</summary>\n\n")
          .append(
              table(
                  view.ignored(),
                  "| | change | live | manifests | reason |\n|:--|:--|:--|:--|:--|\n",
                  Column.REASON,
                  left))
          .append("</details>\n\n");
    }
    return head.toString() + body + tail;
  }

  private static String table(List<DriftView.Row> rows, String header, Column column, int budget) {
    StringBuilder out = new StringBuilder(header);
    int shown = 0;
    for (DriftView.Row row : rows) {
      String last =
          switch (column) {
            case NONE -> null;
            case MOVED -> row.drifted().moved().wireName();
            case REASON -> {
              IgnoreRule rule = row.drifted().ignoredBy();
              yield html(rule.reason())
                  + (rule.location() == null ? "" : " " + code(rule.location().toString()));
            }
          };
      String manual = row.change().manual() ? " (manual)" : "";
      String line =
          "| "
              + row.symbol()
              + " | "
              + code(row.change().address().toString())
              + " | "
              + code(cut(row.live()))
              + " | "
              + code(cut(row.manifests()))
              + manual
              + (last == null ? "" : " | " + last.replace("|", "&#124;"))
              + " |\n";
      if (out.length() + line.length() > budget && shown > 0) {
        break;
      }
      out.append(line);
      shown++;
    }
    out.append('\n');
    if (shown < rows.size()) {
      out.append("… and ")
          .append(rows.size() - shown)
          .append(" more, left out to keep this under ")
          .append(String.format("%,d", PlanMarkdownRenderer.LIMIT))
          .append(" characters: run `kinde-props drift` to see them all.\n\n");
    }
    return out.toString();
  }

  private static String staleItem(IgnoreRule rule) {
    return (rule.location() == null ? "" : code(rule.location().toString()) + ": ")
        + "ignore pattern "
        + code(rule.pattern())
        + " matches no change: remove it if the drift it accepted is gone";
  }

  private static String cut(String text) {
    return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 1) + "…";
  }
}
