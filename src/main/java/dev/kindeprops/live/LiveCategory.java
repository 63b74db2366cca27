package dev.kindeprops.live;

import java.util.Objects;

/** A property category as the target holds it. */
public record LiveCategory(String id, String name) {
  public LiveCategory {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
