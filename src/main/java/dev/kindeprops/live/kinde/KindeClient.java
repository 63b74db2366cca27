package dev.kindeprops.live.kinde;

import dev.kindeprops.json.Json;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kinde Management API calls kinde-props makes, over {@link KindeHttp}: properties, categories,
 * applications and their values, application tokens and the signing keys. Safe to use from several
 * threads.
 */
final class KindeClient {
  /** The largest page Kinde's spec allows ({@code PAGE_SIZE_LIMIT_EXCEEDED} above it). */
  static final int PAGE_SIZE = 100;

  private final KindeHttp http;

  KindeClient(KindeSettings settings, Consumer<String> trace, Timing timing, RetryPolicy retry) {
    this.http = new KindeHttp(settings, trace, timing, retry);
  }

  KindeSettings settings() {
    return http.settings();
  }

  /** Adds a secret that arrived from elsewhere (a token given on the command line). */
  void remember(Secret secret) {
    http.remember(secret);
  }

  /** Blanks every secret this client has seen out of {@code text}. */
  String scrub(String text) {
    return http.scrub(text);
  }

  // ---- Properties -------------------------------------------------------------------------

  /** Every application-context property, Kinde's own included. */
  List<Wire.Property> listProperties() {
    return cursorPages(
        Call.of(Endpoint.LIST_PROPERTIES, "list properties").query(Map.of("context", "app")),
        "properties",
        Wire.Property::from,
        Wire.Property::id);
  }

  /** Creates an application property and returns its id; never creates it twice. */
  String createProperty(
      String key,
      String name,
      String description,
      String type,
      boolean isPrivate,
      String categoryId) {
    ObjectNode body = propertyBody(name, description, isPrivate, categoryId);
    body.put("key", key);
    body.put("type", type);
    body.put("context", "app");
    return http.createdId(
        Call.of(Endpoint.CREATE_PROPERTY, "create property '" + key + "'").json(body),
        "property",
        () -> idOf(listProperties(), p -> key.equals(p.key()), Wire.Property::id));
  }

  /** Sets the mutable fields of a property. */
  void updateProperty(
      String propertyId,
      String key,
      String name,
      String description,
      boolean isPrivate,
      String categoryId) {
    http.send(
        Call.of(
                Endpoint.UPDATE_PROPERTY,
                "/api/v1/properties/" + Call.segment(propertyId),
                "update property '" + key + "'")
            .json(propertyBody(name, description, isPrivate, categoryId)));
  }

  /** The fields a create and an update both send. */
  private static ObjectNode propertyBody(
      String name, String description, boolean isPrivate, String categoryId) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("name", name);
    body.put("description", description);
    body.put("is_private", isPrivate);
    body.put("category_id", categoryId);
    return body;
  }

  /** Deletes a property (and with it every application's value of it). */
  void deleteProperty(String propertyId, String key) {
    http.send(
        Call.of(
            Endpoint.DELETE_PROPERTY,
            "/api/v1/properties/" + Call.segment(propertyId),
            "delete property '" + key + "'"));
  }

  // ---- Categories -------------------------------------------------------------------------

  /**
   * The property categories of every context, and which are user or organization ones. Kinde's list
   * items carry no context, and its filter names only {@code usr} and {@code org}: the application
   * categories are those of the whole list that neither filter lists. Where Kinde does not filter
   * (both lists share a category, or it refuses the filter), the contexts are not known.
   */
  CategoryListing listCategories() {
    List<Wire.Category> all = listCategories(Map.of());
    List<Wire.Category> user;
    List<Wire.Category> organization;
    try {
      user = listCategories(Map.of("context", "usr"));
      organization = listCategories(Map.of("context", "org"));
    } catch (KindeHttp.RejectedException e) {
      if (e.status != 400) {
        throw e;
      }
      http.trace("categories cannot be filtered by context here; their contexts are not known");
      return new CategoryListing(all, Set.of(), false);
    }
    Set<String> userIds = ids(user);
    Set<String> organizationIds = ids(organization);
    Set<String> allIds = ids(all);
    boolean filtered =
        Collections.disjoint(userIds, organizationIds)
            && allIds.containsAll(userIds)
            && allIds.containsAll(organizationIds);
    if (!filtered) {
      http.trace("categories were not filtered by context here; their contexts are not known");
      return new CategoryListing(all, Set.of(), false);
    }
    Set<String> others = new HashSet<>(userIds);
    others.addAll(organizationIds);
    return new CategoryListing(all, others, true);
  }

  /**
   * The categories Kinde listed.
   *
   * @param otherContexts ids of the user and organization categories among them
   * @param contextsKnown whether Kinde filtered by context, so that the rest are application ones
   */
  record CategoryListing(
      List<Wire.Category> all, Set<String> otherContexts, boolean contextsKnown) {
    /** The application categories, or every category where the contexts are not known. */
    List<Wire.Category> candidates() {
      return all.stream().filter(c -> !otherContexts.contains(c.id())).toList();
    }
  }

  private List<Wire.Category> listCategories(Map<String, String> filter) {
    return cursorPages(
        Call.of(Endpoint.LIST_CATEGORIES, "list property categories").query(filter),
        "categories",
        Wire.Category::from,
        Wire.Category::id);
  }

  private static Set<String> ids(List<Wire.Category> categories) {
    Set<String> ids = new HashSet<>();
    categories.stream().map(Wire.Category::id).filter(Objects::nonNull).forEach(ids::add);
    return ids;
  }

  /** Creates an application-property category and returns its id; never creates it twice. */
  String createCategory(String name) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("context", "app");
    return http.createdId(
        Call.of(Endpoint.CREATE_CATEGORY, "create category '" + name + "'").json(body),
        "category",
        () -> idOf(listCategories().candidates(), c -> name.equals(c.name()), Wire.Category::id));
  }

  // ---- Applications -----------------------------------------------------------------------

  /** Every application of every type. */
  List<Wire.Application> listApplications() {
    return listApplications(page -> {});
  }

  /** Every application, handing each page to {@code onPage} as it arrives. */
  List<Wire.Application> listApplications(Consumer<List<Wire.Application>> onPage) {
    return http.pages(
        Call.of(Endpoint.LIST_APPLICATIONS, "list applications")
            .query(Map.of("page_size", Integer.toString(PAGE_SIZE))),
        "applications",
        Wire.Application::from,
        (page, items, query) -> {
          onPage.accept(items);
          return nextToken(page, query);
        });
  }

  /** One application, its client secret included (masked in every printed form). */
  Wire.ApplicationDetail getApplication(String applicationId) {
    Call call =
        Call.of(
                Endpoint.GET_APPLICATION,
                "/api/v1/applications/" + Call.segment(applicationId),
                "read application " + applicationId)
            .about(applicationId);
    Wire.ApplicationDetail detail =
        Wire.ApplicationDetail.from(http.json(call).path("application"));
    http.rememberCredentials(
        detail.clientId() == null ? applicationId : detail.clientId(), detail.secret());
    return detail;
  }

  /**
   * An application's property values. The spec declares {@code next_token} on the answer but no
   * parameters; it is followed defensively and normally absent.
   */
  List<Wire.PropertyValue> getPropertyValues(String applicationId) {
    return http.pages(
        Call.of(
                Endpoint.GET_PROPERTY_VALUES,
                "/api/v1/applications/" + Call.segment(applicationId) + "/properties",
                "read the property values of application " + applicationId)
            .about(applicationId),
        "properties",
        Wire.PropertyValue::from,
        (page, items, query) -> nextToken(page, query));
  }

  /** Sets one application's value of one property; an empty value is how a value is removed. */
  void setPropertyValue(String applicationId, String key, String value) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("value", value);
    http.send(
        Call.of(
                Endpoint.SET_PROPERTY_VALUE,
                "/api/v1/applications/"
                    + Call.segment(applicationId)
                    + "/properties/"
                    + Call.segment(key),
                (value.isEmpty() ? "remove the value of '" : "set '")
                    + key
                    + "' on application "
                    + applicationId)
            .about(applicationId)
            .json(body));
  }

  // ---- Tokens -----------------------------------------------------------------------------

  /**
   * Mints a client-credentials token as an application, for checking what Kinde puts in it.
   *
   * @param audience the API audience, or null to ask for none
   */
  Secret mintApplicationToken(String applicationId, Secret secret, String audience) {
    return http.requestToken(
            applicationId, secret, audience, "get a token for application " + applicationId)
        .accessToken();
  }

  /** The domain's signing keys as JSON ({@code /.well-known/jwks}). */
  JsonNode signingKeys() {
    return http.json(Call.of(Endpoint.JWKS, "read the signing keys"));
  }

  /** The id of the first item that is the one asked for, if the list holds it. */
  private static <T> Optional<String> idOf(
      List<T> items, Predicate<T> wanted, Function<T, String> id) {
    return items.stream().filter(wanted).map(id).findFirst();
  }

  // ---- Paging -----------------------------------------------------------------------------

  /**
   * {@code has_more} and {@code starting_after}, the id of the last item (properties, categories).
   */
  private <T> List<T> cursorPages(
      Call first, String field, Function<JsonNode, T> reader, Function<T, String> id) {
    Map<String, String> filter = new LinkedHashMap<>(first.query());
    filter.put("page_size", Integer.toString(PAGE_SIZE));
    return http.pages(
        first.query(filter),
        field,
        reader,
        (page, items, query) -> {
          if (!page.path("has_more").asBoolean(false) || items.isEmpty()) {
            return null;
          }
          String last = id.apply(items.get(items.size() - 1));
          if (last == null) {
            return query; // no id to go on from: the same page again, which pages() refuses
          }
          Map<String, String> next = new LinkedHashMap<>(filter);
          next.put("starting_after", last);
          return next;
        });
  }

  /** The query with the page's {@code next_token}, or null on the last page. */
  private static Map<String, String> nextToken(JsonNode page, Map<String, String> query) {
    String token = Wire.text(page, "next_token");
    if (token == null || token.isEmpty()) {
      return null;
    }
    Map<String, String> next = new LinkedHashMap<>(query);
    next.put("next_token", token);
    return next;
  }
}
