package dev.kindeprops.live;

import dev.kindeprops.model.PropertyFields;
import java.util.Objects;

/** One write a target carries out. The applier turns each planned change into one or two. */
public sealed interface Operation {

  /** Creates a category with this name. */
  record CreateCategory(String name) implements Operation {
    public CreateCategory {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Creates a property; its category must exist by then. */
  record CreateProperty(PropertyFields property) implements Operation {
    public CreateProperty {
      requireComplete(property);
    }
  }

  /**
   * Sets the mutable fields (name, description, category, privacy) of the property with this key.
   */
  record UpdateProperty(PropertyFields property) implements Operation {
    public UpdateProperty {
      requireComplete(property);
    }
  }

  /** Deletes the property with this key, and with it every application's value. */
  record DeleteProperty(String key) implements Operation {
    public DeleteProperty {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * Sets one application's value of one property.
   *
   * @param sensitive whether the value is a secret, which the target keeps out of every message
   */
  record SetValue(String applicationId, String key, String value, boolean sensitive)
      implements Operation {
    public SetValue {
      Objects.requireNonNull(applicationId, "applicationId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    /** A value that is not a secret. */
    public SetValue(String applicationId, String key, String value) {
      this(applicationId, key, value, false);
    }

    @Override
    public String toString() {
      return "SetValue[applicationId="
          + applicationId
          + ", key="
          + key
          + ", value="
          + (sensitive ? "(sensitive)" : value)
          + "]";
    }
  }

  /** Removes one application's value of one property (Kinde: writes an empty value). */
  record DeleteValue(String applicationId, String key) implements Operation {
    public DeleteValue {
      Objects.requireNonNull(applicationId, "applicationId");
      Objects.requireNonNull(key, "key");
    }
  }

  /** Toggles one property into or out of one application's M2M token. */
  record SetClaim(String applicationId, String key, boolean claimed) implements Operation {
    public SetClaim {
      Objects.requireNonNull(applicationId, "applicationId");
      Objects.requireNonNull(key, "key");
    }
  }

  private static void requireComplete(PropertyFields property) {
    Objects.requireNonNull(property, "property");
    if (!property.complete()) {
      throw new IllegalArgumentException("a property is written with its type and category");
    }
  }
}
