package dev.kindeprops.plan;

import dev.kindeprops.diag.Diagnostic;
import dev.kindeprops.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * An ignore file of known, accepted drift ({@code drift --ignore FILE}): one pattern per line,
 * optionally followed by the reason; {@code #} starts a comment line; blank lines are skipped. A
 * pattern with spaces (a category name, say) is written in double quotes, with {@code \"} and
 * {@code \\} inside. A {@code #} before the reason is dropped, so {@code property.tier # renamed in
 * the dashboard} reads naturally.
 *
 * @param rules the rules in file order
 * @param errors problems with lines, each at its line; the rules hold only the good lines
 */
public record IgnoreFile(List<IgnoreRule> rules, List<Diagnostic> errors) {

  public IgnoreFile {
    rules = List.copyOf(rules);
    errors = List.copyOf(errors);
  }

  /** No rules at all: every change counts. */
  public static IgnoreFile none() {
    return new IgnoreFile(List.of(), List.of());
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /**
   * Parses the text of an ignore file.
   *
   * @param name the file's name, for locations
   */
  public static IgnoreFile parse(String name, String text) {
    List<IgnoreRule> rules = new ArrayList<>();
    List<Diagnostic> errors = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      SourceLocation at = new SourceLocation(name, i + 1, 0);
      String pattern;
      String rest;
      if (line.startsWith("\"")) {
        int end = closingQuote(line);
        if (end < 0) {
          errors.add(Diagnostic.error(at, "a quoted pattern has no closing '\"'"));
          continue;
        }
        pattern = unescape(line.substring(1, end));
        rest = line.substring(end + 1);
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
          errors.add(Diagnostic.error(at, "put a space between the quoted pattern and the reason"));
          continue;
        }
      } else {
        int space = firstWhitespace(line);
        pattern = space < 0 ? line : line.substring(0, space);
        rest = space < 0 ? "" : line.substring(space);
      }
      String reason = rest.strip();
      if (reason.startsWith("#")) {
        reason = reason.substring(1).strip();
      }
      String problem = IgnoreRule.problem(pattern);
      if (problem != null) {
        errors.add(Diagnostic.error(at, problem));
        continue;
      }
      rules.add(new IgnoreRule(pattern, reason, at));
    }
    return new IgnoreFile(rules, errors);
  }

  private static int closingQuote(String line) {
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String quoted) {
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length()) {
        i++;
        c = quoted.charAt(i);
      }
      out.append(c);
    }
    return out.toString();
  }

  private static int firstWhitespace(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (Character.isWhitespace(line.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
