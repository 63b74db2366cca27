package dev.kindeprops.live.kinde;

import dev.kindeprops.json.Json;
import dev.kindeprops.live.TargetException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kinde Management API over {@link HttpClient}: the client-credentials token (cached, renewed
 * before expiry and after a 401), both pagination styles, the three error shapes, a shared rate
 * limit and bound on requests in flight, and retries that never create anything twice. Safe to use
 * from several threads.
 */
final class KindeClient {
  /** The largest page Kinde's spec allows ({@code PAGE_SIZE_LIMIT_EXCEEDED} above it). */
  static final int PAGE_SIZE = 100;

  private static final String TRACE_PREFIX = "kinde: ";

  /** The calls this client makes, with the scope each needs. */
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

  /**
   * One request.
   *
   * @param what what it does, for messages: {@code list properties}
   * @param applicationId the application it concerns, for "no such application" messages
   */
  private record Call(
      Endpoint endpoint,
      String path,
      Map<String, String> query,
      String contentType,
      String body,
      String what,
      String applicationId) {

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

    /** The path and query as sent, for traces (never holds a secret). */
    String target() {
      if (query.isEmpty()) {
        return path;
      }
      StringJoiner joined = new StringJoiner("&", path + "?", "");
      query.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
      return joined.toString();
    }
  }

  private record Reply(int status, String body, HttpHeaders headers) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private record CachedToken(Secret value, long renewAtNanos) {}

  private final KindeSettings settings;
  private final HttpClient http;
  private final Throttle throttle;
  private final RetryPolicy retry;
  private final Timing timing;
  private final Consumer<String> trace;
  private final Redactor redactor = new Redactor();
  private final Object tokenLock = new Object();
  private CachedToken managementToken; // guarded by tokenLock
  private volatile boolean categoriesAcceptAppContext = true;

  KindeClient(KindeSettings settings, Consumer<String> trace, Timing timing, RetryPolicy retry) {
    this.settings = settings;
    this.trace = trace == null ? line -> {} : trace;
    this.timing = timing;
    this.retry = retry;
    this.throttle = new Throttle(settings.maxRequestsPerSecond(), settings.parallelism(), timing);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // Plain http is only for loopback test servers, which speak HTTP/1.1.
            .version(
                settings.domain().startsWith("https:")
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .build();
    redactor.remember(settings.clientSecret());
  }

  KindeSettings settings() {
    return settings;
  }

  /** Adds a secret that arrived from elsewhere (a token given on the command line). */
  void remember(Secret secret) {
    redactor.remember(secret);
  }

  /** Blanks every secret this client has seen out of {@code text}. */
  String scrub(String text) {
    return redactor.scrub(text);
  }

  // ---- Properties -------------------------------------------------------------------------

  /** Every application-context property, Kinde's own included, following {@code has_more}. */
  List<Wire.Property> listProperties() {
    return cursorPages(
        Endpoint.LIST_PROPERTIES,
        "list properties",
        Map.of("context", "app"),
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
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("name", name);
    body.put("description", description);
    body.put("key", key);
    body.put("type", type);
    body.put("context", "app");
    body.put("is_private", isPrivate);
    body.put("category_id", categoryId);
    Call call =
        Call.of(
                Endpoint.CREATE_PROPERTY,
                Endpoint.CREATE_PROPERTY.pathTemplate,
                "create property '" + key + "'")
            .json(body);
    return exchange(
        call,
        reply -> createdId(reply, "property", call),
        () ->
            listProperties().stream()
                .filter(p -> key.equals(p.key()))
                .map(Wire.Property::id)
                .findFirst());
  }

  /** Sets the mutable fields of a property. */
  void updateProperty(
      String propertyId,
      String key,
      String name,
      String description,
      boolean isPrivate,
      String categoryId) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("name", name);
    body.put("description", description);
    body.put("is_private", isPrivate);
    body.put("category_id", categoryId);
    exchange(
        Call.of(
                Endpoint.UPDATE_PROPERTY,
                "/api/v1/properties/" + segment(propertyId),
                "update property '" + key + "'")
            .json(body),
        reply -> null,
        null);
  }

  /** Deletes a property (and with it every application's value of it). */
  void deleteProperty(String propertyId, String key) {
    exchange(
        Call.of(
            Endpoint.DELETE_PROPERTY,
            "/api/v1/properties/" + segment(propertyId),
            "delete property '" + key + "'"),
        reply -> null,
        null);
  }

  // ---- Categories -------------------------------------------------------------------------

  /**
   * The property categories. Asks for {@code context=app}, which the create call accepts but the
   * list call's spec does not name; if Kinde refuses it (400), lists every category instead, once
   * and for the rest of this client's life.
   */
  List<Wire.Category> listCategories() {
    if (categoriesAcceptAppContext) {
      try {
        return cursorPages(
            Endpoint.LIST_CATEGORIES,
            "list property categories",
            Map.of("context", "app"),
            "categories",
            Wire.Category::from,
            Wire.Category::id);
      } catch (RejectedException e) {
        if (e.status != 400) {
          throw e;
        }
        categoriesAcceptAppContext = false;
        trace.accept(
            TRACE_PREFIX + "categories cannot be filtered by context=app here; listing all");
      }
    }
    return cursorPages(
        Endpoint.LIST_CATEGORIES,
        "list property categories",
        Map.of(),
        "categories",
        Wire.Category::from,
        Wire.Category::id);
  }

  /** Creates an application-property category and returns its id; never creates it twice. */
  String createCategory(String name) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("name", name);
    body.put("context", "app");
    Call call =
        Call.of(
                Endpoint.CREATE_CATEGORY,
                Endpoint.CREATE_CATEGORY.pathTemplate,
                "create category '" + name + "'")
            .json(body);
    return exchange(
        call,
        reply -> createdId(reply, "category", call),
        () ->
            listCategories().stream()
                .filter(c -> name.equals(c.name()))
                .map(Wire.Category::id)
                .findFirst());
  }

  // ---- Applications -----------------------------------------------------------------------

  /** Every application of every type, following {@code next_token}. */
  List<Wire.Application> listApplications() {
    return listApplications(page -> {});
  }

  /** Every application, handing each page to {@code onPage} as it arrives. */
  List<Wire.Application> listApplications(Consumer<List<Wire.Application>> onPage) {
    List<Wire.Application> all = new ArrayList<>();
    Set<String> seenTokens = new HashSet<>();
    String next = null;
    do {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("page_size", Integer.toString(PAGE_SIZE));
      if (next != null) {
        query.put("next_token", next);
      }
      Call call =
          Call.of(
                  Endpoint.LIST_APPLICATIONS,
                  Endpoint.LIST_APPLICATIONS.pathTemplate,
                  "list applications")
              .query(query);
      JsonNode page = exchange(call, reply -> parse(reply, call), null);
      List<Wire.Application> items = Wire.items(page, "applications", Wire.Application::from);
      onPage.accept(items);
      all.addAll(items);
      next = Wire.text(page, "next_token");
      if (next != null && !seenTokens.add(next)) {
        throw new TargetException("Kinde repeated a next_token while listing applications");
      }
    } while (next != null && !next.isEmpty());
    return all;
  }

  /** One application, its client secret included (masked in every printed form). */
  Wire.ApplicationDetail getApplication(String applicationId) {
    Call call =
        Call.of(
                Endpoint.GET_APPLICATION,
                "/api/v1/applications/" + segment(applicationId),
                "read application " + applicationId)
            .about(applicationId);
    Wire.ApplicationDetail detail =
        exchange(
            call,
            reply -> Wire.ApplicationDetail.from(parse(reply, call).path("application")),
            null);
    redactor.remember(detail.secret());
    return detail;
  }

  /**
   * An application's property values. The spec declares {@code next_token} on the answer but no
   * parameters; it is followed defensively and normally absent.
   */
  List<Wire.PropertyValue> getPropertyValues(String applicationId) {
    List<Wire.PropertyValue> all = new ArrayList<>();
    Set<String> seenTokens = new HashSet<>();
    String next = null;
    do {
      Call call =
          Call.of(
                  Endpoint.GET_PROPERTY_VALUES,
                  "/api/v1/applications/" + segment(applicationId) + "/properties",
                  "read the property values of application " + applicationId)
              .about(applicationId)
              .query(next == null ? Map.of() : Map.of("next_token", next));
      JsonNode page = exchange(call, reply -> parse(reply, call), null);
      all.addAll(Wire.items(page, "properties", Wire.PropertyValue::from));
      next = Wire.text(page, "next_token");
      if (next != null && !seenTokens.add(next)) {
        break;
      }
    } while (next != null && !next.isEmpty());
    return all;
  }

  /** Sets one application's value of one property; an empty value is how a value is removed. */
  void setPropertyValue(String applicationId, String key, String value) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("value", value);
    exchange(
        Call.of(
                Endpoint.SET_PROPERTY_VALUE,
                "/api/v1/applications/" + segment(applicationId) + "/properties/" + segment(key),
                (value.isEmpty() ? "remove the value of '" : "set '")
                    + key
                    + "' on application "
                    + applicationId)
            .about(applicationId)
            .json(body),
        reply -> null,
        null);
  }

  // ---- Tokens -----------------------------------------------------------------------------

  /**
   * Mints a client-credentials token as an application, for checking what Kinde puts in it.
   *
   * @param audience the API audience, or null to ask for none
   */
  Secret mintApplicationToken(String applicationId, Secret secret, String audience) {
    Wire.Token token =
        requestToken(
            applicationId, secret, audience, "get a token for application " + applicationId);
    return token.accessToken();
  }

  /** The domain's signing keys as JSON ({@code /.well-known/jwks}). */
  JsonNode signingKeys() {
    Call call = Call.of(Endpoint.JWKS, Endpoint.JWKS.pathTemplate, "read the signing keys");
    return exchange(call, reply -> parse(reply, call), null);
  }

  private Secret managementToken() {
    if (!settings.hasManagementCredentials()) {
      throw new TargetException(
          KindeSettings.CLIENT_ID_VARIABLE
              + " and "
              + KindeSettings.CLIENT_SECRET_VARIABLE
              + " are needed for the Kinde Management API");
    }
    synchronized (tokenLock) {
      long now = timing.nanoTime().getAsLong();
      if (managementToken == null || now - managementToken.renewAtNanos() >= 0) {
        Wire.Token token =
            requestToken(
                settings.clientId(), settings.clientSecret(), settings.managementAudience(), null);
        long lifetime = Math.max(0, token.expiresInSeconds());
        // Renew a minute early, or halfway through a lifetime shorter than two minutes.
        long margin = Math.min(60, lifetime / 2);
        managementToken =
            new CachedToken(
                token.accessToken(),
                timing.nanoTime().getAsLong() + Duration.ofSeconds(lifetime - margin).toNanos());
      }
      return managementToken.value();
    }
  }

  private void forgetManagementToken(Secret used) {
    synchronized (tokenLock) {
      if (managementToken != null && managementToken.value().equals(used)) {
        managementToken = null;
      }
    }
  }

  /**
   * Asks the token endpoint for a client-credentials token (client_secret_post, as Kinde's docs
   * show).
   *
   * @param forApplication null for the management token, else what the application token is for
   */
  private Wire.Token requestToken(
      String clientId, Secret secret, String audience, String forApplication) {
    StringJoiner form = new StringJoiner("&");
    form.add("grant_type=client_credentials");
    form.add("client_id=" + encode(clientId));
    form.add("client_secret=" + encode(secret.value()));
    if (audience != null) {
      form.add("audience=" + encode(audience));
    }
    Call call =
        Call.of(
                Endpoint.TOKEN,
                Endpoint.TOKEN.pathTemplate,
                forApplication == null ? "get a Management API token" : forApplication)
            .form(form.toString())
            .about(forApplication == null ? null : clientId);
    try {
      return exchange(call, reply -> readToken(reply, call), null);
    } catch (RejectedException e) {
      throw tokenRefused(e, clientId, audience, forApplication != null);
    }
  }

  private Wire.Token readToken(Reply reply, Call call) {
    JsonNode json = parse(reply, call);
    String value = Wire.text(json, "access_token");
    if (value == null || value.isEmpty()) {
      throw new TargetException("Kinde's token endpoint answered without an access_token");
    }
    Secret token = new Secret(value);
    redactor.remember(token);
    return new Wire.Token(token, json.path("expires_in").asLong(3600));
  }

  private TargetException tokenRefused(
      RejectedException e, String clientId, String audience, boolean application) {
    String code = e.error.code();
    String detail = e.error.isEmpty() ? "HTTP " + e.status : e.error.describe();
    if (application) {
      String hint =
          switch (code) {
            case "invalid_request" ->
                audience == null
                    ? ": Kinde may need an audience; set 'audience' for the application or pass"
                        + " --audience"
                    : "";
            case "unauthorized_client" ->
                ": the application is not authorized for the audience " + audience;
            default -> "";
          };
      return new ApplicationTokenException(
          scrub(
              "Kinde refused to issue a token to application "
                  + clientId
                  + " ("
                  + detail
                  + ")"
                  + hint));
    }
    String message =
        switch (code) {
          case "invalid_client" ->
              "Kinde refused the management credentials (invalid_client):"
                  + " check "
                  + KindeSettings.CLIENT_ID_VARIABLE
                  + " and "
                  + KindeSettings.CLIENT_SECRET_VARIABLE;
          case "unauthorized_client" ->
              "the application "
                  + clientId
                  + " ("
                  + KindeSettings.CLIENT_ID_VARIABLE
                  + ") is not authorized for the Kinde"
                  + " Management API ("
                  + audience
                  + "): authorize it in Kinde under Applications >"
                  + " the application > APIs";
          case "invalid_scope" ->
              "Kinde refused the requested scopes for "
                  + clientId
                  + " (invalid_scope): grant them under Applications > the application > APIs >"
                  + " Kinde Management API > Manage scopes";
          default ->
              "Kinde refused a Management API token ("
                  + detail
                  + "): check "
                  + KindeSettings.CLIENT_ID_VARIABLE
                  + ", "
                  + KindeSettings.CLIENT_SECRET_VARIABLE
                  + " and "
                  + KindeSettings.DOMAIN_VARIABLE;
        };
    return new TargetException(scrub(message));
  }

  // ---- Pagination -------------------------------------------------------------------------

  /** Follows {@code has_more}/{@code starting_after} (properties and categories). */
  private <T> List<T> cursorPages(
      Endpoint endpoint,
      String what,
      Map<String, String> filter,
      String field,
      Function<JsonNode, T> reader,
      Function<T, String> id) {
    List<T> all = new ArrayList<>();
    String after = null;
    boolean more;
    do {
      Map<String, String> query = new LinkedHashMap<>(filter);
      query.put("page_size", Integer.toString(PAGE_SIZE));
      if (after != null) {
        query.put("starting_after", after);
      }
      Call call = Call.of(endpoint, endpoint.pathTemplate, what).query(query);
      JsonNode page = exchange(call, reply -> parse(reply, call), null);
      List<T> items = Wire.items(page, field, reader);
      all.addAll(items);
      more = page.path("has_more").asBoolean(false) && !items.isEmpty();
      if (more) {
        String last = id.apply(items.get(items.size() - 1));
        if (last == null || last.equals(after)) {
          throw new TargetException("Kinde's pagination did not advance while trying to " + what);
        }
        after = last;
      }
    } while (more);
    return all;
  }

  // ---- Sending ----------------------------------------------------------------------------

  /** A non-2xx answer that no retry will change. */
  private static final class RejectedException extends TargetException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient ApiError error;

    RejectedException(String message, int status, ApiError error) {
      super(message);
      this.status = status;
      this.error = error;
    }
  }

  /**
   * Sends {@code call} until it succeeds, fails for good, or the retry budget is spent.
   *
   * @param settled for a creating POST: asked before each retry whether an earlier attempt took
   *     effect after all (by listing again), so that nothing is created twice
   */
  private <T> T exchange(Call call, Function<Reply, T> onSuccess, Supplier<Optional<T>> settled) {
    long started = timing.nanoTime().getAsLong();
    boolean renewedToken = false;
    String problem = null;
    for (int attempt = 1; ; attempt++) {
      Secret token = call.endpoint().needsManagementToken() ? managementToken() : null;
      Duration wait;
      boolean throttled = false;
      long sent = timing.nanoTime().getAsLong();
      Reply reply;
      try {
        reply = sendOnce(call, token);
      } catch (HttpTimeoutException e) {
        reply = null;
        problem = e instanceof HttpConnectTimeoutException ? "connect timed out" : "timed out";
      } catch (ConnectException | UnresolvedAddressException e) {
        traceLine(call, "cannot connect", sent, null);
        throw new TargetException(
            "cannot connect to "
                + settings.domain()
                + " to "
                + call.what()
                + ": check "
                + KindeSettings.DOMAIN_VARIABLE);
      } catch (SSLException e) {
        traceLine(call, "TLS failed", sent, null);
        throw new TargetException(
            scrub("TLS with " + settings.domain() + " failed: " + e.getMessage()));
      } catch (IOException e) {
        reply = null;
        problem = "connection reset";
      }
      if (reply != null && reply.ok()) {
        traceLine(call, Integer.toString(reply.status()), sent, null);
        return onSuccess.apply(reply);
      }
      if (reply != null && reply.status() == 401 && token != null && !renewedToken) {
        traceLine(call, "401", sent, "renewing the token and retrying");
        forgetManagementToken(token);
        renewedToken = true;
        attempt--;
        continue;
      }
      if (reply != null && reply.status() == 429) {
        throttled = true;
        problem = "throttled (429)";
        wait = rateLimitWait(reply.headers(), attempt);
      } else if (reply != null && reply.status() >= 500) {
        problem = "server error (" + reply.status() + ")";
        wait = retry.backoff(attempt, timing.random().getAsDouble());
      } else if (reply != null) {
        traceLine(call, Integer.toString(reply.status()), sent, null);
        if (call.endpoint() == Endpoint.DELETE_PROPERTY && attempt > 1 && isNotFound(reply)) {
          // An earlier attempt deleted it but its answer was lost.
          return onSuccess.apply(reply);
        }
        if (!call.endpoint().retrySafe() && attempt > 1 && reply.status() == 400) {
          // Refused as a duplicate? An earlier attempt may have taken effect after all.
          Optional<T> done = settled.get();
          if (done.isPresent()) {
            trace.accept(TRACE_PREFIX + "an earlier attempt to " + call.what() + " took effect");
            return done.get();
          }
        }
        throw rejected(call, reply);
      } else {
        wait = retry.backoff(attempt, timing.random().getAsDouble());
      }
      long elapsed = timing.nanoTime().getAsLong() - started;
      boolean exhausted =
          attempt >= retry.maxAttempts()
              || Duration.ofNanos(elapsed).plus(wait).compareTo(retry.maxElapsed()) > 0;
      String outcome = reply == null ? problem : Integer.toString(reply.status());
      if (exhausted) {
        traceLine(call, outcome, sent, "giving up after " + attempt + " attempts: " + problem);
        throw new TargetException(
            "Kinde did not "
                + call.what()
                + " after "
                + attempt
                + " attempts over "
                + seconds(Duration.ofNanos(elapsed))
                + " (last: "
                + problem
                + ")"
                + (throttled ? "; lower --max-rps or --parallelism" : ""));
      }
      traceLine(
          call,
          outcome,
          sent,
          "retry "
              + (attempt + 1)
              + "/"
              + retry.maxAttempts()
              + " in "
              + seconds(wait)
              + ": "
              + problem);
      if (throttled) {
        throttle.pause(wait);
      } else {
        sleep(wait);
      }
      if (!call.endpoint().retrySafe()) {
        Optional<T> done = settled.get();
        if (done.isPresent()) {
          trace.accept(TRACE_PREFIX + "an earlier attempt to " + call.what() + " took effect");
          return done.get();
        }
      }
    }
  }

  private Reply sendOnce(Call call, Secret token) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(settings.domain() + call.target()))
            .timeout(settings.requestTimeout())
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token.value());
    }
    if (call.body() == null) {
      request.method(call.endpoint().method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", call.contentType())
          .method(call.endpoint().method, HttpRequest.BodyPublishers.ofString(call.body()));
    }
    throttle.acquire();
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), response.headers());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while waiting for Kinde to " + call.what());
    } finally {
      throttle.release();
    }
  }

  /** {@code RateLimit-Reset} seconds, else {@code Retry-After} seconds, else backoff. */
  private Duration rateLimitWait(HttpHeaders headers, int attempt) {
    for (String header : List.of("RateLimit-Reset", "Retry-After")) {
      Optional<String> value = headers.firstValue(header);
      if (value.isPresent()) {
        try {
          long seconds = Long.parseLong(value.get().trim());
          Duration wait = Duration.ofSeconds(Math.max(0, seconds));
          return wait.compareTo(retry.maxRateLimitWait()) > 0 ? retry.maxRateLimitWait() : wait;
        } catch (NumberFormatException e) {
          // An HTTP date or garbage: fall through to the next header or to backoff.
        }
      }
    }
    return retry.backoff(attempt, timing.random().getAsDouble());
  }

  private void sleep(Duration wait) {
    try {
      timing.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while waiting to retry a request to Kinde");
    }
  }

  private void traceLine(Call call, String outcome, long sentNanos, String note) {
    long millis = Duration.ofNanos(timing.nanoTime().getAsLong() - sentNanos).toMillis();
    trace.accept(
        scrub(
            TRACE_PREFIX
                + call.endpoint().method
                + " "
                + call.target()
                + " -> "
                + outcome
                + " ("
                + millis
                + " ms)"
                + (note == null ? "" : "; " + note)));
  }

  // ---- Errors -----------------------------------------------------------------------------

  private static boolean isNotFound(Reply reply) {
    return reply.status() == 404 || ApiError.parse(reply.body()).code().endsWith("NOT_FOUND");
  }

  private TargetException rejected(Call call, Reply reply) {
    ApiError error = ApiError.parse(reply.body());
    int status = reply.status();
    String kinde = error.isEmpty() ? "" : " (Kinde: " + error.describe() + ")";
    String message;
    if (call.endpoint() == Endpoint.TOKEN) {
      message = "Kinde refused to " + call.what() + " (HTTP " + status + ")" + kinde;
    } else if (status == 401) {
      message =
          "Kinde rejected the Management API token (HTTP 401) while trying to "
              + call.what()
              + ": the credentials are bad or expired; check "
              + KindeSettings.CLIENT_ID_VARIABLE
              + " and "
              + KindeSettings.CLIENT_SECRET_VARIABLE
              + kinde;
    } else if (status == 403) {
      message =
          "Kinde refused to "
              + call.what()
              + " (HTTP 403): the management application "
              + settings.clientId()
              + " lacks the scope "
              + call.endpoint().scope
              + "; grant it in Kinde under Applications > that application > APIs > Kinde"
              + " Management API > Manage scopes"
              + kinde;
    } else if (call.applicationId() != null
        && (status == 404 || "APPLICATION_NOT_FOUND".equals(error.code()))) {
      return new ApplicationNotFoundException(call.applicationId(), settings.domain());
    } else if (status == 404) {
      message =
          "Kinde has no such route while trying to "
              + call.what()
              + " (HTTP 404)"
              + kinde
              + ": is "
              + KindeSettings.DOMAIN_VARIABLE
              + " ("
              + settings.domain()
              + ") a Kinde domain?";
    } else {
      message = "Kinde refused to " + call.what() + " (HTTP " + status + ")" + kinde;
    }
    return new RejectedException(scrub(message), status, error);
  }

  // ---- Helpers ----------------------------------------------------------------------------

  private JsonNode parse(Reply reply, Call call) {
    try {
      JsonNode json = Json.MAPPER.readTree(reply.body());
      if (json == null || !json.isObject()) {
        throw new TargetException(
            "Kinde answered with something other than a JSON object to " + call.what());
      }
      return json;
    } catch (JacksonException e) {
      // Never chain the parser's exception: it may quote a body that holds a secret.
      throw new TargetException("Kinde answered with unreadable JSON to " + call.what());
    }
  }

  private String createdId(Reply reply, String field, Call call) {
    String id = Wire.text(parse(reply, call).path(field), "id");
    if (id == null || id.isEmpty()) {
      throw new TargetException(
          "Kinde answered without the new " + field + "'s id to " + call.what());
    }
    return id;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A path segment: percent-encoded, with spaces as %20 rather than the form encoding's '+'. */
  private static String segment(String value) {
    return encode(value).replace("+", "%20");
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
