package dev.kindeprops.apply;

import java.util.List;

/** What became of every change of a plan, in plan order. */
public record ApplyReport(List<ChangeResult> results) {
  public ApplyReport {
    results = List.copyOf(results);
  }

  /** The results with this outcome, in plan order. */
  public List<ChangeResult> with(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }

  public int count(Outcome outcome) {
    return (int) results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** Whether every change kinde-props makes was made (manual ones are left to a person). */
  public boolean complete() {
    return count(Outcome.FAILED) == 0 && count(Outcome.NOT_STARTED) == 0;
  }
}
