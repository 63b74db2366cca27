package dev.kindeprops.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the name a user probably meant, for "did you mean" hints. */
public final class Spelling {
  private Spelling() {}

  /** The closest candidate within a small edit distance of {@code input}, if there is one. */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    String lower = input.toLowerCase(Locale.ROOT);
    int allowed = lower.length() <= 3 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (Math.abs(candidate.length() - lower.length()) > allowed) {
        continue;
      }
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance <= allowed && distance < bestDistance && !candidate.equals(input)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** "; did you mean 'x'?" or nothing. */
  public static String hint(String input, Collection<String> candidates) {
    return closest(input, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /** Edit distance where swapping two neighbouring characters counts as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
