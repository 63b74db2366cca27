package dev.kindeprops.render;

/** ANSI colours for terminal output, or none at all: the command decides which. */
final class Style {
  /** The colours (and weights) the text reports use. */
  enum Colour {
    BOLD("1"),
    DIM("2"),
    RED("31"),
    GREEN("32"),
    YELLOW("33"),
    CYAN("36");

    private final String code;

    Colour(String code) {
      this.code = code;
    }
  }

  private static final String RESET = "\u001b[0m";

  private final boolean color;

  Style(boolean color) {
    this.color = color;
  }

  /** The text in this colour, when colours are on; an empty text stays empty. */
  String paint(Colour colour, String text) {
    return color && !text.isEmpty() ? "\u001b[" + colour.code + "m" + text + RESET : text;
  }
}
