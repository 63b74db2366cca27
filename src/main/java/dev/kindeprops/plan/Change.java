package dev.kindeprops.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One planned change. {@code before} and {@code after} are JSON-shaped and null where absent:
 *
 * <ul>
 *   <li>{@link Kind#CATEGORY}: a map {@code {"name": …}};
 *   <li>{@link Kind#PROPERTY}: a map of the property's fields under their wire names ({@code key},
 *       {@code name}, {@code description}, {@code type}, {@code category}, {@code is_private}); a
 *       field the target cannot tell is left out of {@code before};
 *   <li>{@link Kind#VALUE}: the value as a string;
 *   <li>{@link Kind#CLAIM}: {@code true} when the property is toggled into the token.
 * </ul>
 *
 * @param address {@code category.<name>}, {@code property.<key>}, {@code
 *     application.<name>.value.<key>} or {@code application.<name>.claim.<key>}
 * @param applicationId the application's id, for value and claim changes; otherwise null
 * @param key the property key, for property, value and claim changes; otherwise null
 * @param manual whether a person must make the change because the target cannot
 */
public record Change(
    String address,
    Kind kind,
    Action action,
    String applicationId,
    String key,
    Object before,
    Object after,
    boolean manual) {

  public Change {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
    before = checkShape(kind, before);
    after = checkShape(kind, after);
  }

  private static Object checkShape(Kind kind, Object value) {
    if (value == null) {
      return null;
    }
    switch (kind) {
      case CATEGORY, PROPERTY -> {
        if (!(value instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException(kind.wireName() + " state must be a map: " + value);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
      }
      case VALUE -> {
        if (!(value instanceof String)) {
          throw new IllegalArgumentException("value state must be a string: " + value);
        }
        return value;
      }
      case CLAIM -> {
        if (!(value instanceof Boolean)) {
          throw new IllegalArgumentException("claim state must be a boolean: " + value);
        }
        return value;
      }
    }
    throw new IllegalArgumentException("unknown kind " + kind);
  }

  /** The application's local name, for value and claim changes; otherwise null. */
  public String applicationName() {
    if (kind != Kind.VALUE && kind != Kind.CLAIM) {
      return null;
    }
    String rest = address.substring("application.".length());
    int cut = rest.lastIndexOf(kind == Kind.VALUE ? ".value." : ".claim.");
    return rest.substring(0, cut);
  }
}
