package dev.kindeprops.render;

import dev.kindeprops.plan.ApplicationChange;
import dev.kindeprops.plan.CategoryChange;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimChange;
import dev.kindeprops.plan.ManualStep;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PropertyChange;
import dev.kindeprops.plan.Summary;
import dev.kindeprops.plan.ValueChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A plan as every renderer reads it, computed once: its changes grouped as people read them, the
 * manual steps, each application's claims before and after, and the summary line.
 *
 * @param categories category creates, in plan order
 * @param properties property changes, by key
 * @param applications each application's value changes, then its toggles, each by key
 * @param manualSteps the toggles a person makes, by application name
 * @param claims each managed application's token claims before and after, by name
 * @param deletesAllowed whether the plan is shown by an apply given {@code --allow-delete}, so that
 *     nothing says apply needs it
 */
public record PlanView(
    Plan plan,
    List<CategoryChange> categories,
    List<PropertyChange> properties,
    SortedMap<String, List<ApplicationChange>> applications,
    List<ManualStep> manualSteps,
    List<ClaimDiff> claims,
    boolean deletesAllowed) {

  public PlanView {
    categories = List.copyOf(categories);
    properties = List.copyOf(properties);
    applications = Collections.unmodifiableSortedMap(new TreeMap<>(applications));
    manualSteps = List.copyOf(manualSteps);
    claims = List.copyOf(claims);
  }

  public static PlanView of(Plan plan) {
    return of(plan, false);
  }

  /**
   * @param deletesAllowed whether the plan is shown by an apply given {@code --allow-delete}
   */
  public static PlanView of(Plan plan, boolean deletesAllowed) {
    List<CategoryChange> categories = new ArrayList<>();
    List<PropertyChange> properties = new ArrayList<>();
    SortedMap<String, List<ApplicationChange>> applications = new TreeMap<>();
    for (Change change : plan.changes()) {
      if (change instanceof CategoryChange category) {
        categories.add(category);
      } else if (change instanceof PropertyChange property) {
        properties.add(property);
      } else if (change instanceof ApplicationChange toApplication) {
        applications
            .computeIfAbsent(toApplication.application(), name -> new ArrayList<>())
            .add(toApplication);
      }
    }
    properties.sort(Comparator.comparing(PropertyChange::key));
    applications
        .values()
        .forEach(
            changes ->
                changes.sort(
                    Comparator.comparing((ApplicationChange c) -> c instanceof ClaimChange)
                        .thenComparing(ApplicationChange::key)));
    List<ManualStep> steps = new ArrayList<>(ManualStep.of(plan.changes()));
    steps.sort(Comparator.comparing(ManualStep::application));
    return new PlanView(
        plan, categories, properties, applications, steps, ClaimDiff.of(plan), deletesAllowed);
  }

  /** The last line of a plan, as Terraform ends one. */
  public String summaryLine() {
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
        + (needsAllowDelete() ? " Apply needs --allow-delete." : "");
  }

  /**
   * Whether to say that apply will refuse the plan without {@code --allow-delete}: it has a delete
   * or replace, and the flag was not given.
   */
  public boolean needsAllowDelete() {
    return !deletesAllowed
        && plan.changes().stream().anyMatch(c -> !c.manual() && c.action().isDestructive());
  }

  /** Whether to say that apply needs {@code --allow-delete} for this change. */
  boolean needsAllowDelete(Change change) {
    return !deletesAllowed && !change.manual() && change.action().isDestructive();
  }

  /** A value of property {@code key} as output shows it: quoted, or masked when sensitive. */
  String value(String key, String value) {
    return Display.value(plan.sensitiveProperties(), key, value);
  }

  /** A value change's sides as output shows them: {@code "us" -> "eu"}, masked where sensitive. */
  String valueText(ValueChange change, String unsetNote) {
    return switch (change.action()) {
      case CREATE -> value(change.key(), change.after());
      case UPDATE, REPLACE ->
          value(change.key(), change.before()) + " -> " + value(change.key(), change.after());
      case DELETE -> value(change.key(), change.before()) + unsetNote;
    };
  }

  /** The application changes a plan makes to one application's token and values, in order. */
  List<ApplicationChange> changesOf(String application) {
    return applications.getOrDefault(application, List.of());
  }
}
