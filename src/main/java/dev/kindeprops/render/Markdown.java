package dev.kindeprops.render;

import java.util.List;

/** Markdown that GitHub shows as meant whatever the text holds: escaped, fenced, kept short. */
final class Markdown {
  private Markdown() {}

  /** Inline code that survives any content, tables included. */
  static String code(String text) {
    return "<code>" + html(text).replace("|", "&#124;") + "</code>";
  }

  /** Text with the characters HTML gives meaning to escaped. */
  static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A fenced diff block whose fence is longer than any run of backticks inside it. */
  static String diffBlock(List<String> lines) {
    String body = String.join("\n", lines);
    int longest = 0;
    int run = 0;
    for (int i = 0; i < body.length(); i++) {
      run = body.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    return fence + "diff\n" + body + "\n" + fence + "\n";
  }

  /** The first {@code max} items, one per line, then how many more there are. */
  static void appendCapped(StringBuilder out, List<String> items, int max, String more) {
    items.stream().limit(max).forEach(item -> out.append(item).append('\n'));
    if (items.size() > max) {
      out.append(more.formatted(items.size() - max)).append('\n');
    }
  }
}
