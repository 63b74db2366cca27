package dev.kindeprops.manifest;

import dev.kindeprops.diag.SourceLocation;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One manifest file as JSON, with where each part of it is written.
 *
 * <p>Places are kept with the list or map that holds them, found by the JSON node's identity: a
 * large manifest has hundreds of thousands of them, and the checks look up each by its parent node
 * and name rather than by a JSON pointer built for the purpose. An alias repeats its anchored node
 * (the same JSON node), so the places inside it are the anchored text's. Messages about the schema
 * find places by JSON pointer ({@link #place(String)}).
 *
 * @param file the file's name in messages
 * @param root the document, scalars already substituted
 * @param rootPlace where the document's map starts
 * @param fields for each map of the document (by identity): where each of its fields is written
 * @param items for each list of the document (by identity): where each of its items is written
 */
record ManifestDocument(
    String file,
    JsonNode root,
    Place rootPlace,
    Map<JsonNode, Map<String, Place>> fields,
    Map<JsonNode, List<Place>> items) {

  /**
   * Where a node is written, as 1-based lines and columns.
   *
   * @param keyLine the line of its key, or 0 for the root and list items
   * @param keyColumn the column of its key
   * @param line the line where the node itself starts
   * @param column the column where it starts
   * @param raw the scalar as written in the file, or null for a list or map
   * @param unresolved whether its substitution failed (already reported), so that no further
   *     message is given about it
   */
  record Place(int keyLine, int keyColumn, int line, int column, String raw, boolean unresolved) {
    /** The same node under another key (an alias repeats an anchored node). */
    Place withKey(int line, int column) {
      return new Place(line, column, this.line, this.column, raw, unresolved);
    }
  }

  /** The JSON pointer of a child, escaped as RFC 6901 says. */
  static String child(String pointer, String name) {
    if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
      return pointer + "/" + name;
    }
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  /** Where a field of {@code map} is written, or null when it is not in the document. */
  Place place(JsonNode map, String name) {
    Map<String, Place> places = fields.get(map);
    return places == null ? null : places.get(name);
  }

  /** Where an item of {@code list} is written, or null when it is not in the document. */
  Place place(JsonNode list, int index) {
    List<Place> places = items.get(list);
    return places == null || index < 0 || index >= places.size() ? null : places.get(index);
  }

  /** Where the node at a JSON pointer is written, or null when there is none. */
  Place place(String pointer) {
    if (pointer.isEmpty()) {
      return rootPlace;
    }
    JsonNode node = root;
    Place place = null;
    for (String segment : pointer.substring(1).split("/", -1)) {
      if (node == null) {
        return null;
      }
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (node.isObject()) {
        place = place(node, name);
        node = node.get(name);
      } else if (node.isArray() && name.matches("0|[1-9][0-9]{0,8}")) {
        place = place(node, Integer.parseInt(name));
        node = node.get(Integer.parseInt(name));
      } else {
        return null;
      }
    }
    return place;
  }

  /** Where the node's key is written, or the node itself when it has no key. */
  SourceLocation keyAt(String pointer) {
    return keyAt(place(pointer));
  }

  /** Where a field of {@code map} has its key. */
  SourceLocation keyAt(JsonNode map, String name) {
    return keyAt(place(map, name));
  }

  /** Where the node itself is written. */
  SourceLocation valueAt(String pointer) {
    return valueAt(place(pointer));
  }

  /** Where the value of a field of {@code map} is written. */
  SourceLocation valueAt(JsonNode map, String name) {
    return valueAt(place(map, name));
  }

  /** Where an item of {@code list} is written. */
  SourceLocation valueAt(JsonNode list, int index) {
    return valueAt(place(list, index));
  }

  /** The scalar as written in the file, or null. */
  String raw(String pointer) {
    Place place = place(pointer);
    return place == null ? null : place.raw();
  }

  /** Whether the substitution of the scalar at a JSON pointer failed (already reported). */
  boolean isUnresolved(String pointer) {
    Place place = place(pointer);
    return place != null && place.unresolved();
  }

  private SourceLocation keyAt(Place place) {
    if (place == null) {
      return SourceLocation.ofFile(file);
    }
    return place.keyLine() > 0
        ? new SourceLocation(file, place.keyLine(), place.keyColumn())
        : new SourceLocation(file, place.line(), place.column());
  }

  private SourceLocation valueAt(Place place) {
    return place == null
        ? SourceLocation.ofFile(file)
        : new SourceLocation(file, place.line(), place.column());
  }
}
