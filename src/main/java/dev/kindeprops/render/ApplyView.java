package dev.kindeprops.render;

import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.plan.ManualStep;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@code apply} did, as its renderers read it.
 *
 * @param sensitive keys of properties whose values are masked should a target's message repeat one
 * @param manualSteps the toggles left for a person, in plan order
 */
public record ApplyView(
    ApplyReport report, SortedSet<String> sensitive, List<ManualStep> manualSteps) {
  public ApplyView {
    sensitive = Collections.unmodifiableSortedSet(new TreeSet<>(sensitive));
    manualSteps = List.copyOf(manualSteps);
  }

  public static ApplyView of(ApplyReport report, Set<String> sensitive) {
    return new ApplyView(
        report,
        new TreeSet<>(sensitive),
        ManualStep.of(report.results().stream().map(r -> r.change()).toList()));
  }
}
