package dev.kindeprops.live.kinde;

import dev.kindeprops.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;

/**
 * One request to Kinde.
 *
 * @param path the path as sent, its segments already encoded
 * @param what what it does, for messages: {@code list properties}
 * @param applicationId the application it concerns, for "no such application" messages; or null
 */
record Call(
    Endpoint endpoint,
    String path,
    Map<String, String> query,
    String contentType,
    String body,
    String what,
    String applicationId) {

  Call {
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }

  /** A call to the endpoint's own path (one without parameters in it). */
  static Call of(Endpoint endpoint, String what) {
    return of(endpoint, endpoint.pathTemplate, what);
  }

  static Call of(Endpoint endpoint, String path, String what) {
    return new Call(endpoint, path, Map.of(), null, null, what, null);
  }

  Call query(Map<String, String> query) {
    return new Call(endpoint, path, query, contentType, body, what, applicationId);
  }

  Call json(JsonNode json) {
    return new Call(
        endpoint,
        path,
        query,
        "application/json",
        Json.MAPPER.writeValueAsString(json),
        what,
        applicationId);
  }

  Call form(String form) {
    return new Call(
        endpoint, path, query, "application/x-www-form-urlencoded", form, what, applicationId);
  }

  Call about(String application) {
    return new Call(endpoint, path, query, contentType, body, what, application);
  }

  /** Never the body: a token request's body holds a client secret. */
  @Override
  public String toString() {
    return endpoint.method + " " + target();
  }

  /** The path and query as sent, in order, for traces (never holds a secret). */
  String target() {
    if (query.isEmpty()) {
      return path;
    }
    StringJoiner joined = new StringJoiner("&", path + "?", "");
    query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
    return joined.toString();
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A path segment: percent-encoded, with spaces as %20 rather than the form encoding's '+'. */
  static String segment(String value) {
    return encode(value).replace("+", "%20");
  }
}
