package dev.kindeprops.export;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Strings written as YAML 1.2 that the manifest loader reads back exactly: plain where that is safe
 * and readable, double-quoted otherwise, and {@code ${} written as {@code $${} so that no live text
 * is taken for a variable.
 */
final class YamlText {
  /**
   * Plain scalars we write: words of letters, digits and a little punctuation, never starting with
   * an indicator, never holding {@code ": "}, {@code " #"} or a trailing colon or space.
   */
  private static final Pattern PLAIN =
      Pattern.compile("[\\p{L}\\p{N}_/][\\p{L}\\p{M}\\p{N} _./@+()',:-]*");

  private static final ScalarResolver CORE = new CoreSchema().getScalarResolver();

  /**
   * Words YAML 1.1 reads as booleans. They are strings in YAML 1.2, which kinde-props reads, but
   * quoting them keeps older tools and readers from taking them for {@code true} or {@code false}.
   */
  private static final Pattern YAML_11_BOOLEAN =
      Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF");

  private YamlText() {}

  /** A scalar for a key or a value: plain when it reads back as the same string, else quoted. */
  static String scalar(String text) {
    String escaped = escapeVariables(text);
    if (plain(escaped)) {
      return escaped;
    }
    return quoted(escaped);
  }

  /**
   * A value that may span lines: a literal block ({@code |} or {@code |-}) indented by {@code
   * indent} when its lines allow one, else a scalar. The result follows {@code key:} directly.
   */
  static String value(String text, String indent) {
    String escaped = escapeVariables(text);
    if (escaped.indexOf('\n') >= 0 && literal(escaped)) {
      boolean finalNewline = escaped.endsWith("\n");
      String body = finalNewline ? escaped.substring(0, escaped.length() - 1) : escaped;
      StringBuilder out = new StringBuilder(finalNewline ? "|" : "|-");
      for (String line : body.split("\n", -1)) {
        out.append('\n');
        if (!line.isEmpty()) {
          out.append(indent).append(line);
        }
      }
      return out.toString();
    }
    return scalar(text);
  }

  /** A comment's text on one line: the text double-quoted, with breaks and controls escaped. */
  static String comment(String text) {
    return quoted(text);
  }

  /** {@code ${} becomes {@code $${}, which the loader reads back as {@code ${}. */
  static String escapeVariables(String text) {
    return text.replace("${", "$${");
  }

  private static boolean plain(String text) {
    return PLAIN.matcher(text).matches()
        && !text.contains(": ")
        && !text.endsWith(":")
        && !text.endsWith(" ")
        && !YAML_11_BOOLEAN.matcher(text).matches()
        && CORE.resolve(text, true).equals(Tag.STR);
  }

  /** Whether a literal block keeps this text exactly: no line may start or end with a blank. */
  private static boolean literal(String text) {
    if (text.startsWith(" ") || text.startsWith("\t") || text.startsWith("\n")) {
      return false;
    }
    if (text.endsWith("\n\n")) {
      return false; // keeping several final newlines would need |+; quoting is clearer
    }
    for (String line : text.split("\n", -1)) {
      if (line.endsWith(" ") || line.endsWith("\t")) {
        return false;
      }
    }
    return text.codePoints().allMatch(c -> c == '\n' || c == '\t' || printable(c));
  }

  /** A double-quoted YAML scalar; everything outside YAML's printable set is escaped. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                  if (printable(c)) {
                    out.appendCodePoint(c);
                  } else if (c <= 0xFF) {
                    out.append(String.format("\\x%02X", c));
                  } else if (c <= 0xFFFF) {
                    out.append(String.format("\\u%04X", c));
                  } else {
                    out.append(String.format("\\U%08X", c));
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /**
   * YAML's printable characters, less the ones some readers take for line breaks (NEL, LS, PS) and
   * the byte order mark.
   */
  private static boolean printable(int c) {
    return (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
