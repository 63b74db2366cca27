package dev.kindeprops.plan;

import java.util.Objects;

/** A category to create (Kinde's API cannot rename or delete one, so nothing else is planned). */
public record CategoryChange(String name) implements Change {
  public CategoryChange {
    Objects.requireNonNull(name, "name");
  }

  @Override
  public Action action() {
    return Action.CREATE;
  }

  @Override
  public Address address() {
    return Address.category(name);
  }
}
