package dev.kindeprops.render;

/**
 * Writes one report, computed once as a view, in one output format. The renderers of a report are
 * siblings: each reads the same view and none computes anything another needs.
 */
@FunctionalInterface
public interface Renderer<V> {
  String render(V view);
}
