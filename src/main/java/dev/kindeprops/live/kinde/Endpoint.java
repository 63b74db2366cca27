package dev.kindeprops.live.kinde;

/** The Kinde calls kinde-props makes, with the Management API scope each needs. */
enum Endpoint {
  TOKEN("POST", "/oauth2/token", null),
  JWKS("GET", "/.well-known/jwks", null),
  LIST_PROPERTIES("GET", "/api/v1/properties", "read:properties"),
  CREATE_PROPERTY("POST", "/api/v1/properties", "create:properties"),
  UPDATE_PROPERTY("PUT", "/api/v1/properties/{property_id}", "update:properties"),
  DELETE_PROPERTY("DELETE", "/api/v1/properties/{property_id}", "delete:properties"),
  LIST_CATEGORIES("GET", "/api/v1/property_categories", "read:property_categories"),
  CREATE_CATEGORY("POST", "/api/v1/property_categories", "create:property_categories"),
  LIST_APPLICATIONS("GET", "/api/v1/applications", "read:applications"),
  GET_APPLICATION("GET", "/api/v1/applications/{application_id}", "read:applications"),
  GET_PROPERTY_VALUES(
      "GET", "/api/v1/applications/{application_id}/properties", "read:application_properties"),
  SET_PROPERTY_VALUE(
      "PUT",
      "/api/v1/applications/{application_id}/properties/{property_key}",
      "update:application_properties");

  final String method;
  final String pathTemplate;

  /** The Management API scope it needs, or null for the public endpoints. */
  final String scope;

  Endpoint(String method, String pathTemplate, String scope) {
    this.method = method;
    this.pathTemplate = pathTemplate;
    this.scope = scope;
  }

  boolean needsManagementToken() {
    return scope != null;
  }

  /** Whether sending it twice does no harm: all but the creating POSTs (a token is harmless). */
  boolean retrySafe() {
    return !method.equals("POST") || this == TOKEN;
  }
}
