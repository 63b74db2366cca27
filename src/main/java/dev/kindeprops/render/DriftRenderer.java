package dev.kindeprops.render;

import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.PropertyDefinition;
import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.Attribution;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.DriftReport;
import dev.kindeprops.plan.DriftedChange;
import dev.kindeprops.plan.IgnoreRule;
import dev.kindeprops.plan.Kind;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A drift report as text for people, JSON for scripts, markdown for an issue or a job summary, and
 * GitHub workflow annotations. Each drifted change shows the live side, the manifests' side and
 * which side moved since the baseline. Sensitive values are masked in every format.
 */
public final class DriftRenderer {
  /** The version of the drift JSON format ({@code schemas/drift.schema.json}). */
  public static final int FORMAT_VERSION = 1;

  /** The longest a value is shown in a markdown table cell before it is cut. */
  private static final int MAX_CELL = 120;

  /** Warnings listed before the rest are only counted. */
  private static final int MAX_ITEMS = 50;

  /** Room kept in markdown for the parts after the tables. */
  private static final int TAIL_ROOM = 12_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DriftRenderer() {}

  // ---- Words shared by every format ---------------------------------------------------------

  /** The line that ends a report, such as {@code Drift: 3 changes (2 live, 1 manifests).} */
  public static String summaryLine(DriftReport report) {
    String ignored =
        report.ignored().isEmpty()
            ? ""
            : Display.count(report.ignored().size(), "change", "changes")
                + " ignored as known drift";
    if (!report.hasDrift()) {
      return "No drift. The live state matches the manifests"
          + (ignored.isEmpty() ? "" : " (" + ignored + ")")
          + ".";
    }
    StringBuilder line =
        new StringBuilder("Drift: ")
            .append(Display.count(report.drifted().size(), "change", "changes"));
    if (report.baseline() != null) {
      Map<Attribution, Integer> counts = report.countsByAttribution();
      List<String> parts = new ArrayList<>();
      for (Attribution side : Attribution.values()) {
        if (counts.get(side) > 0) {
          parts.add(counts.get(side) + " " + side.wireName());
        }
      }
      line.append(" (moved: ").append(String.join(", ", parts)).append(")");
    }
    if (!ignored.isEmpty()) {
      line.append("; ").append(ignored);
    }
    return line.append(".").toString();
  }

  private static String baselineLine(DriftReport report) {
    if (report.baseline() == null) {
      return "No baseline: which side moved cannot be told (give --baseline with a snapshot"
          + " taken after the last apply).";
    }
    return "Baseline: "
        + report.baseline()
        + ". Moved: live = changed outside kinde-props since then (the dashboard, the API);"
        + " manifests = changed in git, not applied yet; both; unknown = the baseline cannot tell.";
  }

  /** The live side of a change in words: {@code "us"}, {@code absent}, {@code is_private true}. */
  static String liveSide(Plan plan, Change change) {
    return side(plan, change, change.before(), change.after(), true);
  }

  /** The manifests' side of a change in words. */
  static String manifestSide(Plan plan, Change change) {
    return side(plan, change, change.after(), change.before(), false);
  }

  private static String side(Plan plan, Change change, Object mine, Object other, boolean live) {
    return switch (change.kind()) {
      case CATEGORY -> mine == null ? "absent" : "used";
      case PROPERTY -> {
        if (mine == null) {
          yield "absent";
        }
        if (other == null) {
          yield live ? "present" : "declared";
        }
        Map<?, ?> before = (Map<?, ?>) (live ? mine : other);
        Map<?, ?> after = (Map<?, ?>) (live ? other : mine);
        List<String> parts = new ArrayList<>();
        for (String[] changed : Display.changedFields(before, after)) {
          parts.add(changed[0] + " " + (live ? changed[1] : changed[2]));
        }
        yield String.join(", ", parts);
      }
      case VALUE -> mine == null ? "(none)" : Display.value(plan, change.key(), (String) mine);
      case CLAIM -> mine == null ? "off" : "on";
    };
  }

  /** The manifests' side, where a property delete reads as what it is: a removal. */
  private static String manifests(Plan plan, Change change) {
    boolean removed = change.kind() == Kind.PROPERTY && change.action() == Action.DELETE;
    return removed ? "removed" : manifestSide(plan, change);
  }

  private static String symbol(Change change) {
    return change.manual() ? "!" : change.action().symbol();
  }

  private static String describe(Plan plan, Change change) {
    return "live "
        + liveSide(plan, change)
        + "; manifests "
        + manifests(plan, change)
        + (change.action() == Action.REPLACE ? " (replace)" : "")
        + (change.manual() ? " (manual)" : "");
  }

  /** {@code " (moved: live)"}, or nothing without a baseline, where every change is unknown. */
  private static String moved(DriftReport report, DriftedChange drifted) {
    return report.baseline() == null ? "" : " (moved: " + drifted.moved().wireName() + ")";
  }

  private static String staleMessage(IgnoreRule rule) {
    return "ignore pattern "
        + Display.quote(rule.pattern())
        + " matches no change: remove it if the drift it accepted is gone";
  }

  private static String where(IgnoreRule rule) {
    return rule.location() == null ? "" : rule.location() + ": ";
  }

  // ---- Text ---------------------------------------------------------------------------------

  /** The report for a terminal; ANSI colours only when {@code color} is set. */
  public static String text(DriftReport report, boolean color) {
    Style style = new Style(color);
    Plan plan = report.plan();
    StringBuilder out = new StringBuilder();
    out.append("Drift check: ").append(plan.target()).append('\n');
    out.append(baselineLine(report)).append("\n\n");
    if (report.hasDrift()) {
      out.append(style.bold("Drifted (" + report.drifted().size() + "):")).append('\n');
      for (DriftedChange drifted : report.drifted()) {
        Change change = drifted.change();
        out.append("  ")
            .append(paint(style, change, symbol(change)))
            .append(' ')
            .append(change.address())
            .append(": ")
            .append(describe(plan, change))
            .append(style.dim(moved(report, drifted)))
            .append('\n');
      }
      out.append('\n');
    }
    if (!report.ignored().isEmpty()) {
      out.append("Ignored as known drift (").append(report.ignored().size()).append("):\n");
      for (DriftedChange ignored : report.ignored()) {
        Change change = ignored.change();
        IgnoreRule rule = ignored.ignoredBy();
        String because = rule.reason().isEmpty() ? rule.pattern() : rule.reason();
        out.append("  ")
            .append(style.dim(symbol(change) + " " + change.address() + ": "))
            .append(style.dim(describe(plan, change)))
            .append(style.dim(" # " + where(rule) + because))
            .append('\n');
      }
      out.append('\n');
    }
    List<String> warnings = new ArrayList<>();
    report.staleRules().forEach(rule -> warnings.add(where(rule) + staleMessage(rule)));
    for (Warning warning : plan.warnings()) {
      warnings.add((warning.address() == null ? "" : warning.address() + ": ") + warning.message());
    }
    for (String warning : warnings) {
      out.append(style.yellow("Warning: ")).append(warning).append('\n');
    }
    if (!warnings.isEmpty()) {
      out.append('\n');
    }
    out.append(style.bold(summaryLine(report))).append('\n');
    return out.toString();
  }

  private static String paint(Style style, Change change, String symbol) {
    if (change.manual()) {
      return style.cyan(symbol);
    }
    return switch (change.action()) {
      case CREATE -> style.green(symbol);
      case UPDATE -> style.yellow(symbol);
      case REPLACE, DELETE -> style.red(symbol);
    };
  }

  // ---- JSON ---------------------------------------------------------------------------------

  /**
   * The report as JSON ({@code schemas/drift.schema.json}): fields in a fixed order, two-space
   * indentation, a final newline. Sensitive values are masked here too.
   */
  public static String json(DriftReport report) {
    Plan plan = report.plan();
    ObjectNode root =
        NODES
            .objectNode()
            .put("format_version", FORMAT_VERSION)
            .put("tool_version", plan.toolVersion())
            .put("target", plan.target())
            .put("baseline", report.baseline())
            .put("has_drift", report.hasDrift());
    ArrayNode drifted = root.putArray("drifted");
    report.drifted().forEach(d -> drifted.add(change(plan, d)));
    ArrayNode ignored = root.putArray("ignored");
    report.ignored().forEach(d -> ignored.add(change(plan, d)));
    ArrayNode stale = root.putArray("stale_ignores");
    report.staleRules().forEach(rule -> stale.add(rule(rule)));
    ArrayNode warnings = root.putArray("warnings");
    plan.warnings()
        .forEach(w -> warnings.addObject().put("address", w.address()).put("message", w.message()));
    ObjectNode summary =
        root.putObject("summary")
            .put("drifted", report.drifted().size())
            .put("ignored", report.ignored().size())
            .put("stale_ignores", report.staleRules().size());
    report.countsByAttribution().forEach((side, n) -> summary.put(side.wireName(), n));
    return PrettyJson.write(root);
  }

  private static ObjectNode change(Plan plan, DriftedChange drifted) {
    Change change = drifted.change();
    ObjectNode node =
        NODES
            .objectNode()
            .put("address", change.address())
            .put("kind", change.kind().wireName())
            .put("action", change.action().wireName());
    node.put("application_id", change.applicationId());
    node.put("key", change.key());
    node.set("live", state(plan, change, change.before()));
    node.set("manifests", state(plan, change, change.after()));
    node.put("manual", change.manual());
    node.put("moved", drifted.moved().wireName());
    if (drifted.ignoredBy() != null) {
      node.set("ignored_by", rule(drifted.ignoredBy()));
    }
    return node;
  }

  private static JsonNode state(Plan plan, Change change, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (change.kind() == Kind.VALUE) {
      boolean masked = plan.sensitiveProperties().contains(change.key());
      return NODES.stringNode(masked ? Display.SENSITIVE : (String) value);
    }
    return Json.MAPPER.valueToTree(value);
  }

  private static ObjectNode rule(IgnoreRule rule) {
    SourceLocation at = rule.location();
    ObjectNode node =
        NODES.objectNode().put("pattern", rule.pattern()).put("reason", rule.reason());
    node.put("file", at == null ? null : at.file());
    if (at == null || at.line() == 0) {
      node.putNull("line");
    } else {
      node.put("line", at.line());
    }
    return node;
  }

  // ---- Markdown -----------------------------------------------------------------------------

  /**
   * The report as markdown for an issue or a job summary, at most {@link
   * PlanMarkdownRenderer#LIMIT} characters: rows that would not fit are counted instead.
   */
  public static String markdown(DriftReport report) {
    return markdown(report, PlanMarkdownRenderer.LIMIT);
  }

  static String markdown(DriftReport report, int limit) {
    Plan plan = report.plan();
    StringBuilder head = new StringBuilder("### kinde-props drift\n\n");
    head.append("**").append(summaryLine(report)).append("** Target: ");
    head.append(code(plan.target())).append("\n\n");
    if (report.baseline() == null) {
      head.append(
          "No baseline was given, so which side moved cannot be told (see `--baseline`).\n\n");
    } else {
      head.append("Baseline: ")
          .append(code(report.baseline()))
          .append(
              ". *Moved* says which side changed since it: **live** outside kinde-props (the"
                  + " dashboard, the API), **manifests** in git and not applied yet, or both.\n\n");
    }
    StringBuilder tail = new StringBuilder();
    List<String> warnings = new ArrayList<>();
    report.staleRules().forEach(rule -> warnings.add(staleItem(rule)));
    plan.warnings()
        .forEach(
            w ->
                warnings.add(
                    (w.address() == null ? "" : code(w.address()) + ": ") + html(w.message())));
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
    if (report.hasDrift()) {
      String header =
          report.baseline() == null
              ? "| | change | live | manifests |\n|:--|:--|:--|:--|\n"
              : "| | change | live | manifests | moved |\n|:--|:--|:--|:--|:--|\n";
      body.append(
          table(
              plan,
              report.drifted(),
              header,
              report.baseline() == null ? Column.NONE : Column.MOVED,
              Math.max(0, budget - Math.min(budget / 4, TAIL_ROOM))));
    }
    if (!report.ignored().isEmpty()) {
      int left = Math.max(0, budget - body.length());
      body.append("<details><summary>Ignored as known drift (")
          .append(report.ignored().size())
          .append(")</summary>\n\n")
          .append(
              table(
                  plan,
                  report.ignored(),
                  "| | change | live | manifests | reason |\n|:--|:--|:--|:--|:--|\n",
                  Column.REASON,
                  left))
          .append("</details>\n\n");
    }
    return head.toString() + body + tail;
  }

  /** The last column of a markdown table. */
  private enum Column {
    NONE,
    MOVED,
    REASON
  }

  private static String table(
      Plan plan, List<DriftedChange> changes, String header, Column column, int budget) {
    StringBuilder out = new StringBuilder(header);
    int shown = 0;
    for (DriftedChange drifted : changes) {
      Change change = drifted.change();
      String last =
          switch (column) {
            case NONE -> null;
            case MOVED -> drifted.moved().wireName();
            case REASON -> {
              IgnoreRule rule = drifted.ignoredBy();
              yield html(rule.reason())
                  + (rule.location() == null ? "" : " " + code(rule.location().toString()));
            }
          };
      String manual = change.manual() ? " (manual)" : "";
      String row =
          "| "
              + symbol(change)
              + " | "
              + code(change.address())
              + " | "
              + code(cut(liveSide(plan, change)))
              + " | "
              + code(cut(manifests(plan, change)))
              + manual
              + (last == null ? "" : " | " + last.replace("|", "&#124;"))
              + " |\n";
      if (out.length() + row.length() > budget && shown > 0) {
        break;
      }
      out.append(row);
      shown++;
    }
    out.append('\n');
    if (shown < changes.size()) {
      out.append("… and ")
          .append(changes.size() - shown)
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

  /** Inline code that survives any content, tables included. */
  private static String code(String text) {
    return "<code>" + html(text).replace("|", "&#124;") + "</code>";
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // ---- GitHub annotations -------------------------------------------------------------------

  /**
   * One {@code ::warning} workflow command per drifted change, at the manifest line that declares
   * what drifted where it is known; one per stale ignore pattern at its line; then the summary.
   */
  public static String github(DriftReport report, DesiredState desired) {
    Plan plan = report.plan();
    StringBuilder out = new StringBuilder();
    for (DriftedChange drifted : report.drifted()) {
      Change change = drifted.change();
      String message = change.address() + ": " + describe(plan, change) + moved(report, drifted);
      out.append(annotation(location(change, desired), message));
    }
    for (IgnoreRule rule : report.staleRules()) {
      out.append(annotation(rule.location(), staleMessage(rule)));
    }
    out.append(summaryLine(report)).append('\n');
    return out.toString();
  }

  private static String annotation(SourceLocation at, String message) {
    StringBuilder out = new StringBuilder("::warning ");
    if (at != null) {
      out.append("file=").append(DiagnosticRenderer.escapeProperty(at.file()));
      if (at.line() > 0) {
        out.append(",line=").append(at.line());
        if (at.column() > 0) {
          out.append(",col=").append(at.column());
        }
      }
      out.append(',');
    }
    out.append("title=kinde-props drift::")
        .append(DiagnosticRenderer.escapeData(message))
        .append('\n');
    return out.toString();
  }

  /** Where the manifests declare what a change is about, or null where they do not say. */
  private static SourceLocation location(Change change, DesiredState desired) {
    return switch (change.kind()) {
      case CATEGORY -> {
        String name = (String) ((Map<?, ?>) change.after()).get("name");
        yield desired.properties().values().stream()
            .filter(p -> p.category().equals(name))
            .map(PropertyDefinition::location)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
      }
      case PROPERTY -> {
        PropertyDefinition property = desired.properties().get(change.key());
        yield property == null ? null : property.location();
      }
      case VALUE, CLAIM -> {
        Application app = desired.applications().get(change.applicationName());
        yield app == null ? null : app.location();
      }
    };
  }
}
