package dev.kindeprops.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a saved plan differs from a fresh plan of the same manifests and live state: the changes only
 * one of them makes, address by address. A change both make alike (address, kind, action, before,
 * after, manual; a sensitive value by its seal) is in neither list; one they make differently is in
 * both.
 *
 * @param savedOnly changes of the saved plan that the fresh plan does not make, in its order
 * @param freshOnly changes of the fresh plan that the saved plan does not make, in its order
 */
public record PlanDiff(List<Change> savedOnly, List<Change> freshOnly) {
  public PlanDiff {
    savedOnly = List.copyOf(savedOnly);
    freshOnly = List.copyOf(freshOnly);
  }

  public static PlanDiff between(Plan saved, Plan fresh) {
    Map<Address, Change> freshByAddress = new LinkedHashMap<>();
    fresh.changes().forEach(change -> freshByAddress.put(change.address(), change));
    List<Change> savedOnly = new ArrayList<>();
    Set<Address> matched = new HashSet<>();
    for (Change change : saved.changes()) {
      Change other = freshByAddress.get(change.address());
      if (other != null && alike(saved, change, other)) {
        matched.add(change.address());
      } else {
        savedOnly.add(change);
      }
    }
    List<Change> freshOnly =
        fresh.changes().stream().filter(change -> !matched.contains(change.address())).toList();
    return new PlanDiff(savedOnly, freshOnly);
  }

  public boolean isEmpty() {
    return savedOnly.isEmpty() && freshOnly.isEmpty();
  }

  /** How many addresses the two plans treat differently. */
  public int size() {
    Set<Address> addresses = new HashSet<>();
    savedOnly.forEach(change -> addresses.add(change.address()));
    freshOnly.forEach(change -> addresses.add(change.address()));
    return addresses.size();
  }

  /** Whether a change of the saved plan is the fresh plan's change at the same address. */
  private static boolean alike(Plan saved, Change change, Change fresh) {
    if (saved.sealed()
        && change instanceof ValueChange value
        && fresh instanceof ValueChange other
        && saved.sensitiveProperties().contains(value.key())) {
      return value.action() == other.action()
          && sameValue(value.address(), value.before(), other.before())
          && sameValue(value.address(), value.after(), other.after());
    }
    return change.equals(fresh);
  }

  /** A sealed value against a value in clear. */
  private static boolean sameValue(Address address, String seal, String value) {
    if (seal == null || value == null) {
      return Objects.equals(seal, value);
    }
    return Seal.matches(seal, address, value);
  }
}
