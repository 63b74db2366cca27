package dev.kindeprops.render;

/** A renderer for people at a terminal or reading a log: ANSI colours only where asked. */
abstract class TextRenderer<V> implements Renderer<V> {
  final Style style;

  TextRenderer(boolean color) {
    this.style = new Style(color);
  }
}
