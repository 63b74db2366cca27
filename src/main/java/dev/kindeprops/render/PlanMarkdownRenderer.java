package dev.kindeprops.render;

import dev.kindeprops.live.Dashboard;
import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimValue;
import dev.kindeprops.plan.Kind;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.Warning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A plan as a pull-request comment: a summary table, the manual steps as a checklist, warnings,
 * property changes, then one collapsed section per application with its changes and its
 * expected-claims diff. The comment stays under {@link #LIMIT} characters (GitHub refuses comments
 * over 65,536): when it would not, the longest sections are left out and a note says which and how
 * to see everything. Sensitive values are masked.
 */
public final class PlanMarkdownRenderer {
  /** The most characters a rendered comment has. */
  public static final int LIMIT = 60_000;

  /** Room kept for the note that says what was cut: it names at most ten short names. */
  private static final int NOTE_ROOM = 1_500;

  /** Names listed in one line before the rest are only counted. */
  private static final int MAX_NAMES = 10;

  /** Lines of a list (warnings, names) shown before the rest are only counted. */
  private static final int MAX_ITEMS = 50;

  private final Plan plan;
  private final int limit;

  private PlanMarkdownRenderer(Plan plan, int limit) {
    this.plan = plan;
    this.limit = limit;
  }

  /** The plan as markdown, at most {@link #LIMIT} characters. */
  public static String render(Plan plan) {
    return render(plan, LIMIT);
  }

  /** The plan as markdown, at most {@code limit} characters (for tests of the cut). */
  static String render(Plan plan, int limit) {
    return new PlanMarkdownRenderer(plan, limit).write();
  }

  /** A part of the comment; the optional ones are left out, longest first, to fit the limit. */
  private record Section(String text, boolean optional, String what) {}

  private String write() {
    List<Section> sections = new ArrayList<>();
    sections.add(new Section(header(), false, null));
    if (plan.hasChanges()) {
      sections.add(new Section(summaryTable(), false, null));
    }
    sections.add(new Section(manualSteps(), false, null));
    String warnings = warnings();
    sections.add(new Section(warnings, true, "the warnings"));
    sections.add(new Section(properties(), true, "the category and property changes"));
    List<ClaimDiff> diffs = ClaimDiff.of(plan);
    SortedMap<String, List<Change>> byApplication = changesByApplication();
    List<String> quiet = new ArrayList<>();
    List<Section> applications = new ArrayList<>();
    for (ClaimDiff diff : diffs) {
      List<Change> changes = byApplication.getOrDefault(diff.application(), List.of());
      boolean claimsShown =
          diff.status() == ClaimDiff.Status.CHANGED
              || (diff.status() == ClaimDiff.Status.NOT_OBSERVED && diff.touched());
      if (changes.isEmpty() && !claimsShown) {
        quiet.add(diff.application());
        continue;
      }
      applications.add(
          new Section(application(diff, changes), true, "application " + diff.application()));
    }
    if (!applications.isEmpty()) {
      sections.add(new Section("#### Applications\n\n", false, null));
      sections.addAll(applications);
    }
    sections.add(new Section(quietApplications(quiet) + unmanaged(), false, null));
    return fit(sections);
  }

  /** Leaves out the longest optional sections until the comment fits, and says what went. */
  private String fit(List<Section> sections) {
    int total = sections.stream().mapToInt(s -> s.text().length()).sum();
    if (total <= limit) {
      return sections.stream().map(Section::text).collect(Collectors.joining());
    }
    List<Integer> optional = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).optional()) {
        optional.add(i);
      }
    }
    // Longest first; among equals, the later one goes first.
    optional.sort(
        Comparator.comparingInt((Integer i) -> sections.get(i).text().length())
            .thenComparingInt(i -> i)
            .reversed());
    boolean[] cut = new boolean[sections.size()];
    List<Section> left = new ArrayList<>();
    for (int index : optional) {
      if (total + NOTE_ROOM <= limit) {
        break;
      }
      cut[index] = true;
      left.add(sections.get(index));
      total -= sections.get(index).text().length();
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < sections.size(); i++) {
      if (!cut[i]) {
        out.append(sections.get(i).text());
      }
      if (i == 0) {
        out.append(note(left));
      }
    }
    return out.toString();
  }

  private static String note(List<Section> cut) {
    if (cut.isEmpty()) {
      return "";
    }
    List<String> applications = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (Section section : cut) {
      if (section.what().startsWith("application ")) {
        String name = section.what().substring("application ".length());
        applications.add(html(name.length() > 40 ? name.substring(0, 39) + "…" : name));
      } else {
        others.add(section.what());
      }
    }
    applications.sort(null);
    List<String> parts = new ArrayList<>(others);
    if (!applications.isEmpty()) {
      parts.add(
          "the details of "
              + Display.count(applications.size(), "application", "applications")
              + " ("
              + Display.names(applications, 10)
              + ")");
    }
    return "> [!NOTE]\n> This comment was shortened to stay under "
        + String.format("%,d", LIMIT)
        + " characters; it leaves out "
        + String.join(", ", parts)
        + ". Run `kinde-props plan` (text) or `kinde-props plan --format json` to see everything.\n\n";
  }

  private String header() {
    return "### kinde-props plan\n\n**"
        + PlanTextRenderer.summaryLine(plan)
        + "** Target: "
        + code(plan.target())
        + "\n\n";
  }

  private String summaryTable() {
    Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      counts.put(kind, new int[Action.values().length + 1]);
    }
    for (Change change : plan.changes()) {
      int[] row = counts.get(change.kind());
      row[change.action().ordinal()]++;
      if (change.manual()) {
        row[Action.values().length]++;
      }
    }
    StringBuilder table =
        new StringBuilder(
            "| | + create | ~ update | -/+ replace | - delete | ! manual |\n"
                + "|:--|--:|--:|--:|--:|--:|\n");
    String[] labels = {"categories", "properties", "values", "claim toggles"};
    for (Kind kind : Kind.values()) {
      int[] row = counts.get(kind);
      if (Arrays.stream(row).allMatch(n -> n == 0)) {
        continue;
      }
      table.append("| ").append(labels[kind.ordinal()]);
      for (int n : row) {
        table.append(" | ").append(n);
      }
      table.append(" |\n");
    }
    return table.append("\n").toString();
  }

  private String manualSteps() {
    SortedMap<String, List<Change>> toggles = new TreeMap<>();
    plan.changes().stream()
        .filter(Change::manual)
        .forEach(c -> toggles.computeIfAbsent(c.applicationName(), k -> new ArrayList<>()).add(c));
    if (toggles.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder(
            "#### Manual steps\n\nKinde's Management API cannot toggle token claims. In the Kinde"
                + " dashboard, open "
                + code(Dashboard.claimTogglePath("<application>"))
                + ", toggle, and save:\n\n");
    List<String> items = new ArrayList<>();
    toggles.forEach(
        (name, changes) -> {
          List<String> on = new ArrayList<>();
          List<String> off = new ArrayList<>();
          changes.forEach(c -> (c.action() == Action.CREATE ? on : off).add(code(c.key())));
          StringBuilder item =
              new StringBuilder("- [ ] **" + html(name) + "** (")
                  .append(code(changes.get(0).applicationId()))
                  .append("):");
          if (!on.isEmpty()) {
            item.append(" turn on ").append(String.join(", ", on));
          }
          if (!off.isEmpty()) {
            item.append(on.isEmpty() ? "" : ";")
                .append(" turn off ")
                .append(String.join(", ", off));
          }
          items.add(item.toString());
        });
    appendCapped(out, items);
    return out.append("\n").toString();
  }

  private String warnings() {
    if (plan.warnings().isEmpty()) {
      return "";
    }
    List<String> items = new ArrayList<>();
    for (Warning warning : plan.warnings()) {
      String where = warning.address() == null ? "" : code(warning.address()) + ": ";
      items.add("> - " + where + warning.message());
    }
    StringBuilder out = new StringBuilder("> [!WARNING]\n");
    if (items.size() > MAX_ITEMS) {
      items.subList(MAX_ITEMS, items.size()).clear();
      items.add(
          "> - and "
              + (plan.warnings().size() - MAX_ITEMS)
              + " more warnings (`kinde-props plan` lists them all)");
    }
    items.forEach(item -> out.append(item).append('\n'));
    return out.append("\n").toString();
  }

  private String properties() {
    List<Change> changes =
        plan.changes().stream()
            .filter(c -> c.kind() == Kind.CATEGORY || c.kind() == Kind.PROPERTY)
            .sorted(
                Comparator.comparing((Change c) -> c.kind())
                    .thenComparing(c -> Objects.toString(c.key(), c.address())))
            .toList();
    if (changes.isEmpty()) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    for (Change change : changes) {
      if (change.kind() == Kind.CATEGORY) {
        lines.add("+ category " + Display.quote((String) ((Map<?, ?>) change.after()).get("name")));
        continue;
      }
      Map<?, ?> before = (Map<?, ?>) change.before();
      Map<?, ?> after = (Map<?, ?>) change.after();
      String head = change.action().symbol() + " property " + Display.quote(change.key());
      switch (change.action()) {
        case CREATE -> lines.add(head + ": " + describe(after));
        case DELETE -> lines.add(head + ": " + describe(before) + " (apply needs --allow-delete)");
        case UPDATE, REPLACE -> {
          List<String> fields = new ArrayList<>();
          for (String[] changed : Display.changedFields(before, after)) {
            fields.add(changed[0] + " " + changed[1] + " -> " + changed[2]);
          }
          String replaced =
              change.action() == Action.REPLACE ? " (replaced; apply needs --allow-delete)" : "";
          lines.add(head + ": " + String.join(", ", fields) + replaced);
        }
      }
    }
    return "#### Categories and properties\n\n" + diffBlock(lines) + "\n";
  }

  private static String describe(Map<?, ?> fields) {
    List<String> parts = new ArrayList<>();
    for (String field : Display.PROPERTY_FIELDS) {
      if (fields.containsKey(field)) {
        parts.add(field + " " + Display.field(fields.get(field)));
      }
    }
    return String.join(", ", parts);
  }

  private SortedMap<String, List<Change>> changesByApplication() {
    SortedMap<String, List<Change>> byApplication = new TreeMap<>();
    for (Change change : plan.changes()) {
      if (change.kind() == Kind.VALUE || change.kind() == Kind.CLAIM) {
        byApplication.computeIfAbsent(change.applicationName(), k -> new ArrayList<>()).add(change);
      }
    }
    return byApplication;
  }

  private String application(ClaimDiff diff, List<Change> changes) {
    List<String> counts = new ArrayList<>();
    long values = changes.stream().filter(c -> c.kind() == Kind.VALUE).count();
    long toggles = changes.stream().filter(c -> c.kind() == Kind.CLAIM).count();
    if (values > 0) {
      counts.add(Display.count(values, "value change", "value changes"));
    }
    if (toggles > 0) {
      counts.add(Display.count(toggles, "claim toggle", "claim toggles"));
    }
    if (diff.status() == ClaimDiff.Status.CHANGED) {
      counts.add("token claims change");
    }
    StringBuilder out =
        new StringBuilder("<details><summary><b>")
            .append(html(diff.application()))
            .append("</b> (<code>")
            .append(html(diff.applicationId()))
            .append("</code>): ")
            .append(counts.isEmpty() ? "expected token claims" : String.join(", ", counts))
            .append("</summary>\n\n");
    if (!changes.isEmpty()) {
      List<Change> ordered = Display.valuesThenClaims(changes);
      int width = Display.valueLabelWidth(ordered);
      List<String> lines = new ArrayList<>();
      for (Change change : ordered) {
        lines.add(changeLine(change, width));
      }
      out.append(diffBlock(lines)).append("\n");
    }
    if (diff.status() == ClaimDiff.Status.CHANGED || diff.touched()) {
      out.append(
          diff.status() == ClaimDiff.Status.NOT_OBSERVED
              ? "Expected token claims (`application_properties`; the current ones are not"
                  + " observed):\n\n"
              : "Expected token claims (`application_properties`):\n\n");
      List<String> lines = new ArrayList<>();
      for (ClaimDiff.Line entry : diff.lines()) {
        switch (entry.marker()) {
          case '+' -> lines.add("+ " + claim(entry.key(), entry.after()));
          case '-' -> lines.add("- " + claim(entry.key(), entry.before()));
          case '~' -> {
            lines.add("- " + claim(entry.key(), entry.before()));
            lines.add("+ " + claim(entry.key(), entry.after()));
          }
          default -> lines.add("  " + claim(entry.key(), entry.after()));
        }
      }
      if (lines.isEmpty()) {
        lines.add("  (no claims)");
      }
      out.append(diffBlock(lines)).append("\n");
    }
    return out.append("</details>\n\n").toString();
  }

  private String changeLine(Change change, int width) {
    String symbol = change.manual() ? "!" : change.action().symbol();
    if (change.kind() == Kind.CLAIM) {
      String toggle = change.action() == Action.CREATE ? "turn on" : "turn off";
      return symbol
          + " claim."
          + change.key()
          + (change.manual() ? ": " + toggle + " (manual)" : "");
    }
    String label = "value." + change.key();
    label = label + " ".repeat(width - label.length());
    String text =
        switch (change.action()) {
          case CREATE -> value(change, change.after());
          case UPDATE, REPLACE ->
              value(change, change.before()) + " -> " + value(change, change.after());
          case DELETE -> value(change, change.before()) + " (unset)";
        };
    return symbol + " " + label + " = " + text;
  }

  private String value(Change change, Object value) {
    return Display.value(plan, change.key(), (String) value);
  }

  /** A claim entry as the token shows it: {@code "region": {"v": "eu"}}. */
  private String claim(String key, ClaimValue value) {
    String v = value.v() == null ? "{}" : "{\"v\": " + Display.value(plan, key, value.v()) + "}";
    return Display.quote(key) + ": " + v;
  }

  private String quietApplications(List<String> quiet) {
    if (quiet.isEmpty()) {
      return "";
    }
    return "No changes and unchanged token claims: "
        + Display.count(quiet.size(), "application", "applications")
        + " ("
        + html(Display.names(quiet, MAX_NAMES))
        + ").\n\n";
  }

  private String unmanaged() {
    List<String> properties = List.copyOf(plan.unmanaged().properties());
    int applications = plan.unmanaged().applications();
    if (properties.isEmpty() && applications == 0) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (!properties.isEmpty()) {
      List<String> shown =
          properties.stream().limit(MAX_ITEMS).map(PlanMarkdownRenderer::code).toList();
      String more =
          properties.size() > MAX_ITEMS ? " and " + (properties.size() - MAX_ITEMS) + " more" : "";
      parts.add(
          Display.count(properties.size(), "property", "properties")
              + " ("
              + String.join(", ", shown)
              + more
              + ")");
    }
    if (applications > 0) {
      parts.add(Display.count(applications, "M2M application", "M2M applications") + " not listed");
    }
    return "Not managed by these manifests (reported, never changed): "
        + String.join("; ", parts)
        + ".\n";
  }

  private static void appendCapped(StringBuilder out, List<String> items) {
    items.stream().limit(MAX_ITEMS).forEach(item -> out.append(item).append('\n'));
    if (items.size() > MAX_ITEMS) {
      out.append("- and ").append(items.size() - MAX_ITEMS).append(" more\n");
    }
  }

  /** A fenced diff block whose fence is longer than any run of backticks inside it. */
  private static String diffBlock(List<String> lines) {
    String body = String.join("\n", lines);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < body.length(); i++) {
      run = body.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    return fence + "diff\n" + body + "\n" + fence + "\n";
  }

  /** Inline code that survives any content, tables included. */
  private static String code(String text) {
    return "<code>" + html(text).replace("|", "&#124;") + "</code>";
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
