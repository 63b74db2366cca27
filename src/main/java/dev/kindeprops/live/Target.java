package dev.kindeprops.live;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Where the live state lives, the local state file or a Kinde business: the port through which
 * kinde-props reads the live state and changes it, one operation at a time.
 */
public interface Target extends AutoCloseable {

  /**
   * A short name for plans and messages, such as {@code file:state.json} or {@code
   * kinde:https://acme.kinde.com}.
   */
  String name();

  /** Whether this target stores claim toggles or only lets them be observed through tokens. */
  ClaimToggles claimToggles();

  /**
   * Reads the live state: categories, application properties, and the applications with these ids
   * (with their values and, where stored, their toggles), counting the other M2M applications.
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
   * What each application's M2M token carries now. A problem of one application (it does not exist,
   * is not M2M, gets no token, or its token does not verify) is that application's outcome; any
   * other failure ends the call.
   *
   * @param audiences the API audience to ask each token for, by application id; absent means none
   * @return an outcome per application id, in the order given
   * @throws TargetException when the target cannot be reached or refuses as a whole
   */
  Map<String, ClaimObservation> observeClaims(
      Collection<String> applicationIds, Map<String, String> audiences);

  /**
   * Carries out one operation. Safe to call from several threads. It is durable when this returns,
   * or, on a target {@link #lock locked} for a transaction, once {@link #commit} returns.
   *
   * @throws TargetException when the operation failed; the target is unchanged by it or the message
   *     says otherwise
   */
  void apply(Operation operation);

  /**
   * Makes the target this run's alone until {@link #close}, so that what {@code apply} reads (the
   * staleness check, a fresh plan) and the changes it makes form one transaction that no other run
   * interleaves with. A state file takes its lock, then reads and changes its content in memory and
   * writes it once, at {@link #commit}. Kinde has no lock: for it this does nothing.
   *
   * @throws TargetException when another run holds the target for longer than {@code wait} allows,
   *     or the target cannot be read; nothing was changed
   */
  default void lock(LockWait wait) {}

  /**
   * Makes every operation carried out since {@link #lock} durable at once; does nothing where each
   * operation is durable as it returns (Kinde), or when nothing changed.
   *
   * @throws TargetException when the changes cannot be made durable; then none of them is
   */
  default void commit() {}

  /** Gives up a {@link #lock}; operations not {@link #commit committed} are dropped. */
  @Override
  default void close() {}
}
