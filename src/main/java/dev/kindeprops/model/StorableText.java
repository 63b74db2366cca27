package dev.kindeprops.model;

import java.util.Locale;

/**
 * The one rule for text that a property's fields and values may hold: well-formed Unicode without
 * noncharacters. A lone UTF-16 surrogate (which YAML and JSON escapes such as {@code \ud83d} make)
 * is not Unicode at all: encoding it as UTF-8 writes {@code ?}, so Kinde or a state file would hold
 * something else than the manifest, and every later plan would make it again. Noncharacters (U+FDD0
 * to U+FDEF, and the last two code points of each plane) are reserved for a program's own use and
 * are not meant to be exchanged.
 */
public final class StorableText {
  private StorableText() {}

  /**
   * Why this text cannot be stored, as a sentence starting with {@code subject}, or null when it
   * can.
   *
   * @param subject what holds the text, as the message should name it ("this value", "$.x.name")
   */
  public static String problem(String subject, String text) {
    if (belowSurrogates(text)) {
      return null; // nearly all text: no surrogate and no noncharacter starts below U+D800
    }
    int position = 0;
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      int c = text.codePointAt(i);
      position++;
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        return subject
            + " holds a lone UTF-16 surrogate "
            + codePoint(c)
            + " (character "
            + position
            + "), which is not Unicode text and would be stored as '?'; write the character itself,"
            + " or both halves of its surrogate pair";
      }
      if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) {
        return subject
            + " holds the Unicode noncharacter "
            + codePoint(c)
            + " (character "
            + position
            + "), which is not meant for text interchange; remove it";
      }
    }
    return null;
  }

  private static boolean belowSurrogates(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= Character.MIN_SURROGATE) {
        return false;
      }
    }
    return true;
  }

  private static String codePoint(int c) {
    return String.format(Locale.ROOT, "U+%04X", c);
  }
}
