package dev.kindeprops.plan;

/**
 * One application's value of one property to set or unset.
 *
 * @param before the live value, null when it has none
 * @param after the value to set, null to unset it
 */
public record ValueChange(
    Action action,
    String application,
    String applicationId,
    String key,
    String before,
    String after)
    implements ApplicationChange {

  public ValueChange {
    ApplicationChange.require(action, application, applicationId, key);
    if (action == Action.REPLACE) {
      throw new IllegalArgumentException("a value is set or unset, never replaced");
    }
    if ((before == null) != (action == Action.CREATE)
        || (after == null) != (action == Action.DELETE)) {
      throw new IllegalArgumentException(
          "a value " + action.wireName() + " of '" + key + "' has the wrong before or after");
    }
  }

  @Override
  public Address address() {
    return Address.value(application, key);
  }
}
