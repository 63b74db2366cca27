package dev.kindeprops.apply;

import dev.kindeprops.live.Operation;
import dev.kindeprops.plan.CategoryChange;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimChange;
import dev.kindeprops.plan.PropertyChange;
import dev.kindeprops.plan.ValueChange;
import java.util.List;
import java.util.Set;

/**
 * The target operations that carry out one planned change: one each, except a replace, which
 * deletes the property and creates it again.
 */
final class Operations {
  private Operations() {}

  /**
   * @param sensitive keys of the properties whose values are secrets
   */
  static List<Operation> of(Change change, Set<String> sensitive) {
    if (change instanceof CategoryChange category) {
      return List.of(new Operation.CreateCategory(category.name()));
    }
    if (change instanceof PropertyChange property) {
      return switch (property.action()) {
        case CREATE -> List.of(new Operation.CreateProperty(property.after()));
        case UPDATE -> List.of(new Operation.UpdateProperty(property.after()));
        case REPLACE ->
            List.of(
                new Operation.DeleteProperty(property.key()),
                new Operation.CreateProperty(property.after()));
        case DELETE -> List.of(new Operation.DeleteProperty(property.key()));
      };
    }
    if (change instanceof ValueChange value) {
      return List.of(
          value.after() == null
              ? new Operation.DeleteValue(value.applicationId(), value.key())
              : new Operation.SetValue(
                  value.applicationId(),
                  value.key(),
                  value.after(),
                  sensitive.contains(value.key())));
    }
    ClaimChange claim = (ClaimChange) change;
    return List.of(new Operation.SetClaim(claim.applicationId(), claim.key(), claim.on()));
  }
}
