package dev.kindeprops.render;

/** ANSI colours for terminal output, or none at all: the command decides which. */
final class Style {
  private static final String RESET = "\u001b[0m";

  private final boolean color;

  Style(boolean color) {
    this.color = color;
  }

  String bold(String text) {
    return paint("\u001b[1m", text);
  }

  String green(String text) {
    return paint("\u001b[32m", text);
  }

  String yellow(String text) {
    return paint("\u001b[33m", text);
  }

  String red(String text) {
    return paint("\u001b[31m", text);
  }

  String cyan(String text) {
    return paint("\u001b[36m", text);
  }

  String dim(String text) {
    return paint("\u001b[2m", text);
  }

  private String paint(String code, String text) {
    return color && !text.isEmpty() ? code + text + RESET : text;
  }
}
