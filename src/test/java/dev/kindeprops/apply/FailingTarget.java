package dev.kindeprops.apply;

import dev.kindeprops.live.ClaimObservation;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection over a real target: the N-th write fails with a {@link TargetException} before it
 * reaches the target; every other write goes through and is recorded in the order it finished.
 */
class FailingTarget implements Target {
  private final Target target;
  private final int failingWrite;
  private final ClaimToggles toggles;
  private final AtomicInteger writes = new AtomicInteger();
  private final List<Operation> applied = new ArrayList<>();

  /**
   * @param failingWrite the 1-based number of the write that fails; 0 for none
   */
  FailingTarget(Target target, int failingWrite) {
    this(target, failingWrite, target.claimToggles());
  }

  /**
   * @param toggles what the target says of claim toggles, which may differ from the real one's
   */
  FailingTarget(Target target, int failingWrite, ClaimToggles toggles) {
    this.target = target;
    this.failingWrite = failingWrite;
    this.toggles = toggles;
  }

  @Override
  public String name() {
    return target.name();
  }

  @Override
  public LiveState read(Set<String> applicationIds) {
    return target.read(applicationIds);
  }

  @Override
  public LiveState readAllM2mApplications() {
    return target.readAllM2mApplications();
  }

  @Override
  public void apply(Operation operation) {
    int write = writes.incrementAndGet();
    if (write == failingWrite) {
      throw new TargetException("injected failure of write " + write);
    }
    target.apply(operation);
    synchronized (applied) {
      applied.add(operation);
    }
  }

  @Override
  public ClaimToggles claimToggles() {
    return toggles;
  }

  @Override
  public Map<String, ClaimObservation> observeClaims(
      Collection<String> applicationIds, Map<String, String> audiences) {
    return target.observeClaims(applicationIds, audiences);
  }

  /** How many writes were asked for, the failed one included. */
  int writes() {
    return writes.get();
  }

  /** The writes that went through, in the order they finished. */
  List<Operation> applied() {
    synchronized (applied) {
      return List.copyOf(applied);
    }
  }
}
