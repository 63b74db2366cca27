package dev.kindeprops.plan;

import java.util.Objects;

/** A change to one application's value or claim toggle of one property. */
public sealed interface ApplicationChange extends Change permits ValueChange, ClaimChange {

  /** The application's local name in the manifests. */
  String application();

  /** The application's id (its client id). */
  String applicationId();

  /** The property key. */
  String key();

  /** Checks the fields every application change has. */
  static void require(Action action, String application, String applicationId, String key) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(key, "key");
  }
}
