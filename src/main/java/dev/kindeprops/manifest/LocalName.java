package dev.kindeprops.manifest;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The rule that ties an application's local name to its name in Kinde: {@code kinde-props export}
 * writes local names by it, and {@code plan} recognises them by it.
 *
 * <p>A slug is the Kinde name with accents dropped, lower-cased, every run of characters other than
 * {@code a-z}, {@code 0-9} and {@code _} turned into one {@code -}, trimmed of {@code -} and {@code
 * _} at both ends and cut to 64 characters; {@code app} when nothing is left. Applications whose
 * names slug alike are told apart by {@code -} and the first characters of their id (at least
 * {@value #ID_PREFIX}).
 */
public final class LocalName {
  /** The longest local name manifests accept. */
  public static final int MAX_LENGTH = 64;

  /** The fewest id characters that tell apart applications whose names slug alike. */
  public static final int ID_PREFIX = 8;

  private LocalName() {}

  /** The local name of a Kinde name, before any id is added to tell it apart. */
  public static String slug(String kindeName) {
    String slug =
        fold(kindeName)
            .replaceAll("[^a-z0-9_]+", "-")
            .replaceAll("^[-_]+", "")
            .replaceAll("[-_]+$", "");
    if (slug.length() > MAX_LENGTH) {
      slug = slug.substring(0, MAX_LENGTH).replaceAll("[-_]+$", "");
    }
    return slug.isEmpty() ? "app" : slug;
  }

  /**
   * The slug, cut where needed, then {@code -} and the first {@code length} characters of the id.
   */
  public static String withId(String slug, String id, int length) {
    String suffix = "-" + id.substring(0, Math.min(length, id.length()));
    String base =
        slug.length() + suffix.length() > MAX_LENGTH
            ? slug.substring(0, MAX_LENGTH - suffix.length()).replaceAll("[-_]+$", "")
            : slug;
    return base + suffix;
  }

  /**
   * Whether a local name plausibly names the application Kinde calls {@code kindeName}: only a
   * difference beyond case, accents and punctuation suggests a wrong id. A Kinde name without ASCII
   * letters or digits (such as "日本語") cannot be compared, and an id prefix that tells apart
   * applications whose names slug alike ("worker-3b0b5c6c") is no sign of a wrong id either.
   */
  public static boolean sameName(String local, String kindeName, String id) {
    String localLetters = lettersAndDigits(local);
    String kindeLetters = lettersAndDigits(kindeName);
    if (kindeLetters.isEmpty() || localLetters.equals(kindeLetters)) {
      return true;
    }
    String suffix =
        localLetters.startsWith(kindeLetters) ? localLetters.substring(kindeLetters.length()) : "";
    return suffix.length() >= ID_PREFIX && id.startsWith(suffix);
  }

  private static String lettersAndDigits(String name) {
    return fold(name).replaceAll("[^a-z0-9]+", "");
  }

  /** Accents dropped, lower case. */
  private static String fold(String name) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    return folded.toLowerCase(Locale.ROOT);
  }
}
