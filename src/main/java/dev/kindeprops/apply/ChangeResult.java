package dev.kindeprops.apply;

import dev.kindeprops.plan.Change;
import java.util.Objects;

/**
 * One planned change and what became of it.
 *
 * @param reason why it failed (the target's one-line message); null unless {@link Outcome#FAILED}
 */
public record ChangeResult(Change change, Outcome outcome, String reason) {
  public ChangeResult {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(outcome, "outcome");
    if ((outcome == Outcome.FAILED) != (reason != null)) {
      throw new IllegalArgumentException("a reason is given exactly for a failed change");
    }
  }
}
