package dev.kindeprops.plan;

/**
 * One property toggled into ({@link Action#CREATE}) or out of ({@link Action#DELETE}) one
 * application's M2M token.
 *
 * @param manual whether a person makes the toggle in the dashboard (the target cannot)
 * @param stateUnknown whether the toggle's state now cannot be seen (a token never carries a
 *     private property), so that it may be made already; apply's closing check confirms it
 */
public record ClaimChange(
    Action action,
    String application,
    String applicationId,
    String key,
    boolean manual,
    boolean stateUnknown)
    implements ApplicationChange {

  public ClaimChange {
    ApplicationChange.require(action, application, applicationId, key);
    if (action != Action.CREATE && action != Action.DELETE) {
      throw new IllegalArgumentException("a claim toggle is turned on or off, never " + action);
    }
    if (stateUnknown && !(manual && action == Action.CREATE)) {
      throw new IllegalArgumentException(
          "only a manual toggle turned on can have an unknown state");
    }
  }

  /** A toggle whose state now is known. */
  public ClaimChange(
      Action action, String application, String applicationId, String key, boolean manual) {
    this(action, application, applicationId, key, manual, false);
  }

  /** Whether the toggle is turned on. */
  public boolean on() {
    return action == Action.CREATE;
  }

  @Override
  public Address address() {
    return Address.claim(application, key);
  }
}
