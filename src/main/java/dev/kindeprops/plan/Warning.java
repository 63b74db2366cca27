package dev.kindeprops.plan;

import java.util.Objects;

/** Something a reviewer should know that does not stop the plan. {@code address} may be null. */
public record Warning(Address address, String message) {
  public Warning {
    Objects.requireNonNull(message, "message");
  }
}
