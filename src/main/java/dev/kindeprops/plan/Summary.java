package dev.kindeprops.plan;

import java.util.List;

/** How many changes a plan holds, by action, and how many of them are manual. */
public record Summary(int create, int update, int replace, int delete, int manual) {

  public static Summary of(List<Change> changes) {
    int create = 0;
    int update = 0;
    int replace = 0;
    int delete = 0;
    int manual = 0;
    for (Change change : changes) {
      switch (change.action()) {
        case CREATE -> create++;
        case UPDATE -> update++;
        case REPLACE -> replace++;
        case DELETE -> delete++;
      }
      if (change.manual()) {
        manual++;
      }
    }
    return new Summary(create, update, replace, delete, manual);
  }

  public int total() {
    return create + update + replace + delete;
  }
}
