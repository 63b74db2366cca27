package dev.kindeprops.render;

import java.io.PrintStream;

/**
 * Writes one report, computed once as a view, in one output format. The renderers of a report are
 * siblings: each reads the same view and none computes anything another needs.
 */
@FunctionalInterface
public interface Renderer<V> {
  String render(V view);

  /**
   * Writes the report to the stream (which stays open); a renderer of large reports writes it in
   * parts instead of building one string.
   */
  default void write(V view, PrintStream out) {
    out.print(render(view));
  }
}
