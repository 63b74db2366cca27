package dev.kindeprops.live.kinde;

import java.util.Objects;

/**
 * A client secret or a token. It prints as {@code (secret)}, so a record or message that holds one
 * never shows it.
 */
public record Secret(String value) {
  public Secret {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "(secret)";
  }
}
