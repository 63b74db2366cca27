package dev.kindeprops.apply;

/** What became of one planned change. */
public enum Outcome {
  /** Carried out. */
  DONE,
  /** Tried and failed; the result's reason says why. */
  FAILED,
  /** Not tried, because an earlier change failed. */
  NOT_STARTED,
  /** Never carried out by kinde-props: a person makes it (a claim toggle on Kinde). */
  MANUAL
}
