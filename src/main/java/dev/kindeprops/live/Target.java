package dev.kindeprops.live;

import java.util.Set;

/** Where the live state lives: the local state file or a Kinde business. */
public interface Target extends AutoCloseable {

  /**
   * A short name for plans and messages, such as {@code file:state.json} or {@code
   * kinde:https://acme.kinde.com}.
   */
  String name();

  /**
   * Reads the live state: categories, application properties, and the applications with these ids
   * (with their values), counting the other M2M applications.
   *
   * @throws TargetException when the target cannot be read
   */
  LiveState read(Set<String> applicationIds);

  /**
   * Reads the live state as {@link #read} does, with every M2M application read in detail ({@code
   * export}).
   *
   * @throws TargetException when the target cannot be read
   */
  LiveState readAllM2mApplications();

  /**
   * Carries out one operation, durably, before returning. Safe to call from several threads.
   *
   * @throws TargetException when the operation failed; the target is unchanged by it or the message
   *     says otherwise
   */
  void apply(Operation operation);

  /** Whether {@link Operation.SetClaim} can be carried out; where not, claim changes are manual. */
  boolean canApplyClaims();

  @Override
  default void close() {}
}
