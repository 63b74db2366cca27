package dev.kindeprops.apply;

import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection over a real target: the N-th write fails with a {@link TargetException} before it
 * reaches the target; every other write goes through and is recorded in the order it finished.
 */
class FailingTarget implements Target {
  private final Target target;
  private final int failingWrite;
  private final boolean canApplyClaims;
  private final AtomicInteger writes = new AtomicInteger();
  private final List<Operation> applied = new ArrayList<>();

  /**
   * @param failingWrite the 1-based number of the write that fails; 0 for none
   */
  FailingTarget(Target target, int failingWrite) {
    this(target, failingWrite, target.canApplyClaims());
  }

  FailingTarget(Target target, int failingWrite, boolean canApplyClaims) {
    this.target = target;
    this.failingWrite = failingWrite;
    this.canApplyClaims = canApplyClaims;
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
  public boolean canApplyClaims() {
    return canApplyClaims;
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
