package dev.kindeprops.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a drift check: the plan it was made from, its changes split into drift and ignored
 * known drift, and the ignore rules that matched nothing (stale).
 *
 * @param baseline the name of the baseline the changes were attributed against, or null for none
 * @param drifted the changes that count, in plan order
 * @param ignored the changes an ignore rule accepts, in plan order
 * @param staleRules rules that matched no change, in file order
 */
public record DriftReport(
    Plan plan,
    String baseline,
    List<DriftedChange> drifted,
    List<DriftedChange> ignored,
    List<IgnoreRule> staleRules) {

  public DriftReport {
    Objects.requireNonNull(plan, "plan");
    drifted = List.copyOf(drifted);
    ignored = List.copyOf(ignored);
    staleRules = List.copyOf(staleRules);
  }

  /** Whether anything counts as drift: the exit code is then 2. */
  public boolean hasDrift() {
    return !drifted.isEmpty();
  }

  /** How many drifted changes moved on each side. */
  public Map<Attribution, Integer> countsByAttribution() {
    Map<Attribution, Integer> counts = new EnumMap<>(Attribution.class);
    for (Attribution side : Attribution.values()) {
      counts.put(side, 0);
    }
    drifted.forEach(d -> counts.merge(d.moved(), 1, Integer::sum));
    return counts;
  }
}
