package dev.kindeprops.plan;

/** A change to one application's value or claim toggle of one property. */
public sealed interface ApplicationChange extends Change permits ValueChange, ClaimChange {

  /** The application's local name in the manifests. */
  String application();

  /** The application's id (its client id). */
  String applicationId();

  /** The property key. */
  String key();
}
