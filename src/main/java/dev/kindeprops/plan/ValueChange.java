package dev.kindeprops.plan;

import java.util.Objects;

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
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(key, "key");
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
  public Kind kind() {
    return Kind.VALUE;
  }

  @Override
  public Address address() {
    return Address.value(application, key);
  }
}
