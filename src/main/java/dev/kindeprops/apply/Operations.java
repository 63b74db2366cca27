package dev.kindeprops.apply;

import dev.kindeprops.live.Operation;
import dev.kindeprops.live.PropertySpec;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.plan.Change;
import java.util.List;
import java.util.Map;

/**
 * The target operations that carry out one planned change: one each, except a replace, which
 * deletes the property and creates it again. A change that cannot be carried out (a shape the
 * planner never makes, as in an edited plan file) is refused before anything runs.
 */
final class Operations {
  private Operations() {}

  /**
   * @throws ApplyRefusedException when the change is not one kinde-props can carry out
   */
  static List<Operation> of(Change change) {
    return switch (change.kind()) {
      case CATEGORY ->
          switch (change.action()) {
            case CREATE ->
                List.of(new Operation.CreateCategory(text(change, change.after(), "name")));
            case UPDATE, REPLACE, DELETE -> throw unsupported(change);
          };
      case PROPERTY ->
          switch (change.action()) {
            case CREATE -> List.of(new Operation.CreateProperty(spec(change)));
            case UPDATE -> List.of(new Operation.UpdateProperty(spec(change)));
            case REPLACE ->
                List.of(
                    new Operation.DeleteProperty(key(change)),
                    new Operation.CreateProperty(spec(change)));
            case DELETE -> List.of(new Operation.DeleteProperty(key(change)));
          };
      case VALUE ->
          switch (change.action()) {
            case CREATE, UPDATE ->
                List.of(
                    new Operation.SetValue(
                        applicationId(change),
                        key(change),
                        (String) present(change, change.after())));
            case DELETE -> List.of(new Operation.DeleteValue(applicationId(change), key(change)));
            case REPLACE -> throw unsupported(change);
          };
      case CLAIM ->
          switch (change.action()) {
            case CREATE ->
                List.of(new Operation.SetClaim(applicationId(change), key(change), true));
            case DELETE ->
                List.of(new Operation.SetClaim(applicationId(change), key(change), false));
            case UPDATE, REPLACE -> throw unsupported(change);
          };
    };
  }

  /** The complete property of a create, update or replace, from its {@code after} fields. */
  private static PropertySpec spec(Change change) {
    Object after = present(change, change.after());
    String key = text(change, after, "key");
    if (!key.equals(key(change))) {
      throw malformed(change, "its key and its fields' key differ");
    }
    String typeName = text(change, after, "type");
    PropertyType type =
        PropertyType.fromWireName(typeName)
            .orElseThrow(() -> malformed(change, "unknown type \"" + typeName + "\""));
    Object isPrivate = ((Map<?, ?>) after).get("is_private");
    if (!(isPrivate instanceof Boolean flag)) {
      throw malformed(change, "is_private is missing");
    }
    Object description = ((Map<?, ?>) after).get("description");
    return new PropertySpec(
        key,
        text(change, after, "name"),
        description instanceof String text ? text : "",
        type,
        text(change, after, "category"),
        flag);
  }

  private static String text(Change change, Object state, String field) {
    Object value = ((Map<?, ?>) present(change, state)).get(field);
    if (!(value instanceof String text)) {
      throw malformed(change, field + " is missing");
    }
    return text;
  }

  private static Object present(Change change, Object state) {
    if (state == null) {
      throw malformed(change, "it has no \"after\" state");
    }
    return state;
  }

  private static String key(Change change) {
    if (change.key() == null) {
      throw malformed(change, "it names no property key");
    }
    return change.key();
  }

  private static String applicationId(Change change) {
    if (change.applicationId() == null) {
      throw malformed(change, "it names no application id");
    }
    return change.applicationId();
  }

  private static ApplyRefusedException unsupported(Change change) {
    return malformed(
        change,
        "kinde-props never plans a " + change.kind().wireName() + " " + change.action().wireName());
  }

  private static ApplyRefusedException malformed(Change change, String why) {
    return new ApplyRefusedException(
        "the plan cannot be carried out: "
            + change.address()
            + ": "
            + why
            + " (was the plan file edited?). Nothing was changed; run kinde-props plan again.");
  }
}
