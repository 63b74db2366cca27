package dev.kindeprops.plan;

import com.google.re2j.Pattern;
import dev.kindeprops.diag.SourceLocation;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One line of an ignore file: a pattern of change addresses whose drift is known and accepted, with
 * the reason someone gave.
 *
 * <p>A pattern is an address in which {@code *} stands for any run of characters within one segment
 * (segments are separated by {@code .}), {@code **} for any run across segments, and {@code ?} for
 * one character other than {@code .}. It matches an address when it matches the whole address or a
 * leading part of it that ends at a segment boundary, so {@code application.billing-worker} covers
 * every change of that application. Patterns compile to RE2/J, which matches in time linear in the
 * address: a pattern such as {@code **a**a**a**a} would make a backtracking engine run for ever.
 *
 * @param reason why the drift is accepted; empty when the line gives none
 * @param location the file and line it came from, or null for a rule built in code
 */
public record IgnoreRule(String pattern, String reason, SourceLocation location) {
  /** Compiled patterns, so that matching thousands of addresses compiles each pattern once. */
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  public IgnoreRule {
    Objects.requireNonNull(pattern, "pattern");
    reason = reason == null ? "" : reason;
    String problem = problem(pattern);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** What is wrong with this pattern, or null when it is fine. */
  public static String problem(String pattern) {
    if (pattern.isEmpty()) {
      return "empty pattern";
    }
    if (pattern.contains("***")) {
      return "'***' in \"" + pattern + "\": use '*' within a segment or '**' across segments";
    }
    if (pattern.startsWith(".") || pattern.endsWith(".") || pattern.contains("..")) {
      return "empty segment in \"" + pattern + "\"";
    }
    return null;
  }

  /** Whether this rule covers the change at {@code address}. */
  public boolean matches(String address) {
    return COMPILED.computeIfAbsent(pattern, IgnoreRule::compile).matcher(address).matches();
  }

  private static Pattern compile(String pattern) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      int c = pattern.codePointAt(i);
      if (pattern.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
        continue;
      }
      if (c == '*') {
        regex.append("[^.]*");
      } else if (c == '?') {
        regex.append("[^.]");
      } else {
        regex.append(Pattern.quote(Character.toString(c)));
      }
      i += Character.charCount(c);
    }
    // A pattern that names a parent (an application, say) covers everything below it.
    return Pattern.compile("(?:" + regex + ")(?:\\..*)?", Pattern.DOTALL);
  }
}
