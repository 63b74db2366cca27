package dev.kindeprops.text;

import java.util.List;

/** Counted nouns and capped lists, worded the same way in every message and report. */
public final class Words {
  private Words() {}

  /** {@code 1 property}, {@code 2 properties}. */
  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** Up to {@code max} names joined by commas, then {@code and N more}. */
  public static String names(List<String> names, int max) {
    if (names.size() <= max) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, max)) + " and " + (names.size() - max) + " more";
  }
}
