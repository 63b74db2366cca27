package dev.kindeprops.render;

import static dev.kindeprops.render.Markdown.code;
import static dev.kindeprops.render.Markdown.html;

import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.live.Dashboard;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.ApplicationChange;
import dev.kindeprops.plan.CategoryChange;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimChange;
import dev.kindeprops.plan.Kind;
import dev.kindeprops.plan.ManualStep;
import dev.kindeprops.plan.PropertyChange;
import dev.kindeprops.plan.ValueChange;
import dev.kindeprops.plan.Warning;
import dev.kindeprops.text.Words;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plan as a pull-request comment: a summary table, the manual steps as a checklist, warnings,
 * property changes, then one collapsed section per application with its changes and its
 * expected-claims diff. The comment stays under {@link #LIMIT} characters (GitHub refuses comments
 * over 65,536): when it would not, the longest sections are left out and a note says which and how
 * to see everything. Sensitive values are masked.
 */
public final class PlanMarkdownRenderer implements Renderer<PlanView> {
  /** The most characters a rendered comment has. */
  public static final int LIMIT = 60_000;

  /** Room kept for the note that says what was cut: it names at most ten short names. */
  private static final int NOTE_ROOM = 1_500;

  /** Names listed in one line before the rest are only counted. */
  private static final int MAX_NAMES = 10;

  /** Lines of a list (warnings, names) shown before the rest are only counted. */
  private static final int MAX_ITEMS = 50;

  private final int limit;

  public PlanMarkdownRenderer() {
    this(LIMIT);
  }

  /** A renderer whose comments have at most {@code limit} characters (for tests of the cut). */
  PlanMarkdownRenderer(int limit) {
    this.limit = limit;
  }

  /** A part of the comment; the optional ones are left out, longest first, to fit the limit. */
  private record Section(String text, boolean optional, String what) {}

  @Override
  public String render(PlanView view) {
    List<Section> sections = new ArrayList<>();
    sections.add(new Section(header(view), false, null));
    if (view.plan().hasChanges()) {
      sections.add(new Section(summaryTable(view), false, null));
    }
    sections.add(new Section(manualSteps(view), false, null));
    sections.add(new Section(warnings(view), true, "the warnings"));
    sections.add(new Section(properties(view), true, "the category and property changes"));
    List<String> quiet = new ArrayList<>();
    List<Section> applications = new ArrayList<>();
    for (ClaimDiff diff : view.claims()) {
      List<ApplicationChange> changes = view.changesOf(diff.application());
      boolean claimsShown =
          diff.status() == ClaimDiff.Status.CHANGED
              || (diff.status() == ClaimDiff.Status.NOT_OBSERVED && diff.touched());
      if (changes.isEmpty() && !claimsShown) {
        quiet.add(diff.application());
        continue;
      }
      applications.add(
          new Section(application(view, diff, changes), true, "application " + diff.application()));
    }
    if (!applications.isEmpty()) {
      sections.add(new Section("#### Applications\n\n", false, null));
      sections.addAll(applications);
    }
    sections.add(new Section(quietApplications(quiet) + unmanaged(view), false, null));
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
              + Words.count(applications.size(), "application", "applications")
              + " ("
              + Words.names(applications, 10)
              + ")");
    }
    return "> [!NOTE]\n> This comment was shortened to stay under "
        + String.format("%,d", LIMIT)
        + " characters; it leaves out "
        + String.join(", ", parts)
        + ". Run `kinde-props plan` (text) or `kinde-props plan --format json` to see everything.\n\n";
  }

  private static String header(PlanView view) {
    String environment = view.plan().environment();
    return "### kinde-props plan"
        + (environment == null ? "" : ": " + environment)
        + "\n\n**"
        + view.summaryLine()
        + "** Target: "
        + code(view.plan().target())
        + "\n\n";
  }

  private static String summaryTable(PlanView view) {
    Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      counts.put(kind, new int[Action.values().length + 1]);
    }
    for (Change change : view.plan().changes()) {
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

  /** One application's toggles to make, as a markdown checklist item. */
  static String checklistItem(ManualStep step) {
    return "- [ ] **"
        + html(step.application())
        + "** ("
        + code(step.applicationId())
        + "):"
        + PlanTextRenderer.toggles(step, Markdown::code);
  }

  private static String manualSteps(PlanView view) {
    if (view.manualSteps().isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder(
            "#### Manual steps\n\nKinde's Management API cannot toggle token claims. In the Kinde"
                + " dashboard, open "
                + code(Dashboard.claimTogglePath("<application>"))
                + ", toggle, and save:\n\n");
    List<String> items =
        view.manualSteps().stream().map(PlanMarkdownRenderer::checklistItem).toList();
    Markdown.appendCapped(out, items, MAX_ITEMS, "- and %d more");
    if (ManualStep.anyStateUnknown(view.manualSteps())) {
      out.append("\n").append(PlanTextRenderer.STATE_UNKNOWN_NOTE).append("\n");
    }
    return out.append("\n").toString();
  }

  private static String warnings(PlanView view) {
    List<Warning> warnings = view.plan().warnings();
    if (warnings.isEmpty()) {
      return "";
    }
    List<String> items = new ArrayList<>();
    for (Warning warning : warnings) {
      String where = warning.address() == null ? "" : code(warning.address().toString()) + ": ";
      items.add("> - " + where + warning.message());
    }
    StringBuilder out = new StringBuilder("> [!WARNING]\n");
    Markdown.appendCapped(
        out, items, MAX_ITEMS, "> - and %d more warnings (`kinde-props plan` lists them all)");
    return out.append("\n").toString();
  }

  private static String properties(PlanView view) {
    if (view.categories().isEmpty() && view.properties().isEmpty()) {
      return "";
    }
    List<String> lines = new ArrayList<>();
    for (CategoryChange category : view.categories()) {
      lines.add("+ category " + Display.quote(category.name()));
    }
    for (PropertyChange change : view.properties()) {
      String head = change.action().symbol() + " property " + Display.quote(change.key());
      switch (change.action()) {
        case CREATE -> lines.add(head + ": " + describe(change.after()));
        case DELETE ->
            lines.add(head + ": " + describe(change.before()) + " (apply needs --allow-delete)");
        case UPDATE, REPLACE -> {
          List<String> fields = new ArrayList<>();
          for (Display.FieldChange changed :
              Display.changedFields(change.before(), change.after())) {
            fields.add(changed.field() + " " + changed.before() + " -> " + changed.after());
          }
          String replaced =
              change.action() == Action.REPLACE ? " (replaced; apply needs --allow-delete)" : "";
          lines.add(head + ": " + String.join(", ", fields) + replaced);
        }
      }
    }
    return "#### Categories and properties\n\n" + Markdown.diffBlock(lines) + "\n";
  }

  private static String describe(PropertyFields fields) {
    List<String> parts = new ArrayList<>();
    for (PropertyFields.Field field : PropertyFields.Field.values()) {
      Object value = field.of(fields);
      if (value != null) {
        parts.add(field.wireName() + " " + Display.field(value));
      }
    }
    return String.join(", ", parts);
  }

  private static String application(
      PlanView view, ClaimDiff diff, List<ApplicationChange> changes) {
    List<String> counts = new ArrayList<>();
    long values = changes.stream().filter(c -> c instanceof ValueChange).count();
    long toggles = changes.size() - values;
    if (values > 0) {
      counts.add(Words.count(values, "value change", "value changes"));
    }
    if (toggles > 0) {
      counts.add(Words.count(toggles, "claim toggle", "claim toggles"));
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
      int width = PlanTextRenderer.valueLabelWidth(changes);
      List<String> lines = new ArrayList<>();
      for (ApplicationChange change : changes) {
        lines.add(changeLine(view, change, width));
      }
      out.append(Markdown.diffBlock(lines)).append("\n");
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
          case '+' -> lines.add("+ " + claim(view, entry.key(), entry.after()));
          case '-' -> lines.add("- " + claim(view, entry.key(), entry.before()));
          case '~' -> {
            lines.add("- " + claim(view, entry.key(), entry.before()));
            lines.add("+ " + claim(view, entry.key(), entry.after()));
          }
          default -> lines.add("  " + claim(view, entry.key(), entry.after()));
        }
      }
      if (lines.isEmpty()) {
        lines.add("  (no claims)");
      }
      out.append(Markdown.diffBlock(lines)).append("\n");
    }
    return out.append("</details>\n\n").toString();
  }

  private static String changeLine(PlanView view, ApplicationChange change, int width) {
    String symbol = change.manual() ? "!" : change.action().symbol();
    if (change instanceof ClaimChange claim) {
      return symbol + " claim." + claim.key() + PlanTextRenderer.claimToggle(claim);
    }
    ValueChange value = (ValueChange) change;
    String label = PlanTextRenderer.pad("value." + value.key(), width);
    String text = view.valueText(value, " (unset)");
    return symbol + " " + label + " = " + text;
  }

  /** A claim entry as the token shows it: {@code "region": {"v": "eu"}}. */
  private static String claim(PlanView view, String key, ClaimValue value) {
    String v = value.v() == null ? "{}" : "{\"v\": " + view.value(key, value.v()) + "}";
    return Display.quote(key) + ": " + v;
  }

  private static String quietApplications(List<String> quiet) {
    if (quiet.isEmpty()) {
      return "";
    }
    return "No changes and unchanged token claims: "
        + Words.count(quiet.size(), "application", "applications")
        + " ("
        + html(Words.names(quiet, MAX_NAMES))
        + ").\n\n";
  }

  private static String unmanaged(PlanView view) {
    List<String> properties = List.copyOf(view.plan().unmanaged().properties());
    int applications = view.plan().unmanaged().applications();
    if (properties.isEmpty() && applications == 0) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (!properties.isEmpty()) {
      List<String> shown = properties.stream().limit(MAX_ITEMS).map(Markdown::code).toList();
      String more =
          properties.size() > MAX_ITEMS ? " and " + (properties.size() - MAX_ITEMS) + " more" : "";
      parts.add(
          Words.count(properties.size(), "property", "properties")
              + " ("
              + String.join(", ", shown)
              + more
              + ")");
    }
    if (applications > 0) {
      parts.add(Words.count(applications, "M2M application", "M2M applications") + " not listed");
    }
    return "Not managed by these manifests (reported, never changed): "
        + String.join("; ", parts)
        + ".\n";
  }
}
