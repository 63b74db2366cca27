package dev.kindeprops.render;

import dev.kindeprops.live.Dashboard;
import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.Kind;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.Summary;
import dev.kindeprops.plan.Warning;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A plan for people at a terminal or in a CI log, in Terraform's style: the actions, one block per
 * category, property and application, with {@code +} create, {@code ~} update, {@code -/+} replace,
 * {@code -} delete and {@code !} manual; then the manual steps, the expected token claims, what is
 * left unmanaged, the warnings, and a one-line summary. Sensitive values are masked.
 */
public final class PlanTextRenderer {
  /** Names listed in one line before the rest are only counted. */
  private static final int MAX_NAMES = 10;

  private final Plan plan;
  private final Style style;
  private final StringBuilder out = new StringBuilder();

  private PlanTextRenderer(Plan plan, boolean color) {
    this.plan = plan;
    this.style = new Style(color);
  }

  /** The plan as text; ANSI colours only when {@code color} is set. */
  public static String render(Plan plan, boolean color) {
    PlanTextRenderer renderer = new PlanTextRenderer(plan, color);
    renderer.write();
    return renderer.out.toString();
  }

  private void write() {
    line("Target: " + plan.target());
    line("");
    if (plan.hasChanges()) {
      legend();
      line("kinde-props will perform the following actions:");
      line("");
      changes();
      manualSteps();
    }
    claims();
    unmanaged();
    warnings();
    line(summaryLine(plan));
  }

  /** The last line of a plan, as Terraform ends one. */
  public static String summaryLine(Plan plan) {
    if (!plan.hasChanges()) {
      return "No changes. The live state matches the manifests.";
    }
    Summary summary = plan.summary();
    return "Plan: "
        + summary.create()
        + " to create, "
        + summary.update()
        + " to update, "
        + summary.replace()
        + " to replace, "
        + summary.delete()
        + " to delete"
        + (summary.manual() > 0 ? " (" + summary.manual() + " manual)" : "")
        + "."
        + (needsAllowDelete(plan) ? " Apply needs --allow-delete." : "");
  }

  /** Whether apply will refuse the plan without {@code --allow-delete}: any delete or replace. */
  private static boolean needsAllowDelete(Plan plan) {
    return plan.changes().stream().anyMatch(c -> !c.manual() && c.action().isDestructive());
  }

  private void legend() {
    Set<String> used = new LinkedHashSet<>();
    for (Action action : Action.values()) {
      if (plan.changes().stream().anyMatch(c -> c.action() == action && !c.manual())) {
        used.add(action.symbol());
      }
    }
    if (plan.changes().stream().anyMatch(Change::manual)) {
      used.add("!");
    }
    line("Actions are shown with these symbols:");
    for (String symbol : used) {
      String meaning =
          switch (symbol) {
            case "+" -> "create";
            case "~" -> "update in place";
            case "-/+" -> "delete, then create again (a type change)";
            case "-" -> "delete";
            default -> "manual step: a person makes it in the Kinde dashboard";
          };
      line(symbol(symbol) + " " + meaning);
    }
    line("");
  }

  private void changes() {
    SortedMap<String, List<Change>> properties = new TreeMap<>();
    SortedMap<String, List<Change>> applications = new TreeMap<>();
    for (Change change : plan.changes()) {
      switch (change.kind()) {
        case CATEGORY -> category(change);
        case PROPERTY ->
            properties.computeIfAbsent(change.key(), k -> new ArrayList<>()).add(change);
        case VALUE, CLAIM ->
            applications
                .computeIfAbsent(change.applicationName(), k -> new ArrayList<>())
                .add(change);
      }
    }
    properties.values().forEach(list -> list.forEach(this::property));
    applications.forEach(this::application);
  }

  private void category(Change change) {
    line("  " + style.dim("# " + change.address() + " will be created"));
    line(symbol(change) + " category " + Display.quote(name(change.after())));
    line("");
  }

  private void property(Change change) {
    String what =
        switch (change.action()) {
          case CREATE -> "will be created";
          case UPDATE -> "will be updated in place";
          case REPLACE -> "must be replaced: deleted, then created again";
          case DELETE -> "will be deleted";
        };
    String allow = change.action().isDestructive() ? " (apply needs --allow-delete)" : "";
    line("  " + style.dim("# " + change.address() + " " + what + allow));
    line(symbol(change) + " property " + Display.quote(change.key()) + " {");
    Map<?, ?> before = (Map<?, ?>) change.before();
    Map<?, ?> after = (Map<?, ?>) change.after();
    List<String[]> rows = new ArrayList<>();
    switch (change.action()) {
      case CREATE ->
          Display.PROPERTY_FIELDS.forEach(
              field -> rows.add(new String[] {"+", field, Display.field(after.get(field))}));
      case DELETE ->
          Display.PROPERTY_FIELDS.stream()
              .filter(before::containsKey)
              .forEach(
                  field -> rows.add(new String[] {"-", field, Display.field(before.get(field))}));
      case UPDATE, REPLACE -> {
        for (String[] changed : Display.changedFields(before, after)) {
          String forces =
              change.action() == Action.REPLACE && changed[0].equals("type")
                  ? " " + style.red("# forces replacement")
                  : "";
          rows.add(new String[] {"~", changed[0], changed[1] + " -> " + changed[2] + forces});
        }
      }
    }
    int width = rows.stream().mapToInt(row -> row[1].length()).max().orElse(0);
    for (String[] row : rows) {
      line("    " + symbol(row[0]) + " " + pad(row[1], width) + " = " + row[2]);
    }
    line("    }");
    line("");
  }

  private void application(String name, List<Change> changes) {
    String id = changes.get(0).applicationId();
    line("  " + style.dim("# application." + name + " (" + id + ") will be updated in place"));
    line(symbol("~") + " application " + Display.quote(name) + " {");
    List<Change> ordered = Display.valuesThenClaims(changes);
    int width = Display.valueLabelWidth(ordered);
    for (Change change : ordered) {
      if (change.kind() == Kind.VALUE) {
        String label = pad("value." + change.key(), width);
        String text =
            switch (change.action()) {
              case CREATE -> value(change, change.after());
              case UPDATE, REPLACE ->
                  value(change, change.before()) + " -> " + value(change, change.after());
              case DELETE -> value(change, change.before()) + style.dim(" # unset");
            };
        line("    " + symbol(change) + " " + label + " = " + text);
      } else if (change.manual()) {
        String toggle = change.action() == Action.CREATE ? "turn on" : "turn off";
        line("    " + symbol(change) + " claim." + change.key() + ": " + toggle + " (manual)");
      } else {
        line("    " + symbol(change) + " claim." + change.key());
      }
    }
    line("    }");
    line("");
  }

  private void manualSteps() {
    SortedMap<String, List<Change>> toggles = new TreeMap<>();
    plan.changes().stream()
        .filter(Change::manual)
        .forEach(c -> toggles.computeIfAbsent(c.applicationName(), k -> new ArrayList<>()).add(c));
    if (toggles.isEmpty()) {
      return;
    }
    line(style.bold("Manual steps") + " (Kinde's Management API cannot toggle token claims):");
    line("  In the Kinde dashboard, open " + Dashboard.claimTogglePath("<application>") + ",");
    line("  toggle, and save:");
    toggles.forEach(
        (name, changes) -> {
          List<String> on = new ArrayList<>();
          List<String> off = new ArrayList<>();
          changes.forEach(c -> (c.action() == Action.CREATE ? on : off).add(c.key()));
          StringBuilder step =
              new StringBuilder("  " + style.cyan("!") + " " + name)
                  .append(" (client id ")
                  .append(changes.get(0).applicationId())
                  .append("):");
          if (!on.isEmpty()) {
            step.append(" turn on ").append(String.join(", ", on));
          }
          if (!off.isEmpty()) {
            step.append(on.isEmpty() ? "" : ";")
                .append(" turn off ")
                .append(String.join(", ", off));
          }
          line(step.toString());
        });
    line("");
  }

  private void claims() {
    List<ClaimDiff> diffs = ClaimDiff.of(plan);
    if (diffs.isEmpty()) {
      return;
    }
    line(style.bold("Expected M2M token claims") + " (application_properties) once applied:");
    line("");
    List<String> unchanged = new ArrayList<>();
    List<String> untouched = new ArrayList<>();
    for (ClaimDiff diff : diffs) {
      switch (diff.status()) {
        case UNCHANGED -> unchanged.add(diff.application());
        case CHANGED -> claimBlock(diff, "");
        case NOT_OBSERVED -> {
          if (diff.touched()) {
            claimBlock(diff, " " + style.dim("# current claims not observed"));
          } else {
            untouched.add(diff.application());
          }
        }
      }
    }
    if (!unchanged.isEmpty()) {
      line("  Unchanged: " + Display.names(unchanged, MAX_NAMES) + ".");
    }
    if (!untouched.isEmpty()) {
      line(
          "  Not observed, and this plan changes nothing they carry: "
              + Display.names(untouched, MAX_NAMES)
              + ".");
    }
    if (!unchanged.isEmpty() || !untouched.isEmpty()) {
      line("  (`kinde-props claims` prints every application's expected claims.)");
      line("");
    }
  }

  private void claimBlock(ClaimDiff diff, String note) {
    line("  " + diff.application() + " (" + diff.applicationId() + ")" + note);
    if (diff.lines().isEmpty()) {
      line("      (no claims)");
    }
    int width = diff.lines().stream().mapToInt(l -> l.key().length()).max().orElse(0);
    for (ClaimDiff.Line entry : diff.lines()) {
      String key = pad(entry.key(), width);
      String text =
          switch (entry.marker()) {
            case '+' -> Display.claim(plan, entry.key(), entry.after());
            case '-' -> Display.claim(plan, entry.key(), entry.before());
            case '~' ->
                Display.claim(plan, entry.key(), entry.before())
                    + " -> "
                    + Display.claim(plan, entry.key(), entry.after());
            default -> Display.claim(plan, entry.key(), entry.after());
          };
      String marker =
          switch (entry.marker()) {
            case '+' -> style.green("+");
            case '-' -> style.red("-");
            case '~' -> style.yellow("~");
            default -> " ";
          };
      line("    " + marker + " " + key + " = " + text);
    }
    line("");
  }

  private void unmanaged() {
    List<String> properties = List.copyOf(plan.unmanaged().properties());
    int applications = plan.unmanaged().applications();
    if (properties.isEmpty() && applications == 0) {
      return;
    }
    line(style.bold("Not managed") + " by these manifests (reported, never changed):");
    if (!properties.isEmpty()) {
      line(
          "  "
              + Display.count(properties.size(), "property", "properties")
              + ": "
              + Display.names(properties, MAX_NAMES));
    }
    if (applications > 0) {
      line(
          "  "
              + Display.count(applications, "M2M application", "M2M applications")
              + " not listed");
    }
    line("");
  }

  private void warnings() {
    for (Warning warning : plan.warnings()) {
      String where = warning.address() == null ? "" : warning.address() + ": ";
      line(style.yellow(style.bold("Warning:")) + " " + where + warning.message());
    }
    if (!plan.warnings().isEmpty()) {
      line("");
    }
  }

  private String value(Change change, Object value) {
    return Display.value(plan, change.key(), (String) value);
  }

  private static String name(Object category) {
    return (String) ((Map<?, ?>) category).get("name");
  }

  private String symbol(Change change) {
    return symbol(change.manual() ? "!" : change.action().symbol());
  }

  /** The symbol right-aligned in three columns, as Terraform lines them up. */
  private String symbol(String symbol) {
    String padded = " ".repeat(3 - symbol.length()) + symbol;
    return switch (symbol) {
      case "+" -> style.green(padded);
      case "~" -> style.yellow(padded);
      case "-" -> style.red(padded);
      case "-/+" -> style.red("-") + "/" + style.green("+");
      default -> style.cyan(padded);
    };
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}
