package dev.kindeprops.live.kinde;

import dev.kindeprops.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The code and message of a Kinde error body, which comes in three shapes: {@code
 * {"errors":[{code,message}]}}, {@code {"errors":{code,message}}} and {@code {code,message}}; the
 * token endpoint's OAuth form {@code {error,error_description}} is read too.
 */
record ApiError(String code, String message) {
  static final ApiError NONE = new ApiError("", "");

  static ApiError parse(String body) {
    if (body == null || body.isBlank()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      return NONE;
    }
    if (root == null || !root.isObject()) {
      return NONE;
    }
    JsonNode errors = root.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      return of(errors.get(0));
    }
    if (errors.isObject()) {
      return of(errors);
    }
    if (root.has("error")) {
      return new ApiError(Wire.text(root, "error"), Wire.text(root, "error_description"));
    }
    return of(root);
  }

  private static ApiError of(JsonNode node) {
    String code = Wire.text(node, "code");
    String message = Wire.text(node, "message");
    return new ApiError(code == null ? "" : code, message == null ? "" : message);
  }

  boolean isEmpty() {
    return code.isEmpty() && message.isEmpty();
  }

  /** {@code CODE: message}, or whichever of the two there is. */
  String describe() {
    if (code.isEmpty()) {
      return message;
    }
    return message.isEmpty() ? code : code + ": " + message;
  }
}
