package dev.kindeprops.live.kinde;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The Management API's JSON shapes that the client reads, as records that never leave this package.
 * Every field is optional in Kinde's spec, so each is read leniently.
 */
final class Wire {
  private Wire() {}

  /**
   * An item of {@code GET /api/v1/properties}. The spec's list item has no {@code type} or {@code
   * category_id}; they are read when the live API sends them and are null otherwise.
   */
  record Property(
      String id,
      String key,
      String name,
      String description,
      boolean isPrivate,
      boolean isKindeProperty,
      String type,
      String categoryId) {
    static Property from(JsonNode node) {
      return new Property(
          text(node, "id"),
          text(node, "key"),
          text(node, "name"),
          text(node, "description"),
          node.path("is_private").asBoolean(true),
          node.path("is_kinde_property").asBoolean(false),
          text(node, "type"),
          text(node, "category_id"));
    }
  }

  /** An item of {@code GET /api/v1/property_categories}. */
  record Category(String id, String name) {
    static Category from(JsonNode node) {
      return new Category(text(node, "id"), text(node, "name"));
    }
  }

  /** An item of {@code GET /api/v1/applications}. */
  record Application(String id, String name, String type) {
    static Application from(JsonNode node) {
      return new Application(text(node, "id"), text(node, "name"), text(node, "type"));
    }
  }

  /**
   * The parts of {@code GET /api/v1/applications/{id}} the client uses; the secret stays masked.
   */
  record ApplicationDetail(String id, String name, String type, String clientId, Secret secret) {
    static ApplicationDetail from(JsonNode node) {
      String secret = text(node, "client_secret");
      return new ApplicationDetail(
          text(node, "id"),
          text(node, "name"),
          text(node, "type"),
          text(node, "client_id"),
          secret == null || secret.isEmpty() ? null : new Secret(secret));
    }
  }

  /** An item of {@code GET /api/v1/applications/{id}/properties}; {@code value} may be null. */
  record PropertyValue(String key, String value) {
    static PropertyValue from(JsonNode node) {
      JsonNode value = node.path("value");
      return new PropertyValue(
          text(node, "key"), value.isNull() || value.isMissingNode() ? null : value.asString());
    }
  }

  /** A token endpoint answer. */
  record Token(Secret accessToken, long expiresInSeconds) {}

  /** The string at {@code field}, or null when absent or null; numbers and booleans as text. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (value.isNull() || value.isMissingNode() || value.isContainer()) {
      return null;
    }
    return value.asString();
  }

  /** The items of the array at {@code field}, each read by {@code reader}; none when absent. */
  static <T> List<T> items(JsonNode node, String field, Function<JsonNode, T> reader) {
    List<T> items = new ArrayList<>();
    for (JsonNode item : node.path(field)) {
      if (item.isObject()) {
        items.add(reader.apply(item));
      }
    }
    return items;
  }
}
