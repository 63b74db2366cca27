package dev.kindeprops.plan;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.model.PropertyFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a plan into a drift report: a pure function, no I/O.
 *
 * <p>Each change is attributed against a baseline, a snapshot of the live state taken when the
 * manifests and the live state last agreed (after an apply, with {@code export --state-out}). A
 * change's live side ({@code before}) and desired side ({@code after}) are each compared with what
 * the baseline holds at its address: where only the live side differs from the baseline, the live
 * state moved; where only the desired side does, the manifests moved; where both do, both moved.
 * Without a baseline, or where the baseline cannot tell (a sensitive value, which no snapshot
 * holds), it is {@link Attribution#UNKNOWN}.
 */
public final class Drift {
  private Drift() {}

  /**
   * Attributes and filters the plan's changes.
   *
   * @param baseline the baseline snapshot, or null for none
   * @param baselineName its name for reports, or null for none
   * @param rules ignore rules in file order; the first that matches a change accepts it
   */
  public static DriftReport report(
      Plan plan, LiveState baseline, String baselineName, List<IgnoreRule> rules) {
    Objects.requireNonNull(plan, "plan");
    LiveIndex index = baseline == null ? null : LiveIndex.of(baseline);
    Map<String, Attribution> replaced = new HashMap<>();
    for (Change change : plan.changes()) {
      if (change instanceof PropertyChange property && property.action() == Action.REPLACE) {
        replaced.put(property.key(), attribute(change, index));
      }
    }
    List<DriftedChange> drifted = new ArrayList<>();
    List<DriftedChange> ignored = new ArrayList<>();
    Set<IgnoreRule> used = new LinkedHashSet<>();
    for (Change change : plan.changes()) {
      // A snapshot leaves sensitive values out, so it cannot tell who moved one.
      boolean secret =
          change instanceof ValueChange value && plan.sensitiveProperties().contains(value.key());
      Attribution moved = secret ? Attribution.UNKNOWN : attribute(change, index);
      // A replace drops a property's values and toggles: their re-creation moved as the replace
      // did.
      if (change instanceof ApplicationChange toApplication
          && replaced.containsKey(toApplication.key())) {
        moved = replaced.get(toApplication.key());
      }
      IgnoreRule first = null;
      String address = change.address().toString();
      for (IgnoreRule rule : rules) {
        if (rule.matches(address)) {
          used.add(rule);
          if (first == null) {
            first = rule;
          }
        }
      }
      (first == null ? drifted : ignored).add(new DriftedChange(change, moved, first));
    }
    List<IgnoreRule> stale = rules.stream().filter(rule -> !used.contains(rule)).toList();
    return new DriftReport(plan, baselineName, drifted, ignored, stale);
  }

  /** Which side of one change moved since the baseline; {@code baseline} may be null. */
  static Attribution attribute(Change change, LiveIndex baseline) {
    if (baseline == null) {
      return Attribution.UNKNOWN;
    }
    if (change instanceof CategoryChange category) {
      return presence(baseline.categoriesByName().containsKey(category.name()), change);
    }
    if (change instanceof PropertyChange property) {
      return property(property, baseline);
    }
    ApplicationChange toApplication = (ApplicationChange) change;
    LiveApplication app = baseline.applications().get(toApplication.applicationId());
    if (change instanceof ValueChange value) {
      return app == null
          ? Attribution.UNKNOWN
          : compare(app.values().get(value.key()), value.before(), value.after());
    }
    // Manual toggles were observed on Kinde, whose snapshots cannot hold toggles.
    if (change.manual() || app == null || app.claims() == null) {
      return Attribution.UNKNOWN;
    }
    Object toggled = app.claims().contains(toApplication.key()) ? Boolean.TRUE : null;
    return compare(toggled, present(change.hasBefore()), present(change.hasAfter()));
  }

  private static Attribution property(PropertyChange change, LiveIndex baseline) {
    LiveProperty then = baseline.properties().get(change.key());
    if (change.before() == null || change.after() == null) {
      return presence(then != null, change);
    }
    if (then == null) {
      // Created live since the baseline, and declared since: both sides moved.
      return Attribution.BOTH;
    }
    PropertyFields known = baseline.fields(then);
    List<Object> thenAtIssue = new ArrayList<>();
    List<Object> beforeAtIssue = new ArrayList<>();
    List<Object> afterAtIssue = new ArrayList<>();
    for (PropertyFields.Field field : PropertyFields.Field.values()) {
      Object before = field.of(change.before());
      Object wanted = field.of(change.after());
      if (before != null && !before.equals(wanted) && field.of(known) != null) {
        thenAtIssue.add(field.of(known));
        beforeAtIssue.add(before);
        afterAtIssue.add(wanted);
      }
    }
    if (thenAtIssue.isEmpty()) {
      return Attribution.UNKNOWN;
    }
    return compare(thenAtIssue, beforeAtIssue, afterAtIssue);
  }

  /** For creates and deletes: whether the thing existed in the baseline decides. */
  private static Attribution presence(boolean inBaseline, Change change) {
    return compare(present(inBaseline), present(change.hasBefore()), present(change.hasAfter()));
  }

  private static Object present(boolean present) {
    return present ? Boolean.TRUE : null;
  }

  private static Attribution compare(Object then, Object before, Object after) {
    boolean liveMoved = !Objects.equals(then, before);
    boolean manifestsMoved = !Objects.equals(then, after);
    if (liveMoved && manifestsMoved) {
      return Attribution.BOTH;
    }
    if (liveMoved) {
      return Attribution.LIVE;
    }
    return manifestsMoved ? Attribution.MANIFESTS : Attribution.UNKNOWN;
  }
}
