package dev.kindeprops.render;

import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.PropertyDefinition;
import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.ApplicationChange;
import dev.kindeprops.plan.Attribution;
import dev.kindeprops.plan.CategoryChange;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.DriftReport;
import dev.kindeprops.plan.DriftedChange;
import dev.kindeprops.plan.IgnoreRule;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PropertyChange;
import dev.kindeprops.plan.ValueChange;
import dev.kindeprops.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A drift report as every renderer reads it, computed once: each change with its two sides in
 * words, which side moved, and where the manifests declare it; and the summary line.
 *
 * @param drifted the changes that count, in plan order
 * @param ignored the changes an ignore rule accepts, in plan order
 */
public record DriftView(DriftReport report, List<Row> drifted, List<Row> ignored) {

  /**
   * One change of the report.
   *
   * @param live the live side in words: {@code "us"}, {@code absent}, {@code is_private true}
   * @param manifests the manifests' side in words; {@code removed} for a property delete
   * @param location where the manifests declare what it is about, or null where they do not say
   */
  public record Row(DriftedChange drifted, String live, String manifests, SourceLocation location) {
    public Change change() {
      return drifted.change();
    }

    /** Terraform's symbol for the change, {@code !} for a manual one. */
    public String symbol() {
      return change().manual() ? "!" : change().action().symbol();
    }

    /** {@code live "us"; manifests "eu"}, and whether it is a replace or manual. */
    public String description() {
      return "live "
          + live
          + "; manifests "
          + manifests
          + (change().action() == Action.REPLACE ? " (replace)" : "")
          + (change().manual() ? " (manual)" : "");
    }
  }

  public DriftView {
    Objects.requireNonNull(report, "report");
    drifted = List.copyOf(drifted);
    ignored = List.copyOf(ignored);
  }

  /**
   * @param desired the manifests the report was made from, for locations
   */
  public static DriftView of(DriftReport report, DesiredState desired) {
    Plan plan = report.plan();
    return new DriftView(
        report,
        report.drifted().stream().map(d -> row(plan, desired, d)).toList(),
        report.ignored().stream().map(d -> row(plan, desired, d)).toList());
  }

  public Plan plan() {
    return report.plan();
  }

  public boolean hasBaseline() {
    return report.baseline() != null;
  }

  /** {@code " (moved: live)"}, or nothing without a baseline, where every change is unknown. */
  public String moved(Row row) {
    return hasBaseline() ? " (moved: " + row.drifted().moved().wireName() + ")" : "";
  }

  /** The line that ends a report, such as {@code Drift: 3 changes (2 live, 1 manifests).} */
  public String summaryLine() {
    String ignoredCount =
        ignored.isEmpty()
            ? ""
            : Words.count(ignored.size(), "change", "changes") + " ignored as known drift";
    if (!report.hasDrift()) {
      return "No drift. The live state matches the manifests"
          + (ignoredCount.isEmpty() ? "" : " (" + ignoredCount + ")")
          + ".";
    }
    StringBuilder line =
        new StringBuilder("Drift: ").append(Words.count(drifted.size(), "change", "changes"));
    if (hasBaseline()) {
      Map<Attribution, Integer> counts = report.countsByAttribution();
      List<String> parts = new ArrayList<>();
      for (Attribution side : Attribution.values()) {
        if (counts.get(side) > 0) {
          parts.add(counts.get(side) + " " + side.wireName());
        }
      }
      line.append(" (moved: ").append(String.join(", ", parts)).append(")");
    }
    if (!ignoredCount.isEmpty()) {
      line.append("; ").append(ignoredCount);
    }
    return line.append(".").toString();
  }

  /** What a stale ignore pattern's warning says. */
  static String staleMessage(IgnoreRule rule) {
    return "ignore pattern "
        + Display.quote(rule.pattern())
        + " matches no change: remove it if the drift it accepted is gone";
  }

  private static Row row(Plan plan, DesiredState desired, DriftedChange drifted) {
    Change change = drifted.change();
    boolean removed = change instanceof PropertyChange && change.action() == Action.DELETE;
    return new Row(
        drifted,
        side(plan, change, true),
        removed ? "removed" : side(plan, change, false),
        location(change, desired));
  }

  /** One side of a change in words. */
  private static String side(Plan plan, Change change, boolean live) {
    boolean mine = live ? change.hasBefore() : change.hasAfter();
    boolean other = live ? change.hasAfter() : change.hasBefore();
    if (change instanceof CategoryChange) {
      return mine ? "used" : "absent";
    }
    if (change instanceof PropertyChange property) {
      if (!mine) {
        return "absent";
      }
      if (!other) {
        return live ? "present" : "declared";
      }
      List<String> parts = new ArrayList<>();
      for (Display.FieldChange changed :
          Display.changedFields(property.before(), property.after())) {
        parts.add(changed.field() + " " + (live ? changed.before() : changed.after()));
      }
      return String.join(", ", parts);
    }
    if (change instanceof ValueChange value) {
      String text = live ? value.before() : value.after();
      return text == null ? "(none)" : Display.value(plan.sensitiveProperties(), value.key(), text);
    }
    return mine ? "on" : "off";
  }

  /**
   * Where the manifests declare what a change is about, or null where they do not say: for a value
   * or claim, the line that gives it (in the application or its profile), else the application.
   */
  private static SourceLocation location(Change change, DesiredState desired) {
    if (change instanceof CategoryChange category) {
      return desired.properties().values().stream()
          .filter(p -> p.category().equals(category.name()))
          .map(PropertyDefinition::location)
          .filter(Objects::nonNull)
          .findFirst()
          .orElse(null);
    }
    if (change instanceof PropertyChange property) {
      PropertyDefinition declared = desired.properties().get(property.key());
      return declared == null ? null : declared.location();
    }
    ApplicationChange toApplication = (ApplicationChange) change;
    Application app = desired.applications().get(toApplication.application());
    if (app == null) {
      return null;
    }
    SourceLocation own =
        change instanceof ValueChange
            ? app.valueLocations().get(toApplication.key())
            : app.claimLocations().get(toApplication.key());
    return own != null ? own : app.location();
  }
}
