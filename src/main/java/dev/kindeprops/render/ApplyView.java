package dev.kindeprops.render;

import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.apply.ChangeResult;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ManualStep;
import dev.kindeprops.plan.ValueChange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@code apply} did, as its renderers read it.
 *
 * @param target the name of the target the plan was carried out on
 * @param sensitive keys of properties whose values are masked should a target's message repeat one
 * @param manualSteps the toggles left for a person: as the closing check found them in the tokens
 *     where it ran, else as the plan expected them, in plan order
 * @param tokenCheck the closing check, one per application checked; null where it did not run
 */
public record ApplyView(
    String target,
    ApplyReport report,
    SortedSet<String> sensitive,
    List<ManualStep> manualSteps,
    List<ClaimCheck> tokenCheck) {
  public ApplyView {
    sensitive = Collections.unmodifiableSortedSet(new TreeSet<>(sensitive));
    manualSteps = List.copyOf(manualSteps);
    tokenCheck = tokenCheck == null ? null : List.copyOf(tokenCheck);
  }

  public static ApplyView of(
      String target, ApplyReport report, Set<String> sensitive, List<ClaimCheck> tokenCheck) {
    List<ManualStep> steps =
        tokenCheck == null
            ? ManualStep.of(report.results().stream().map(ChangeResult::change).toList())
            : stepsLeft(tokenCheck);
    return new ApplyView(target, report, new TreeSet<>(sensitive), steps, tokenCheck);
  }

  /** The toggles the tokens show not yet made: missing entries on, unexpected ones off. */
  private static List<ManualStep> stepsLeft(List<ClaimCheck> checks) {
    List<ManualStep> steps = new ArrayList<>();
    for (ClaimCheck check : checks) {
      if (!check.missing().isEmpty() || !check.unexpected().isEmpty()) {
        steps.add(
            new ManualStep(
                check.application(),
                check.applicationId(),
                List.copyOf(check.missing().keySet()),
                List.copyOf(check.unexpected().keySet()),
                List.of()));
      }
    }
    return steps;
  }

  /** Whether the manual steps are what the tokens showed just now, not what the plan expected. */
  public boolean checked() {
    return tokenCheck != null;
  }

  /** Checked applications whose token could not be checked, or carries another value. */
  public List<ClaimCheck> otherFindings() {
    if (tokenCheck == null) {
      return List.of();
    }
    return tokenCheck.stream()
        .filter(check -> check.problem() != null || !check.different().isEmpty())
        .toList();
  }

  /** Whether anything is left for a person: a toggle to make, or a token not as declared. */
  public boolean anythingLeft() {
    return !manualSteps.isEmpty() || !otherFindings().isEmpty();
  }

  /** Why a change failed, with its own values masked where its property is sensitive. */
  public String reason(ChangeResult failed) {
    String reason = failed.reason();
    if (failed.change() instanceof ValueChange value && sensitive.contains(value.key())) {
      for (String text : new String[] {value.before(), value.after()}) {
        if (text != null && !text.isEmpty()) {
          reason = reason.replace(text, Display.SENSITIVE);
        }
      }
    }
    return reason;
  }
}
