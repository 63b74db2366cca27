package dev.kindeprops.render;

import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ClaimCheck.Status;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The outcome of {@code verify} as every renderer reads it: each application's check, how many came
 * out each way, and what fixes a mismatch on the target the claims came from.
 *
 * @param target the target's name
 * @param sensitive keys of properties whose values are masked
 * @param fix what fixes a mismatch there
 */
public record VerifyView(
    String target, List<ClaimCheck> checks, SortedSet<String> sensitive, Fix fix) {

  /** What fixes a mismatch. */
  public enum Fix {
    /** Toggles are switched in the Kinde dashboard; values and privacy by {@code apply}. */
    DASHBOARD,
    /** The target stores toggles: {@code plan} shows the changes and {@code apply} makes them. */
    APPLY
  }

  public VerifyView {
    checks = List.copyOf(checks);
    sensitive = Collections.unmodifiableSortedSet(new TreeSet<>(sensitive));
  }

  public VerifyView(String target, List<ClaimCheck> checks, Set<String> sensitive, Fix fix) {
    this(target, checks, new TreeSet<>(sensitive), fix);
  }

  /** How many applications came out each way. */
  public record Counts(long ok, long mismatch, long error) {}

  public Counts counts() {
    return new Counts(count(Status.OK), count(Status.MISMATCH), count(Status.ERROR));
  }

  private long count(Status status) {
    return checks.stream().filter(check -> check.status() == status).count();
  }
}
