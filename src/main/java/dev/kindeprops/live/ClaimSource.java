package dev.kindeprops.live;

/** How the live state knows each application's claim toggles. */
public enum ClaimSource {
  /** The target stores the toggles and can change them (the local state file). */
  STATE,
  /**
   * The toggles were observed by minting a token per application; only a person can change them.
   */
  OBSERVED,
  /** The toggles could not be observed (Kinde without {@code --observe-claims}). */
  UNOBSERVED
}
