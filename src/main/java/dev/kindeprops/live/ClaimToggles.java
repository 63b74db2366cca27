package dev.kindeprops.live;

/**
 * What a target can do with the M2M token claim toggles of an application: the one place that says
 * whether toggles are stored, observed, or unseen. An application whose toggles are not known has
 * {@code null} claims ({@link LiveApplication#claims()}).
 */
public enum ClaimToggles {
  /** The target stores the toggles and changes them (the local state file). */
  STORED,
  /**
   * The target cannot change them, and shows them only in a token minted as the application
   * (Kinde): a person toggles them, and they are known where they were observed.
   */
  OBSERVABLE
}
