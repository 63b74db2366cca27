package dev.kindeprops.plan;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Without a baseline, or where the baseline cannot tell, it is {@link Attribution#UNKNOWN}.
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
      if (change.kind() == Kind.PROPERTY && change.action() == Action.REPLACE) {
        replaced.put(change.key(), attribute(change, index));
      }
    }
    List<DriftedChange> drifted = new ArrayList<>();
    List<DriftedChange> ignored = new ArrayList<>();
    Set<IgnoreRule> used = new LinkedHashSet<>();
    for (Change change : plan.changes()) {
      Attribution moved = attribute(change, index);
      // A replace drops a property's values and toggles: their re-creation moved as the replace
      // did.
      if ((change.kind() == Kind.VALUE || change.kind() == Kind.CLAIM)
          && replaced.containsKey(change.key())) {
        moved = replaced.get(change.key());
      }
      IgnoreRule first = null;
      for (IgnoreRule rule : rules) {
        if (rule.matches(change.address())) {
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
    return switch (change.kind()) {
      case CATEGORY -> {
        String name = (String) ((Map<?, ?>) change.after()).get("name");
        yield presence(baseline.categoriesByName().containsKey(name), change);
      }
      case PROPERTY -> property(change, baseline);
      case VALUE -> {
        LiveApplication app = baseline.applications().get(change.applicationId());
        yield app == null
            ? Attribution.UNKNOWN
            : compare(app.values().get(change.key()), change.before(), change.after());
      }
      case CLAIM -> {
        LiveApplication app = baseline.applications().get(change.applicationId());
        // Manual toggles were observed on Kinde, whose snapshots cannot hold toggles.
        if (change.manual() || app == null || app.claims() == null) {
          yield Attribution.UNKNOWN;
        }
        Object toggled = app.claims().contains(change.key()) ? Boolean.TRUE : null;
        yield compare(toggled, change.before(), change.after());
      }
    };
  }

  private static Attribution property(Change change, LiveIndex baseline) {
    LiveProperty then = baseline.properties().get(change.key());
    if (change.before() == null || change.after() == null) {
      return presence(then != null, change);
    }
    if (then == null) {
      // Created live since the baseline, and declared since: both sides moved.
      return Attribution.BOTH;
    }
    Map<?, ?> before = (Map<?, ?>) change.before();
    Map<?, ?> after = (Map<?, ?>) change.after();
    Map<String, Object> known = baseline.fields(then);
    Map<String, Object> thenAtIssue = new LinkedHashMap<>();
    Map<String, Object> beforeAtIssue = new LinkedHashMap<>();
    Map<String, Object> afterAtIssue = new LinkedHashMap<>();
    for (Map.Entry<?, ?> field : before.entrySet()) {
      String name = field.getKey().toString();
      Object wanted = after.get(name);
      if (!Objects.equals(field.getValue(), wanted) && known.containsKey(name)) {
        thenAtIssue.put(name, known.get(name));
        beforeAtIssue.put(name, field.getValue());
        afterAtIssue.put(name, wanted);
      }
    }
    if (thenAtIssue.isEmpty()) {
      return Attribution.UNKNOWN;
    }
    return compare(thenAtIssue, beforeAtIssue, afterAtIssue);
  }

  /** For creates and deletes: whether the thing existed in the baseline decides. */
  private static Attribution presence(boolean inBaseline, Change change) {
    Object then = inBaseline ? Boolean.TRUE : null;
    Object before = change.before() == null ? null : Boolean.TRUE;
    Object after = change.after() == null ? null : Boolean.TRUE;
    return compare(then, before, after);
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
