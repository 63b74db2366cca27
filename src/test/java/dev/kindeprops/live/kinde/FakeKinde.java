package dev.kindeprops.live.kinde;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kindeprops.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful Kinde business on loopback that answers the Management API calls kinde-props makes, as
 * Kinde's OpenAPI spec and {@code kinde-api-notes.md} describe them: the token endpoint (the
 * management client with its granted scopes, and every application), both pagination styles with
 * Kinde's page-size limit, the three error shapes, 401/403, {@code APPLICATION_NOT_FOUND}, a
 * request-rate and a concurrency limiter answering 429 with {@code RateLimit-Reset}, injectable
 * faults, a JWKS with a real RSA key and RS256 application tokens carrying {@code
 * application_properties} for the toggles a test sets (the API cannot). It counts requests per
 * operation (the spec's operationIds) and can record every exchange.
 */
public final class FakeKinde implements AutoCloseable {
  /** Every scope kinde-props uses; the management client gets them all unless told otherwise. */
  public static final Set<String> ALL_SCOPES =
      Set.of(
          "read:properties",
          "create:properties",
          "update:properties",
          "delete:properties",
          "read:property_categories",
          "create:property_categories",
          "update:property_categories",
          "read:applications",
          "read:application_properties",
          "update:application_properties");

  public static final String MANAGEMENT_CLIENT_ID = "fakemanagement0000000000000000001";
  public static final String KEY_ID = "fake-kinde-key-1";

  /** How an unknown application is reported: the spec's 400 example, or a 404 in either shape. */
  public enum NotFoundStyle {
    BAD_REQUEST_APPLICATION_NOT_FOUND,
    NOT_FOUND_ERRORS_OBJECT,
    NOT_FOUND_BARE
  }

  /**
   * How the category list answers a {@code context} filter. The spec lists {@code usr} and {@code
   * org} (a conforming server honours those); for {@code app}, which it does not list, Kinde may do
   * any of these.
   */
  public enum ContextFilter {
    HONOURED,
    IGNORED,
    EMPTY,
    REFUSED
  }

  /** One recorded request and its answer. */
  public record Exchange(
      String operation,
      String method,
      String path,
      Map<String, String> query,
      String requestBody,
      int status,
      String responseContentType,
      String responseBody) {}

  /** A category as the fake holds it. */
  public record Category(String id, String name, String context) {}

  /** A property as the fake holds it. */
  public record Property(
      String id,
      String key,
      String name,
      String description,
      String type,
      String context,
      boolean isPrivate,
      String categoryId,
      boolean kinde) {}

  private static final class Application {
    final String id;
    final String name;
    final String type;
    final String secret;
    final Map<String, String> values = new TreeMap<>();
    final Set<String> toggles = new LinkedHashSet<>();
    final Set<String> audiences = new LinkedHashSet<>();

    Application(String id, String name, String type, String secret) {
      this.id = id;
      this.name = name;
      this.type = type;
      this.secret = secret;
    }
  }

  private record IssuedToken(long expiresAtNanos, Set<String> scopes) {}

  private record Reply(int status, String body, Map<String, String> headers) {
    static Reply json(int status, JsonNode body) {
      return new Reply(status, Json.MAPPER.writeValueAsString(body), Map.of());
    }

    Reply withHeader(String name, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(name, value);
      return new Reply(status, body, all);
    }
  }

  private static final Pattern PROPERTY = Pattern.compile("/api/v1/properties/([^/]+)");
  private static final Pattern APPLICATION = Pattern.compile("/api/v1/applications/([^/]+)");
  private static final Pattern VALUES = Pattern.compile("/api/v1/applications/([^/]+)/properties");
  private static final Pattern VALUE =
      Pattern.compile("/api/v1/applications/([^/]+)/properties/([^/]+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HttpServer server;
  private final ExecutorService executor;
  private final String domain;
  private volatile String managementSecret = randomSecret();
  private final FakeKindeKeys keys = FakeKindeKeys.shared();

  // The business, guarded by this.
  private final TreeMap<String, Category> categories = new TreeMap<>();
  private final TreeMap<String, Property> properties = new TreeMap<>();
  private final Map<String, Application> applications = new LinkedHashMap<>();
  private int nextId = 1;

  private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger throttledAnswers = new AtomicInteger();
  private final Deque<Long> recentRequests = new ArrayDeque<>();

  private volatile Set<String> grantedScopes = ALL_SCOPES;
  private volatile long tokenLifetimeSeconds = 86399;
  private volatile int requestsPerSecond = Integer.MAX_VALUE;
  private volatile int concurrencyLimit = Integer.MAX_VALUE;
  private volatile NotFoundStyle notFoundStyle = NotFoundStyle.BAD_REQUEST_APPLICATION_NOT_FOUND;
  private volatile ContextFilter appContextFilter = ContextFilter.HONOURED;
  private volatile ContextFilter userAndOrgContextFilter = ContextFilter.HONOURED;
  private volatile int expiredTokenStatus = 401;
  private volatile boolean emptyValueStored;
  private volatile boolean listShowsTypeAndCategory;
  private volatile boolean omitUnsetValues;
  private volatile int valuesPageSize = Integer.MAX_VALUE;
  private volatile boolean applicationTokensNeedAudience = true;
  private volatile boolean recording;

  static {
    // The JDK server writes headers and body apart; with Nagle's algorithm and delayed ACKs each
    // answer would wait ~40 ms. Read once, when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private FakeKinde() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "fake-kinde");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    domain = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Starts an empty business on a free loopback port. */
  public static FakeKinde start() {
    try {
      return new FakeKinde();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Kinde server", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- Connecting -------------------------------------------------------------------------

  /** The value for {@code KINDE_DOMAIN}. */
  public String domain() {
    return domain;
  }

  public String managementClientSecret() {
    return managementSecret;
  }

  /** Gives the management client this secret instead of a random one. */
  public void managementClientSecret(String secret) {
    managementSecret = secret;
  }

  /** {@code KINDE_DOMAIN} and the management credentials, for a command's environment. */
  public Map<String, String> environment() {
    return Map.of(
        KindeSettings.DOMAIN_VARIABLE, domain,
        KindeSettings.CLIENT_ID_VARIABLE, MANAGEMENT_CLIENT_ID,
        KindeSettings.CLIENT_SECRET_VARIABLE, managementSecret);
  }

  /** Settings for this server with the given limits. */
  public KindeSettings settings(double maxRequestsPerSecond, int parallelism) {
    return settings(
        maxRequestsPerSecond,
        parallelism,
        KindeSettings.DEFAULT_CONNECT_TIMEOUT,
        KindeSettings.DEFAULT_REQUEST_TIMEOUT);
  }

  /** Settings for this server with the given limits and timeouts. */
  public KindeSettings settings(
      double maxRequestsPerSecond, int parallelism, Duration connect, Duration request) {
    return new KindeSettings(
        domain,
        MANAGEMENT_CLIENT_ID,
        new Secret(managementSecret),
        maxRequestsPerSecond,
        parallelism,
        connect,
        request);
  }

  // ---- Seeding ----------------------------------------------------------------------------

  /** Adds a category (context {@code app}) and returns its id. */
  public synchronized String addCategory(String name) {
    return addCategory(name, "app");
  }

  public synchronized String addCategory(String name, String context) {
    String id = String.format("cat_%032x", nextId++);
    categories.put(id, new Category(id, name, context));
    return id;
  }

  /** Adds a single-line app property in the named category (created if missing); returns its id. */
  public synchronized String addProperty(
      String key, String name, String category, boolean isPrivate) {
    return addProperty(key, name, "", "single_line_text", category, isPrivate);
  }

  public synchronized String addProperty(
      String key,
      String name,
      String description,
      String type,
      String category,
      boolean isPrivate) {
    String categoryId =
        categories.values().stream()
            .filter(c -> c.name().equals(category) && c.context().equals("app"))
            .map(Category::id)
            .findFirst()
            .orElseGet(() -> addCategory(category));
    String id = String.format("prop_%032x", nextId++);
    properties.put(
        id,
        new Property(
            id, key, name, description, type, "app", isPrivate, categoryId, key.startsWith("kp_")));
    return id;
  }

  /** Adds a property of another context ({@code usr} or {@code org}) that app listings skip. */
  public synchronized String addOtherContextProperty(String key, String context) {
    String id = String.format("prop_%032x", nextId++);
    properties.put(
        id, new Property(id, key, key, "", "single_line_text", context, true, null, false));
    return id;
  }

  /** Adds an application with a fresh client secret. */
  public synchronized FakeKinde addApplication(String id, String name, String type) {
    applications.put(id, new Application(id, name, type, randomSecret()));
    return this;
  }

  /** Adds {@code count} applications of this type named {@code prefix-N}; returns their ids. */
  public synchronized List<String> addApplications(int count, String prefix, String type) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("%s%0" + (32 - prefix.length()) + "x", prefix, nextId++);
      addApplication(id, prefix + "-" + i, type);
      ids.add(id);
    }
    return ids;
  }

  public synchronized FakeKinde setValue(String applicationId, String key, String value) {
    application(applicationId).values.put(key, value);
    return this;
  }

  /** Toggles a property into or out of an application's M2M token (the dashboard's switch). */
  public synchronized FakeKinde toggleClaim(String applicationId, String key, boolean on) {
    if (on) {
      application(applicationId).toggles.add(key);
    } else {
      application(applicationId).toggles.remove(key);
    }
    return this;
  }

  /** Restricts the audiences an application may ask a token for (none: any). */
  public synchronized FakeKinde allowAudience(String applicationId, String audience) {
    application(applicationId).audiences.add(audience);
    return this;
  }

  /**
   * Seeds the business from a state file's JSON ({@code schemas/kinde-state.schema.json}), so one
   * fixture can drive both targets: categories and properties get this server's own ids,
   * applications keep theirs, and {@code claims} become toggles.
   */
  public synchronized FakeKinde seedFromState(String stateJson) {
    JsonNode state = Json.MAPPER.readTree(stateJson);
    Map<String, String> categoryNames = new LinkedHashMap<>();
    for (JsonNode category : state.path("categories")) {
      categoryNames.put(category.path("id").asString(), category.path("name").asString());
      addCategory(category.path("name").asString());
    }
    for (JsonNode property : state.path("properties")) {
      addProperty(
          property.path("key").asString(),
          property.path("name").asString(),
          property.path("description").asString(""),
          property.path("type").asString("single_line_text"),
          categoryNames.get(property.path("category_id").asString()),
          property.path("is_private").asBoolean(true));
    }
    for (JsonNode app : state.path("applications")) {
      String id = app.path("id").asString();
      addApplication(id, app.path("name").asString(), app.path("type").asString("m2m"));
      app.path("values").forEachEntry((key, value) -> setValue(id, key, value.asString()));
      app.path("claims").forEach(claim -> toggleClaim(id, claim.asString(), true));
    }
    return this;
  }

  // ---- Observing --------------------------------------------------------------------------

  public synchronized List<Category> categories() {
    return List.copyOf(categories.values());
  }

  public synchronized List<Property> properties() {
    return List.copyOf(properties.values());
  }

  public synchronized Optional<Property> property(String key) {
    return properties.values().stream().filter(p -> p.key().equals(key)).findFirst();
  }

  public synchronized Map<String, String> values(String applicationId) {
    return Map.copyOf(application(applicationId).values);
  }

  public synchronized String clientSecret(String applicationId) {
    return application(applicationId).secret;
  }

  /** Requests answered for an operation (the spec's operationId, {@code token} or {@code jwks}). */
  public int count(String operation) {
    AtomicInteger count = counts.get(operation);
    return count == null ? 0 : count.get();
  }

  /** Management API requests, token and JWKS requests left out. */
  public int apiRequests() {
    return counts.entrySet().stream()
        .filter(e -> !e.getKey().equals("token") && !e.getKey().equals("jwks"))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** Management API requests answered 429 by the rate or concurrency limiter. */
  public int throttledAnswers() {
    return throttledAnswers.get();
  }

  public void resetCounts() {
    counts.clear();
    maxInFlight.set(0);
    throttledAnswers.set(0);
  }

  /** Starts keeping every exchange for {@link #exchanges()}. */
  public void record() {
    recording = true;
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  // ---- Behaviour --------------------------------------------------------------------------

  public void grantScopes(Set<String> scopes) {
    grantedScopes = Set.copyOf(scopes);
  }

  public void tokenLifetime(Duration lifetime) {
    tokenLifetimeSeconds = lifetime.toSeconds();
  }

  /** Every management token issued so far stops working (as after a key rotation). */
  public void expireManagementTokens() {
    tokens.replaceAll((token, issued) -> new IssuedToken(System.nanoTime() - 1, issued.scopes()));
  }

  /**
   * At most this many Management API requests answered in any second; more get 429 with {@code
   * RateLimit-Reset}: the whole seconds (at least 1) until the oldest of them leaves that second.
   */
  public void rateLimit(int perSecond) {
    requestsPerSecond = perSecond;
  }

  /**
   * At most this many Management API requests in flight; more get 429 ({@code RateLimit-Reset: 1}).
   */
  public void concurrencyLimit(int limit) {
    concurrencyLimit = limit;
  }

  public void notFoundStyle(NotFoundStyle style) {
    notFoundStyle = style;
  }

  /** How the category list answers {@code context=app}, which the spec's enum omits. */
  public void appContextFilter(ContextFilter filter) {
    appContextFilter = filter;
  }

  /**
   * How the category list answers {@code context=usr} and {@code context=org}: anything but
   * honouring them departs from the spec, and kinde-props must notice.
   */
  public void userAndOrgContextFilter(ContextFilter filter) {
    userAndOrgContextFilter = filter;
  }

  /** The status an expired or revoked management token gets: 401 (the docs) or 403 (the spec). */
  public void expiredTokenStatus(int status) {
    expiredTokenStatus = status;
  }

  /**
   * Whether writing an empty value stores {@code ""} (shown in the values and carried in tokens as
   * {@code {"v": ""}}) rather than clearing the value.
   */
  public void emptyValueStored(boolean stored) {
    emptyValueStored = stored;
  }

  /** Whether the property list also carries {@code type} and {@code category_id}. */
  public void listShowsTypeAndCategory(boolean show) {
    listShowsTypeAndCategory = show;
  }

  /** Whether unset values are left out of an application's values (else {@code value: null}). */
  public void omitUnsetValues(boolean omit) {
    omitUnsetValues = omit;
  }

  /** Splits an application's values into pages joined by {@code next_token}. */
  public void valuesPageSize(int size) {
    valuesPageSize = size;
  }

  /**
   * Whether application tokens need an audience ({@code invalid_request} without), as Kinde's docs
   * say (the default).
   */
  public void applicationTokensNeedAudience(boolean need) {
    applicationTokensNeedAudience = need;
  }

  public void inject(Fault fault) {
    faults.add(fault);
  }

  /** Faults injected and not yet spent. */
  public int pendingFaults() {
    return (int) faults.stream().filter(f -> f.remaining().get() > 0).count();
  }

  // ---- Tokens -----------------------------------------------------------------------------

  /** An RS256 token signed with this server's key, for verification tests. */
  public String sign(Map<String, Object> header, Map<String, Object> claims) {
    return keys.sign(header, claims);
  }

  public String issuer() {
    return domain;
  }

  // ---- Handling ---------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    int current = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(current, Math::max);
    Answer answer;
    try {
      answer = answer(exchange, current);
    } finally {
      // Counted out before the answer leaves: a client holding its answer is never still counted.
      inFlight.decrementAndGet();
    }
    if (answer == null) {
      exchange.close(); // a reset: no answer at all
    } else {
      send(exchange, answer.reply(), answer.contentType());
    }
  }

  private record Answer(Reply reply, String contentType) {}

  /** What to answer, or null to close the connection without an answer. */
  private Answer answer(HttpExchange exchange, int current) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> query = query(exchange.getRequestURI());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String operation = operation(method, path);
    counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    boolean api = path.startsWith("/api/");

    Reply reply = api ? limits(current) : null;
    Fault fault = reply == null ? takeFault(operation) : null;
    if (fault != null && fault.delay() != null) {
      sleep(fault.delay());
    }
    if (fault != null && fault.kind() == Fault.Kind.RESET_BEFORE) {
      return null;
    }
    if (fault != null && fault.kind() == Fault.Kind.STATUS_BEFORE) {
      reply = new Reply(fault.status(), fault.body(), fault.headers());
    }
    if (fault != null && fault.kind() == Fault.Kind.ECHO_BEFORE) {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      reply =
          Reply.json(
              400, errors("ECHO", "you sent " + body + " with " + authorization + " to " + path));
    }
    if (reply == null) {
      reply = api ? authorize(exchange, operation) : null;
    }
    if (reply == null) {
      reply = route(operation, method, path, query, body, exchange);
    }
    if (fault != null && fault.kind() == Fault.Kind.RESET_AFTER) {
      return null;
    }
    if (fault != null && fault.kind() == Fault.Kind.STATUS_AFTER) {
      reply = new Reply(fault.status(), fault.body(), fault.headers());
    }
    String contentType =
        path.startsWith("/api/v1/propert") ? "application/json; charset=utf-8" : "application/json";
    if (recording) {
      exchanges.add(
          new Exchange(
              operation, method, path, query, body, reply.status(), contentType, reply.body()));
    }
    return new Answer(reply, contentType);
  }

  private static String operation(String method, String path) {
    String route = method + " " + path;
    if (route.equals("POST /oauth2/token")) {
      return "token";
    }
    if (route.equals("GET /.well-known/jwks")) {
      return "jwks";
    }
    if (path.equals("/api/v1/properties")) {
      return method.equals("GET")
          ? "GetProperties"
          : method.equals("POST") ? "CreateProperty" : "-";
    }
    if (PROPERTY.matcher(path).matches()) {
      return method.equals("PUT")
          ? "UpdateProperty"
          : method.equals("DELETE") ? "DeleteProperty" : "-";
    }
    if (path.equals("/api/v1/property_categories")) {
      return method.equals("GET")
          ? "GetCategories"
          : method.equals("POST") ? "CreateCategory" : "-";
    }
    if (path.equals("/api/v1/applications") && method.equals("GET")) {
      return "getApplications";
    }
    if (APPLICATION.matcher(path).matches() && method.equals("GET")) {
      return "getApplication";
    }
    if (VALUES.matcher(path).matches() && method.equals("GET")) {
      return "getApplicationPropertyValues";
    }
    if (VALUE.matcher(path).matches() && method.equals("PUT")) {
      return "updateApplicationsProperty";
    }
    return "-";
  }

  private Reply limits(int current) {
    if (current > concurrencyLimit) {
      return throttled(1);
    }
    int limit = requestsPerSecond;
    if (limit == Integer.MAX_VALUE) {
      return null;
    }
    synchronized (recentRequests) {
      long now = System.nanoTime();
      long windowStart = now - 1_000_000_000L;
      while (!recentRequests.isEmpty() && recentRequests.peekFirst() < windowStart) {
        recentRequests.removeFirst();
      }
      if (recentRequests.size() >= limit) {
        long wait = recentRequests.peekFirst() - windowStart;
        return throttled(Math.max(1, (int) Math.ceil(wait / 1e9)));
      }
      recentRequests.addLast(now);
    }
    return null;
  }

  private Reply throttled(int resetSeconds) {
    throttledAnswers.incrementAndGet();
    return Reply.json(429, errors("TOO_MANY_REQUESTS", "Too many requests"))
        .withHeader("RateLimit-Reset", Integer.toString(resetSeconds));
  }

  private Fault takeFault(String operation) {
    for (Fault fault : faults) {
      if ((fault.operation().equals("*") || fault.operation().equals(operation))
          && fault.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return fault;
      }
    }
    return null;
  }

  private Reply authorize(HttpExchange exchange, String operation) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    IssuedToken token =
        header != null && header.startsWith("Bearer ") ? tokens.get(header.substring(7)) : null;
    if (token == null) {
      return Reply.json(401, errors("UNAUTHORIZED", "Invalid token"));
    }
    if (System.nanoTime() - token.expiresAtNanos() >= 0) {
      return Reply.json(expiredTokenStatus, errors("UNAUTHORIZED", "Invalid or expired token"));
    }
    String scope = scopeOf(operation);
    if (scope != null && !token.scopes().contains(scope)) {
      return Reply.json(403, errors("FORBIDDEN", "The token is missing the scope " + scope));
    }
    return null;
  }

  private static String scopeOf(String operation) {
    return switch (operation) {
      case "GetProperties" -> "read:properties";
      case "CreateProperty" -> "create:properties";
      case "UpdateProperty" -> "update:properties";
      case "DeleteProperty" -> "delete:properties";
      case "GetCategories" -> "read:property_categories";
      case "CreateCategory" -> "create:property_categories";
      case "getApplications", "getApplication" -> "read:applications";
      case "getApplicationPropertyValues" -> "read:application_properties";
      case "updateApplicationsProperty" -> "update:application_properties";
      default -> null;
    };
  }

  private Reply route(
      String operation,
      String method,
      String path,
      Map<String, String> query,
      String body,
      HttpExchange exchange) {
    try {
      return switch (operation) {
        case "token" -> token(body, exchange.getRequestHeaders().getFirst("Authorization"));
        case "jwks" -> Reply.json(200, keys.jwks());
        case "GetProperties" -> listProperties(query);
        case "CreateProperty" -> createProperty(json(body));
        case "UpdateProperty" -> updateProperty(group(PROPERTY, path, 1), json(body));
        case "DeleteProperty" -> deleteProperty(group(PROPERTY, path, 1));
        case "GetCategories" -> listCategories(query);
        case "CreateCategory" -> createCategory(json(body));
        case "getApplications" -> listApplications(query);
        case "getApplication" -> getApplication(group(APPLICATION, path, 1));
        case "getApplicationPropertyValues" -> values(group(VALUES, path, 1), query);
        case "updateApplicationsProperty" ->
            setValue(group(VALUE, path, 1), group(VALUE, path, 2), json(body));
        default ->
            Reply.json(
                404,
                objectNode(
                    "errors",
                    objectNode(
                        "code",
                        "ROUTE_NOT_FOUND",
                        "message",
                        "The requested API route does not exist")));
      };
    } catch (BadRequest e) {
      return Reply.json(400, errors(e.code, e.getMessage()));
    }
  }

  /** A 400 answer. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;

    BadRequest(String code, String message) {
      super(message);
      this.code = code;
    }
  }

  // ---- Token endpoint ---------------------------------------------------------------------

  private Reply token(String body, String authorization) {
    Map<String, String> form = form(body);
    String clientId = form.get("client_id");
    String secret = form.get("client_secret");
    if (authorization != null && authorization.startsWith("Basic ")) {
      String[] pair =
          new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8)
              .split(":", 2);
      clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
      secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return oauthError(400, "unsupported_grant_type", "Only client_credentials is supported");
    }
    String audience = form.get("audience");
    if (MANAGEMENT_CLIENT_ID.equals(clientId)) {
      if (!managementSecret.equals(secret)) {
        return oauthError(401, "invalid_client", "Client authentication failed");
      }
      if (audience == null) {
        return oauthError(400, "invalid_request", "The audience parameter is required");
      }
      if (!audience.equals(domain + "/api")) {
        return oauthError(400, "unauthorized_client", "Not authorized for audience " + audience);
      }
      String token = "mgmt_" + randomSecret();
      Set<String> scopes = grantedScopes;
      long lifetime = tokenLifetimeSeconds;
      tokens.put(
          token,
          new IssuedToken(System.nanoTime() + Duration.ofSeconds(lifetime).toNanos(), scopes));
      return tokenReply(token, lifetime, String.join(" ", new TreeSet<>(scopes)));
    }
    Map<String, Object> claims;
    synchronized (this) {
      Application app = clientId == null ? null : applications.get(clientId);
      if (app == null || !app.secret.equals(secret)) {
        return oauthError(401, "invalid_client", "Client authentication failed");
      }
      if (audience == null && applicationTokensNeedAudience) {
        return oauthError(400, "invalid_request", "The audience parameter is required");
      }
      if (audience != null && !app.audiences.isEmpty() && !app.audiences.contains(audience)) {
        return oauthError(400, "unauthorized_client", "Not authorized for audience " + audience);
      }
      claims = applicationClaims(app, audience);
    }
    return tokenReply(
        keys.sign(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID), claims),
        tokenLifetimeSeconds,
        "");
  }

  /** What Kinde puts in an M2M token: toggled, non-private properties as {"v": value} or {}. */
  private Map<String, Object> applicationClaims(Application app, String audience) {
    long now = System.currentTimeMillis() / 1000;
    Map<String, Object> properties = new TreeMap<>();
    for (String key : app.toggles) {
      Optional<Property> property =
          this.properties.values().stream().filter(p -> p.key().equals(key)).findFirst();
      if (property.isPresent() && !property.get().isPrivate()) {
        String value = app.values.get(key);
        properties.put(key, value == null ? Map.of() : Map.of("v", value));
      }
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", audience == null ? List.of() : List.of(audience));
    claims.put("azp", app.id);
    claims.put("exp", now + tokenLifetimeSeconds);
    claims.put("gty", List.of("client_credentials"));
    claims.put("iat", now);
    claims.put("iss", domain);
    claims.put("jti", randomSecret());
    claims.put("scope", "");
    claims.put("scp", List.of());
    claims.put("v", "2");
    if (!properties.isEmpty()) {
      claims.put("application_properties", properties);
    }
    return claims;
  }

  private static Reply tokenReply(String token, long lifetime, String scope) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("access_token", token);
    body.put("expires_in", lifetime);
    body.put("scope", scope);
    body.put("token_type", "bearer");
    return Reply.json(200, body);
  }

  private static Reply oauthError(int status, String code, String description) {
    return Reply.json(status, objectNode("error", code, "error_description", description));
  }

  // ---- Properties -------------------------------------------------------------------------

  private synchronized Reply listProperties(Map<String, String> query) {
    String context = query.get("context");
    if (context != null && !Set.of("usr", "org", "app").contains(context)) {
      throw new BadRequest("INVALID_CONTEXT", "context must be usr, org or app");
    }
    List<Property> matching =
        properties.values().stream()
            .filter(p -> context == null || p.context().equals(context))
            .toList();
    Page<Property> page = cursorPage(matching, Property::id, query);
    ObjectNode body = success();
    ArrayNode items = body.putArray("properties");
    for (Property p : page.items()) {
      ObjectNode item = items.addObject();
      item.put("id", p.id());
      item.put("key", p.key());
      item.put("name", p.name());
      item.put("is_private", p.isPrivate());
      item.put("description", p.description());
      item.put("is_kinde_property", p.kinde());
      if (listShowsTypeAndCategory) {
        item.put("type", p.type());
        item.put("category_id", p.categoryId());
      }
    }
    body.put("has_more", page.hasMore());
    return Reply.json(200, body);
  }

  private synchronized Reply createProperty(JsonNode body) {
    String name = requiredText(body, "name");
    String key = requiredText(body, "key");
    String type = requiredText(body, "type");
    String context = requiredText(body, "context");
    String categoryId = requiredText(body, "category_id");
    if (!body.path("is_private").isBoolean()) {
      throw new BadRequest("INVALID_IS_PRIVATE", "is_private is required and must be a boolean");
    }
    if (!Set.of("single_line_text", "multi_line_text").contains(type)) {
      throw new BadRequest("INVALID_TYPE", "type must be single_line_text or multi_line_text");
    }
    if (!Set.of("usr", "org", "app").contains(context)) {
      throw new BadRequest("INVALID_CONTEXT", "context must be usr, org or app");
    }
    if (!categories.containsKey(categoryId)) {
      throw new BadRequest("CATEGORY_NOT_FOUND", "No category with id " + categoryId);
    }
    // Kinde documents no code for a duplicate key; the fake's is its own.
    if (properties.values().stream().anyMatch(p -> p.key().equals(key))) {
      throw new BadRequest("PROPERTY_KEY_ALREADY_EXISTS", "A property with key " + key + " exists");
    }
    String id = String.format("prop_%032x", nextId++);
    properties.put(
        id,
        new Property(
            id,
            key,
            name,
            body.path("description").asString(""),
            type,
            context,
            body.path("is_private").asBoolean(),
            categoryId,
            false));
    ObjectNode reply =
        objectNode("message", "Property successfully created", "code", "PROPERTY_CREATED");
    reply.putObject("property").put("id", id);
    return Reply.json(201, reply);
  }

  private synchronized Reply updateProperty(String id, JsonNode body) {
    Property old = properties.get(id);
    if (old == null) {
      throw new BadRequest("PROPERTY_NOT_FOUND", "No property with id " + id);
    }
    if (old.kinde()) {
      throw new BadRequest("CANNOT_UPDATE_KINDE_PROPERTY", "Kinde properties cannot be changed");
    }
    String name = requiredText(body, "name");
    String categoryId = requiredText(body, "category_id");
    if (!body.path("is_private").isBoolean()) {
      throw new BadRequest("INVALID_IS_PRIVATE", "is_private is required and must be a boolean");
    }
    if (!categories.containsKey(categoryId)) {
      throw new BadRequest("CATEGORY_NOT_FOUND", "No category with id " + categoryId);
    }
    properties.put(
        id,
        new Property(
            id,
            old.key(),
            name,
            body.has("description") ? body.path("description").asString("") : old.description(),
            old.type(),
            old.context(),
            body.path("is_private").asBoolean(),
            categoryId,
            false));
    return Reply.json(200, success());
  }

  private synchronized Reply deleteProperty(String id) {
    Property old = properties.get(id);
    if (old == null) {
      throw new BadRequest("PROPERTY_NOT_FOUND", "No property with id " + id);
    }
    if (old.kinde()) {
      throw new BadRequest("CANNOT_DELETE_KINDE_PROPERTY", "Kinde properties cannot be deleted");
    }
    properties.remove(id);
    for (Application app : applications.values()) {
      app.values.remove(old.key());
      app.toggles.remove(old.key());
    }
    return Reply.json(200, success());
  }

  // ---- Categories -------------------------------------------------------------------------

  private synchronized Reply listCategories(Map<String, String> query) {
    String context = query.get("context");
    ContextFilter filter =
        context == null
            ? ContextFilter.IGNORED
            : Set.of("usr", "org").contains(context)
                ? userAndOrgContextFilter
                : context.equals("app") ? appContextFilter : ContextFilter.REFUSED;
    if (filter == ContextFilter.REFUSED) {
      throw new BadRequest("INVALID_CONTEXT", "context must be one of usr, org");
    }
    List<Category> matching =
        categories.values().stream()
            .filter(c -> filter == ContextFilter.IGNORED || c.context().equals(context))
            .filter(c -> filter != ContextFilter.EMPTY)
            .toList();
    Page<Category> page = cursorPage(matching, Category::id, query);
    ObjectNode body = success();
    ArrayNode items = body.putArray("categories");
    page.items().forEach(c -> items.addObject().put("id", c.id()).put("name", c.name()));
    body.put("has_more", page.hasMore());
    return Reply.json(200, body);
  }

  private synchronized Reply createCategory(JsonNode body) {
    String name = requiredText(body, "name");
    String context = requiredText(body, "context");
    if (!Set.of("usr", "org", "app").contains(context)) {
      throw new BadRequest("INVALID_CONTEXT", "context must be usr, org or app");
    }
    String id = addCategory(name, context);
    ObjectNode reply =
        objectNode("message", "Category successfully created", "code", "CATEGORY_CREATED");
    reply.putObject("category").put("id", id);
    return Reply.json(201, reply);
  }

  // ---- Applications -----------------------------------------------------------------------

  private synchronized Reply listApplications(Map<String, String> query) {
    int size = pageSize(query);
    List<Application> all = new ArrayList<>(applications.values());
    String sort = query.get("sort");
    if ("name_asc".equals(sort) || "name_desc".equals(sort)) {
      Comparator<Application> byName = Comparator.comparing(a -> a.name);
      all.sort("name_asc".equals(sort) ? byName : byName.reversed());
    } else if (sort != null) {
      throw new BadRequest("INVALID_SORT", "sort must be name_asc or name_desc");
    }
    int from = offset(query.get("next_token"));
    int to = Math.min(all.size(), from + size);
    ObjectNode body = success();
    ArrayNode items = body.putArray("applications");
    for (Application app : all.subList(Math.min(from, all.size()), to)) {
      items.addObject().put("id", app.id).put("name", app.name).put("type", app.type);
    }
    if (to < all.size()) {
      body.put("next_token", nextToken(to));
    }
    return Reply.json(200, body);
  }

  private synchronized Reply getApplication(String id) {
    Application app = applications.get(id);
    if (app == null) {
      return applicationNotFound(id);
    }
    ObjectNode body = success();
    ObjectNode item = body.putObject("application");
    item.put("id", app.id);
    item.put("name", app.name);
    item.put("type", app.type);
    item.put("client_id", app.id);
    item.put("client_secret", app.secret);
    item.put("is_access_control_enabled", false);
    return Reply.json(200, body);
  }

  private synchronized Reply values(String id, Map<String, String> query) {
    Application app = applications.get(id);
    if (app == null) {
      return applicationNotFound(id);
    }
    List<ObjectNode> all = new ArrayList<>();
    for (Property p : properties.values()) {
      if (!p.context().equals("app")) {
        continue;
      }
      String value = app.values.get(p.key());
      if (value == null && omitUnsetValues) {
        continue;
      }
      ObjectNode item = Json.MAPPER.createObjectNode();
      item.put("id", p.id());
      item.put("name", p.name());
      item.put("description", p.description());
      item.put("key", p.key());
      item.put("value", value);
      all.add(item);
    }
    int from = offset(query.get("next_token"));
    int size = valuesPageSize;
    int to = (int) Math.min(all.size(), (long) from + size);
    ObjectNode body = success();
    ArrayNode items = body.putArray("properties");
    all.subList(Math.min(from, all.size()), to).forEach(items::add);
    if (to < all.size()) {
      body.put("next_token", nextToken(to));
    }
    return Reply.json(200, body);
  }

  private synchronized Reply setValue(String id, String rawKey, JsonNode body) {
    Application app = applications.get(id);
    if (app == null) {
      return applicationNotFound(id);
    }
    String key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
    if (properties.values().stream()
        .noneMatch(p -> p.key().equals(key) && p.context().equals("app"))) {
      throw new BadRequest("PROPERTY_NOT_FOUND", "No application property with key " + key);
    }
    JsonNode value = body.path("value");
    if (!value.isString() && !value.isBoolean()) {
      throw new BadRequest("VALUE_REQUIRED", "value is required and must be a string or boolean");
    }
    // Whether an empty value unsets is UNCONFIRMED for the real API: the fake does either.
    if (value.asString().isEmpty() && !emptyValueStored) {
      app.values.remove(key);
    } else {
      app.values.put(key, value.asString());
    }
    return Reply.json(200, success());
  }

  private Reply applicationNotFound(String id) {
    String message = "Application " + id + " not found";
    return switch (notFoundStyle) {
      case BAD_REQUEST_APPLICATION_NOT_FOUND ->
          Reply.json(400, errors("APPLICATION_NOT_FOUND", message));
      case NOT_FOUND_ERRORS_OBJECT ->
          Reply.json(
              404,
              objectNode(
                  "errors", objectNode("code", "APPLICATION_NOT_FOUND", "message", message)));
      case NOT_FOUND_BARE ->
          Reply.json(404, objectNode("code", "APPLICATION_NOT_FOUND", "message", message));
    };
  }

  // ---- Helpers ----------------------------------------------------------------------------

  private record Page<T>(List<T> items, boolean hasMore) {}

  private static <T> Page<T> cursorPage(
      List<T> all, java.util.function.Function<T, String> id, Map<String, String> query) {
    int size = pageSize(query);
    String after = query.get("starting_after");
    String before = query.get("ending_before");
    if (after != null && before != null) {
      throw new BadRequest(
          "TOO_MANY_PARAMETERS", "Only one of starting_after or ending_before may be specified");
    }
    if (before != null) {
      int end = indexOf(all, id, before);
      int start = Math.max(0, end - size);
      return new Page<>(all.subList(start, end), start > 0);
    }
    int from = after == null ? 0 : indexOf(all, id, after) + 1;
    int to = Math.min(all.size(), from + size);
    return new Page<>(all.subList(from, to), to < all.size());
  }

  private static <T> int indexOf(
      List<T> all, java.util.function.Function<T, String> id, String cursor) {
    for (int i = 0; i < all.size(); i++) {
      if (id.apply(all.get(i)).equals(cursor)) {
        return i;
      }
    }
    throw new BadRequest("INVALID_CURSOR", "No item with id " + cursor);
  }

  private static int pageSize(Map<String, String> query) {
    String raw = query.get("page_size");
    if (raw == null) {
      return 10;
    }
    int size;
    try {
      size = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new BadRequest("INVALID_PAGE_SIZE", "page_size must be a number");
    }
    if (size > 100) {
      throw new BadRequest("PAGE_SIZE_LIMIT_EXCEEDED", "Page size cannot be greater than 100");
    }
    if (size < 1) {
      throw new BadRequest("INVALID_PAGE_SIZE", "page_size must be positive");
    }
    return size;
  }

  private static String nextToken(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith("o:")) {
        return Integer.parseInt(text.substring(2));
      }
    } catch (IllegalArgumentException e) {
      // Reported below.
    }
    throw new BadRequest("INVALID_NEXT_TOKEN", "next_token is not valid");
  }

  private Application application(String id) {
    Application app = applications.get(id);
    if (app == null) {
      throw new IllegalArgumentException("no application " + id + " in the fake");
    }
    return app;
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (!value.isString() || value.asString().isEmpty()) {
      throw new BadRequest(
          field.toUpperCase(java.util.Locale.ROOT) + "_REQUIRED", field + " is required");
    }
    return value.asString();
  }

  private static JsonNode json(String body) {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JacksonException e) {
      // Reported below.
    }
    throw new BadRequest("INVALID_JSON", "The request body is not a JSON object");
  }

  private static String group(Pattern pattern, String path, int group) {
    Matcher matcher = pattern.matcher(path);
    if (!matcher.matches()) {
      throw new IllegalStateException(path);
    }
    return URLDecoder.decode(matcher.group(group), StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(URI uri) {
    return form(uri.getRawQuery());
  }

  private static Map<String, String> form(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return values;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableMap(values);
  }

  private static ObjectNode success() {
    return objectNode("code", "OK", "message", "Success");
  }

  static ObjectNode errors(String code, String message) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putArray("errors").addObject().put("code", code).put("message", message);
    return body;
  }

  private static ObjectNode objectNode(Object... pairs) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      Object value = pairs[i + 1];
      if (value instanceof JsonNode json) {
        node.set((String) pairs[i], json);
      } else {
        node.put((String) pairs[i], (String) value);
      }
    }
    return node;
  }

  private static void send(HttpExchange exchange, Reply reply, String contentType)
      throws IOException {
    byte[] bytes =
        reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String randomSecret() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder secret = new StringBuilder();
    for (int i = 0; i < 52; i++) {
      secret.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return secret.toString();
  }
}
