package dev.kindeprops.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reading workflow files as plain maps and lists (YAML 1.2, so {@code on} is a string key). */
final class Yaml {
  private Yaml() {}

  static Map<String, Object> load(Path file) throws IOException {
    Object root =
        new Load(LoadSettings.builder().setLabel(file.toString()).build())
            .loadFromString(Files.readString(file));
    return map(root);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    if (node == null) {
      return Map.of();
    }
    if (!(node instanceof Map)) {
      throw new AssertionError("expected a map, not " + node);
    }
    return (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node) {
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof List)) {
      throw new AssertionError("expected a list, not " + node);
    }
    return (List<Object>) node;
  }

  static String text(Object node) {
    return node == null ? null : node.toString();
  }
}
