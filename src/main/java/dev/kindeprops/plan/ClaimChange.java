package dev.kindeprops.plan;

/**
 * One property toggled into ({@link Action#CREATE}) or out of ({@link Action#DELETE}) one
 * application's M2M token.
 *
 * @param manual whether a person makes the toggle in the dashboard (the target cannot)
 */
public record ClaimChange(
    Action action, String application, String applicationId, String key, boolean manual)
    implements ApplicationChange {

  public ClaimChange {
    ApplicationChange.require(action, application, applicationId, key);
    if (action != Action.CREATE && action != Action.DELETE) {
      throw new IllegalArgumentException("a claim toggle is turned on or off, never " + action);
    }
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
