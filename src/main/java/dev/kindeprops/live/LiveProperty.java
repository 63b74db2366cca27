package dev.kindeprops.live;

import dev.kindeprops.model.PropertyType;
import java.util.Objects;

/**
 * An application-context property as the target holds it.
 *
 * @param type null where the target cannot tell (Kinde's property list carries no type)
 * @param categoryId null where the target cannot tell (Kinde's property list carries no category)
 */
public record LiveProperty(
    String id,
    String key,
    String name,
    String description,
    PropertyType type,
    boolean isPrivate,
    String categoryId) {

  public LiveProperty {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
  }

  /** Kinde's own properties ({@code kp_*}) are never touched or reported. */
  public boolean isKindeProperty() {
    return key.startsWith("kp_");
  }
}
