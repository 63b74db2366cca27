package dev.kindeprops.render;

import dev.kindeprops.live.Dashboard;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.ApplicationChange;
import dev.kindeprops.plan.CategoryChange;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimChange;
import dev.kindeprops.plan.ManualStep;
import dev.kindeprops.plan.PropertyChange;
import dev.kindeprops.plan.ValueChange;
import dev.kindeprops.plan.Warning;
import dev.kindeprops.render.Style.Colour;
import dev.kindeprops.text.Words;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A plan for people at a terminal or in a CI log, in Terraform's style: the actions, one block per
 * category, property and application, with {@code +} create, {@code ~} update, {@code -/+} replace,
 * {@code -} delete and {@code !} manual; then the manual steps, the expected token claims, what is
 * left unmanaged, the warnings, and a one-line summary. Sensitive values are masked.
 */
public final class PlanTextRenderer extends TextRenderer<PlanView> {
  /** Names listed in one line before the rest are only counted. */
  private static final int MAX_NAMES = 10;

  /** ANSI colours only when {@code color} is set. */
  public PlanTextRenderer(boolean color) {
    super(color);
  }

  @Override
  public String render(PlanView view) {
    return new Writer(view).write();
  }

  /** Only the changes, block by block, as a plan shows them. */
  public String renderChanges(PlanView view) {
    Writer writer = new Writer(view);
    writer.changes();
    return writer.out.toString();
  }

  /** One rendering: the view and the text so far. */
  private final class Writer {
    private final PlanView view;
    private final StringBuilder out = new StringBuilder();

    Writer(PlanView view) {
      this.view = view;
    }

    String write() {
      if (view.plan().environment() != null) {
        line("Environment: " + view.plan().environment());
      }
      line("Target: " + view.plan().target());
      line("");
      if (view.plan().hasChanges()) {
        legend();
        line("kinde-props will perform the following actions:");
        line("");
        changes();
        manualSteps();
      }
      claims();
      unmanaged();
      warnings();
      line(view.summaryLine());
      return out.toString();
    }

    private void changes() {
      view.categories().forEach(this::category);
      view.properties().forEach(this::property);
      view.applications().forEach(this::application);
    }

    private void legend() {
      List<Change> changes = view.plan().changes();
      Set<String> used = new LinkedHashSet<>();
      for (Action action : Action.values()) {
        if (changes.stream().anyMatch(c -> c.action() == action && !c.manual())) {
          used.add(action.symbol());
        }
      }
      if (changes.stream().anyMatch(Change::manual)) {
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

    private void category(CategoryChange change) {
      line("  " + style.paint(Colour.DIM, "# " + change.address() + " will be created"));
      line(symbol(change) + " category " + Display.quote(change.name()));
      line("");
    }

    private void property(PropertyChange change) {
      String what =
          switch (change.action()) {
            case CREATE -> "will be created";
            case UPDATE -> "will be updated in place";
            case REPLACE -> "must be replaced: deleted, then created again";
            case DELETE -> "will be deleted";
          };
      String allow = view.needsAllowDelete(change) ? " (apply needs --allow-delete)" : "";
      line("  " + style.paint(Colour.DIM, "# " + change.address() + " " + what + allow));
      line(symbol(change) + " property " + Display.quote(change.key()) + " {");
      List<String[]> rows = new ArrayList<>();
      switch (change.action()) {
        case CREATE -> fieldRows("+", change.after(), rows);
        case DELETE -> fieldRows("-", change.before(), rows);
        case UPDATE, REPLACE -> {
          for (Display.FieldChange changed :
              Display.changedFields(change.before(), change.after())) {
            String forces =
                change.action() == Action.REPLACE && changed.field().equals("type")
                    ? " " + style.paint(Colour.RED, "# forces replacement")
                    : "";
            rows.add(
                new String[] {
                  "~", changed.field(), changed.before() + " -> " + changed.after() + forces
                });
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

    /** A row per field the target shows. */
    private void fieldRows(String symbol, PropertyFields fields, List<String[]> rows) {
      for (PropertyFields.Field field : PropertyFields.Field.values()) {
        Object value = field.of(fields);
        if (value != null) {
          rows.add(new String[] {symbol, field.wireName(), Display.field(value)});
        }
      }
    }

    private void application(String name, List<ApplicationChange> changes) {
      String id = changes.get(0).applicationId();
      line(
          "  "
              + style.paint(
                  Colour.DIM, "# application." + name + " (" + id + ") will be updated in place"));
      line(symbol("~") + " application " + Display.quote(name) + " {");
      int width = valueLabelWidth(changes);
      for (ApplicationChange change : changes) {
        if (change instanceof ValueChange value) {
          String label = pad("value." + value.key(), width);
          String text = view.valueText(value, style.paint(Colour.DIM, " # unset"));
          line("    " + symbol(change) + " " + label + " = " + text);
        } else {
          line(
              "    "
                  + symbol(change)
                  + " claim."
                  + change.key()
                  + claimToggle((ClaimChange) change));
        }
      }
      line("    }");
      line("");
    }

    private void manualSteps() {
      if (view.manualSteps().isEmpty()) {
        return;
      }
      line(
          style.paint(Colour.BOLD, "Manual steps")
              + " (Kinde's Management API cannot toggle token claims):");
      line("  In the Kinde dashboard, open " + Dashboard.claimTogglePath("<application>") + ",");
      line("  toggle, and save:");
      for (ManualStep step : view.manualSteps()) {
        line(
            "  "
                + style.paint(Colour.CYAN, "!")
                + " "
                + step.application()
                + " (client id "
                + step.applicationId()
                + "):"
                + toggles(step, k -> k));
      }
      if (ManualStep.anyStateUnknown(view.manualSteps())) {
        line("  " + STATE_UNKNOWN_NOTE);
      }
      line("");
    }

    private void claims() {
      if (view.claims().isEmpty()) {
        return;
      }
      line(
          style.paint(Colour.BOLD, "Expected M2M token claims")
              + " (application_properties) once applied:");
      line("");
      List<String> unchanged = new ArrayList<>();
      List<String> untouched = new ArrayList<>();
      for (ClaimDiff diff : view.claims()) {
        switch (diff.status()) {
          case UNCHANGED -> unchanged.add(diff.application());
          case CHANGED -> claimBlock(diff, "");
          case NOT_OBSERVED -> {
            if (diff.touched()) {
              claimBlock(diff, " " + style.paint(Colour.DIM, "# current claims not observed"));
            } else {
              untouched.add(diff.application());
            }
          }
        }
      }
      if (!unchanged.isEmpty()) {
        line("  Unchanged: " + Words.names(unchanged, MAX_NAMES) + ".");
      }
      if (!untouched.isEmpty()) {
        line(
            "  Not observed, and this plan changes nothing they carry: "
                + Words.names(untouched, MAX_NAMES)
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
      Set<String> sensitive = view.plan().sensitiveProperties();
      int width = diff.lines().stream().mapToInt(l -> l.key().length()).max().orElse(0);
      for (ClaimDiff.Line entry : diff.lines()) {
        String key = pad(entry.key(), width);
        String text =
            switch (entry.marker()) {
              case '-' -> Display.claim(sensitive, entry.key(), entry.before());
              case '~' ->
                  Display.claim(sensitive, entry.key(), entry.before())
                      + " -> "
                      + Display.claim(sensitive, entry.key(), entry.after());
              default -> Display.claim(sensitive, entry.key(), entry.after());
            };
        String marker =
            switch (entry.marker()) {
              case '+' -> style.paint(Colour.GREEN, "+");
              case '-' -> style.paint(Colour.RED, "-");
              case '~' -> style.paint(Colour.YELLOW, "~");
              default -> " ";
            };
        line("    " + marker + " " + key + " = " + text);
      }
      line("");
    }

    private void unmanaged() {
      List<String> properties = List.copyOf(view.plan().unmanaged().properties());
      int applications = view.plan().unmanaged().applications();
      if (properties.isEmpty() && applications == 0) {
        return;
      }
      line(
          style.paint(Colour.BOLD, "Not managed")
              + " by these manifests (reported, never changed):");
      if (!properties.isEmpty()) {
        line(
            "  "
                + Words.count(properties.size(), "property", "properties")
                + ": "
                + Words.names(properties, MAX_NAMES));
      }
      if (applications > 0) {
        line(
            "  "
                + Words.count(applications, "M2M application", "M2M applications")
                + " not listed");
      }
      line("");
    }

    private void warnings() {
      for (Warning warning : view.plan().warnings()) {
        String where = warning.address() == null ? "" : warning.address() + ": ";
        line(
            style.paint(Colour.YELLOW, style.paint(Colour.BOLD, "Warning:"))
                + " "
                + where
                + warning.message());
      }
      if (!view.plan().warnings().isEmpty()) {
        line("");
      }
    }

    private String symbol(Change change) {
      return symbol(change.manual() ? "!" : change.action().symbol());
    }

    /** The symbol right-aligned in three columns, as Terraform lines them up. */
    private String symbol(String symbol) {
      String padded = " ".repeat(3 - symbol.length()) + symbol;
      return switch (symbol) {
        case "+" -> style.paint(Colour.GREEN, padded);
        case "~" -> style.paint(Colour.YELLOW, padded);
        case "-" -> style.paint(Colour.RED, padded);
        case "-/+" -> style.paint(Colour.RED, "-") + "/" + style.paint(Colour.GREEN, "+");
        default -> style.paint(Colour.CYAN, padded);
      };
    }

    private void line(String text) {
      out.append(text).append('\n');
    }
  }

  /** {@code turn on a, b; turn off c}: one application's toggles in words. */
  /**
   * What to toggle for one step, such as {@code turn on region, tier (state unknown); turn off x}.
   *
   * @param key how to show a property key
   */
  static String toggles(ManualStep step, UnaryOperator<String> key) {
    List<String> on = new ArrayList<>();
    for (String k : step.turnOn()) {
      on.add(key.apply(k) + (step.stateUnknown().contains(k) ? " " + STATE_UNKNOWN : ""));
    }
    List<String> off = step.turnOff().stream().map(key).toList();
    StringBuilder out = new StringBuilder();
    if (!on.isEmpty()) {
      out.append(" turn on ").append(String.join(", ", on));
    }
    if (!off.isEmpty()) {
      out.append(on.isEmpty() ? "" : ";").append(" turn off ").append(String.join(", ", off));
    }
    return out.toString();
  }

  /** A claim change's label after its address, such as {@code : turn on (manual)}. */
  static String claimToggle(ClaimChange claim) {
    if (!claim.manual()) {
      return "";
    }
    return (claim.on() ? ": turn on" : ": turn off")
        + (claim.stateUnknown() ? " (manual; " + STATE_UNKNOWN.substring(1) : " (manual)");
  }

  /** Marks a toggle the token cannot show now. */
  static final String STATE_UNKNOWN = "(state unknown)";

  /** Says what {@link #STATE_UNKNOWN} means, where a list of steps holds one. */
  static final String STATE_UNKNOWN_NOTE =
      "(state unknown): the property is private on Kinde now and a token never carries a private"
          + " property, so the toggle may be on already; once the plan makes it public, apply's"
          + " closing check confirms it.";

  /** The width of the longest {@code value.<key>} label, to align the values. */
  static int valueLabelWidth(List<ApplicationChange> changes) {
    return changes.stream()
        .filter(c -> c instanceof ValueChange)
        .mapToInt(c -> ("value." + c.key()).length())
        .max()
        .orElse(0);
  }

  static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
