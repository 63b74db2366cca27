package dev.kindeprops.manifest;

import dev.kindeprops.diag.SourceLocation;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One manifest file as JSON, with where each part of it is written.
 *
 * @param file the file's name in messages
 * @param root the document, scalars already substituted
 * @param places by JSON pointer: where the key and the value of each node are written
 * @param unresolved JSON pointers of scalars whose substitution failed (already reported), so that
 *     no further message is given about them
 */
record ManifestDocument(
    String file, JsonNode root, Map<String, Place> places, Set<String> unresolved) {

  /**
   * Where a node is written.
   *
   * @param key where its key is written, or null for the root and list items
   * @param value where the node itself starts
   * @param raw the scalar as written in the file, or null for a list or map
   */
  record Place(SourceLocation key, SourceLocation value, String raw) {}

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

  /** Where the node's key is written, or the node itself when it has no key. */
  SourceLocation keyAt(String pointer) {
    Place place = places.get(pointer);
    if (place == null) {
      return SourceLocation.ofFile(file);
    }
    return place.key() != null ? place.key() : place.value();
  }

  /** Where the node itself is written. */
  SourceLocation valueAt(String pointer) {
    Place place = places.get(pointer);
    return place == null ? SourceLocation.ofFile(file) : place.value();
  }

  /** The scalar as written in the file, or null. */
  String raw(String pointer) {
    Place place = places.get(pointer);
    return place == null ? null : place.raw();
  }
}
