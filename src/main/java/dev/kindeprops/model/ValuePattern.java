package dev.kindeprops.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A property's {@code pattern}, in RE2 syntax: the one place that compiles and matches one, for
 * manifests and for the rules a saved plan records. RE2/J matches in time linear in the value, so
 * that no pattern from a pull request or a hand-made plan can backtrack for minutes as Java's
 * engine does on {@code ^(.*?,){14}P}. RE2/J has no limit on the program it compiles ({@code
 * ((a{1000}){1000}){1000}} would fill the heap), so a pattern's size is bounded here first.
 */
public final class ValuePattern {
  /**
   * The longest pattern accepted, and the largest: its characters, classes and escapes, each
   * counted as often as {@code {n,m}} repeats it. Matching costs about this much per character of
   * the value at most. (The length also bounds nesting: RE2/J parses recursively.)
   */
  public static final int MAX_SIZE = 1000;

  /** RE2's answers to what Java's engine has and RE2 has not. */
  private static final Set<String> NOT_IN_RE2 =
      Set.of(
          "invalid or unsupported Perl syntax",
          "invalid named capture", // lookbehind: (?<=a), (?<!a)
          "invalid escape sequence",
          "invalid nested repetition operator");

  private final Pattern compiled;

  private ValuePattern(Pattern compiled) {
    this.compiled = compiled;
  }

  /**
   * The pattern, or null after giving {@code problem} the reason it cannot be used (to follow
   * {@code invalid pattern for 'key': }).
   */
  public static ValuePattern compile(String text, Consumer<String> problem) {
    if (text.length() > MAX_SIZE) {
      problem.accept("it is " + text.length() + " characters long, over the limit of " + MAX_SIZE);
      return null;
    }
    if (size(text) > MAX_SIZE) {
      problem.accept(
          "it expands to more than "
              + MAX_SIZE
              + " characters, classes and escapes (each counted as often as {n,m} repeats it);"
              + " simplify it");
      return null;
    }
    try {
      return new ValuePattern(Pattern.compile(text));
    } catch (PatternSyntaxException e) {
      problem.accept(
          e.getDescription()
              + " `"
              + e.getPattern()
              + "`"
              + (NOT_IN_RE2.contains(e.getDescription())
                  ? "; patterns are RE2 syntax, which has no lookaround, backreferences,"
                      + " possessive quantifiers or atomic groups"
                  : ""));
      return null;
    }
  }

  /** Whether the whole value matches. */
  public boolean matches(String value) {
    return compiled.matches(value);
  }

  /** The pattern as written. */
  public String text() {
    return compiled.pattern();
  }

  /**
   * The size {@link #MAX_SIZE} bounds, read from the text without compiling it; capped just above
   * the limit so that nested repetitions cannot overflow. Syntax errors are left to RE2/J.
   */
  static long size(String pattern) {
    long cap = MAX_SIZE + 1L;
    Deque<Long> outer = new ArrayDeque<>(); // the size of each enclosing group before it opened
    long size = 0;
    long last = 0; // the size of the last atom or group, which a repetition repeats
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int next = i + 1;
      long atom = 1;
      switch (c) {
        case '\\' -> {
          next = endOfEscape(pattern, i);
          if (pattern.startsWith("\\Q", i)) {
            atom = Math.max(1, next - i - 4);
          }
        }
        case '[' -> next = endOfClass(pattern, i);
        case '(' -> {
          outer.push(size);
          size = 0;
          atom = 0;
          if (pattern.startsWith("(?", i)) {
            next = i + 2;
            while (next < pattern.length() && ":)>".indexOf(pattern.charAt(next)) < 0) {
              next++;
            }
            next = next < pattern.length() && pattern.charAt(next) != ')' ? next + 1 : next;
          }
        }
        case ')' -> {
          atom = 0;
          if (!outer.isEmpty()) {
            last = size;
            size = outer.pop() + last;
          }
        }
        case '*', '+', '?' -> atom = 0;
        case '|' -> {
          atom = 0;
          last = 0;
        }
        case '{' -> {
          int end = pattern.indexOf('}', i);
          long count = end < 0 ? -1 : repeatCount(pattern.substring(i + 1, end));
          if (count >= 0) {
            size += last * (Math.max(count, 1) - 1);
            last *= Math.max(count, 1);
            atom = 0;
            next = end + 1;
          }
        }
        default -> {}
      }
      if (atom > 0) {
        size += atom;
        last = 1; // a repetition after \Q…\E repeats its last character
      }
      size = Math.min(size, cap);
      last = Math.min(last, cap);
      i = next;
    }
    while (!outer.isEmpty()) {
      size = Math.min(outer.pop() + size, cap);
    }
    return size;
  }

  /** The index after an escape: {@code \x}, {@code \p{Greek}}, {@code \x{263a}}, {@code \Q…\E}. */
  private static int endOfEscape(String pattern, int i) {
    if (pattern.startsWith("\\Q", i)) {
      int end = pattern.indexOf("\\E", i + 2);
      return end < 0 ? pattern.length() : end + 2;
    }
    if (i + 2 < pattern.length()
        && "pPx".indexOf(pattern.charAt(i + 1)) >= 0
        && pattern.charAt(i + 2) == '{') {
      int end = pattern.indexOf('}', i);
      return end < 0 ? pattern.length() : end + 1;
    }
    return Math.min(i + 2, pattern.length());
  }

  /** The index after a character class such as {@code [^]a-z[:digit:]\]]}. */
  private static int endOfClass(String pattern, int i) {
    int j = i + 1;
    if (j < pattern.length() && pattern.charAt(j) == '^') {
      j++;
    }
    if (j < pattern.length() && pattern.charAt(j) == ']') {
      j++;
    }
    while (j < pattern.length() && pattern.charAt(j) != ']') {
      if (pattern.charAt(j) == '\\') {
        j++;
      } else if (pattern.startsWith("[:", j)) {
        int end = pattern.indexOf(":]", j + 2);
        j = end < 0 ? j : end + 1;
      }
      j++;
    }
    return Math.min(j + 1, pattern.length());
  }

  /** How often {@code {n}}, {@code {n,}} or {@code {n,m}} repeats (given its inside), or -1. */
  private static long repeatCount(String inside) {
    int comma = inside.indexOf(',');
    String min = comma < 0 ? inside : inside.substring(0, comma);
    String max = comma < 0 ? min : inside.substring(comma + 1);
    if (!isCount(min) || !(isCount(max) || max.isEmpty())) {
      return -1;
    }
    return max.isEmpty() ? Long.parseLong(min) + 1 : Long.parseLong(max);
  }

  private static boolean isCount(String digits) {
    return !digits.isEmpty()
        && digits.length() <= 9
        && digits.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
