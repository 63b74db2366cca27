package dev.kindeprops.live.kinde;

import dev.kindeprops.json.Json;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.text.Words;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
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

/**
 * Kinde over HTTP, below the API calls: the client-credentials token (cached, renewed before expiry
 * and after a 401), one shared rate limit and bound on requests in flight, retries that never
 * create anything twice, the error shapes turned into messages, and paging through lists. Safe to
 * use from several threads; every text it lets out has every secret it handled blanked.
 */
final class KindeHttp {
  static final String TRACE_PREFIX = "kinde: ";

  /** A non-2xx answer that no retry will change. */
  static final class RejectedException extends TargetException {
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
   * Reads the query of the page after {@code page}, given the query that fetched it; null when it
   * was the last.
   */
  @FunctionalInterface
  interface Pager<T> {
    Map<String, String> next(JsonNode page, List<T> items, Map<String, String> query);
  }

  private record Reply(int status, String body, HttpHeaders headers) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * What one attempt gave: an answer, or a problem worth retrying (a timeout, a reset).
   *
   * @param mayHaveLanded whether the request may have reached Kinde and taken effect
   */
  private record Attempt(Reply reply, String problem, boolean mayHaveLanded) {}

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

  KindeHttp(KindeSettings settings, Consumer<String> trace, Timing timing, RetryPolicy retry) {
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
    redactor.rememberCredentials(settings.clientId(), settings.clientSecret());
  }

  KindeSettings settings() {
    return settings;
  }

  /** Adds a secret that arrived from elsewhere (a token read from the API or given by a user). */
  void remember(Secret secret) {
    redactor.remember(secret);
  }

  /** Adds an application's credentials, read from the API. */
  void rememberCredentials(String clientId, Secret secret) {
    redactor.rememberCredentials(clientId, secret);
  }

  /** Blanks every secret this client has seen out of {@code text}. */
  String scrub(String text) {
    return redactor.scrub(text);
  }

  /** One {@code --verbose} line, secrets blanked. */
  void trace(String line) {
    trace.accept(scrub(TRACE_PREFIX + line));
  }

  /** Sends the call and reads its answer as a JSON object. */
  JsonNode json(Call call) {
    return exchange(call, reply -> parse(reply, call), null);
  }

  /** Sends the call, for its effect alone. */
  void send(Call call) {
    exchange(call, reply -> null, null);
  }

  /**
   * Every item of a list, page after page, from the {@code field} array of each page. A page that
   * leads back to one already read ends the list with an error rather than looping or silently
   * leaving items out.
   */
  <T> List<T> pages(Call first, String field, Function<JsonNode, T> reader, Pager<T> pager) {
    List<T> all = new ArrayList<>();
    Set<Map<String, String>> read = new HashSet<>();
    Map<String, String> query = first.query();
    while (query != null) {
      if (!read.add(query)) {
        throw new TargetException(
            "Kinde's pagination did not advance while trying to " + first.what());
      }
      JsonNode page = json(first.query(query));
      List<T> items = Wire.items(page, field, reader);
      all.addAll(items);
      query = pager.next(page, items, query);
    }
    return all;
  }

  /**
   * The id of what a creating call made, from {@code field.id} of its answer.
   *
   * @throws TargetException when the answer does not hold it
   */
  String createdId(Call call, String field, Supplier<Optional<String>> settled) {
    return exchange(
        call,
        reply -> {
          String id = Wire.text(parse(reply, call).path(field), "id");
          if (id == null || id.isEmpty()) {
            throw new TargetException(
                "Kinde answered without the new " + field + "'s id to " + call.what());
          }
          return id;
        },
        settled);
  }

  // ---- Tokens -----------------------------------------------------------------------------

  /** The cached Management API token, renewed shortly before it expires. */
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
  Wire.Token requestToken(String clientId, Secret secret, String audience, String forApplication) {
    StringJoiner form = new StringJoiner("&");
    form.add("grant_type=client_credentials");
    form.add("client_id=" + Call.encode(clientId));
    form.add("client_secret=" + Call.encode(secret.value()));
    if (audience != null) {
      form.add("audience=" + Call.encode(audience));
    }
    Call call =
        Call.of(
                Endpoint.TOKEN,
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

  // ---- Sending ----------------------------------------------------------------------------

  /**
   * Sends {@code call} until it succeeds, fails for good, or a retry budget is spent. Errors (5xx,
   * timeouts, resets, refused connections) spend the attempts and the time of {@link RetryPolicy};
   * throttling (429) spends neither: it waits as Kinde says, for as long as {@link
   * RetryPolicy#maxThrottled()} allows.
   *
   * @param settled for a creating POST: asked before a retry whether an earlier attempt that may
   *     have reached Kinde took effect after all (by listing again), so nothing is created twice
   */
  private <T> T exchange(Call call, Function<Reply, T> onSuccess, Supplier<Optional<T>> settled) {
    long started = timing.nanoTime().getAsLong();
    Long firstError = null;
    boolean renewedToken = false;
    boolean mayHaveLanded = false;
    int errors = 0;
    int throttles = 0;
    while (true) {
      Secret token = call.endpoint().needsManagementToken() ? managementToken() : null;
      long sent = timing.nanoTime().getAsLong();
      Attempt tried = attempt(call, token, sent);
      Reply reply = tried.reply();
      if (reply != null && reply.ok()) {
        traceLine(call, Integer.toString(reply.status()), sent, null);
        return onSuccess.apply(reply);
      }
      if (reply != null && isAuthFailure(reply) && token != null && !renewedToken) {
        // An expired or revoked token is answered 401 or 403 (the spec's only auth status):
        // renewed once, then a 403 means a missing scope.
        traceLine(call, Integer.toString(reply.status()), sent, "renewing the token and retrying");
        forgetManagementToken(token);
        renewedToken = true;
        continue;
      }
      boolean throttled = reply != null && reply.status() == 429;
      String problem;
      Duration wait;
      Duration everyone = Duration.ZERO; // of a 429's wait, what holds back every request
      if (throttled) {
        throttles++;
        problem = "throttled (429)";
        Optional<Duration> told = told(reply.headers());
        wait = rateLimitWait(told, throttles);
        everyone = told.orElse(wait);
      } else if (reply != null && reply.status() >= 500) {
        errors++;
        mayHaveLanded = true;
        problem = "server error (" + reply.status() + ")";
        wait = retry.backoff(errors, timing.random().getAsDouble());
      } else if (reply != null) {
        return refused(call, reply, mayHaveLanded, sent, onSuccess, settled);
      } else {
        errors++;
        mayHaveLanded |= tried.mayHaveLanded();
        problem = tried.problem();
        wait = retry.backoff(errors, timing.random().getAsDouble());
      }
      long now = timing.nanoTime().getAsLong();
      if (!throttled && firstError == null) {
        firstError = now;
      }
      String outcome = reply == null ? problem : Integer.toString(reply.status());
      String givingUp = givingUp(throttled, errors, now, started, firstError, wait);
      if (givingUp != null) {
        traceLine(call, outcome, sent, "giving up: " + problem);
        throw new TargetException(
            "Kinde did not "
                + call.what()
                + " after "
                + Words.count(errors + throttles, "attempt", "attempts")
                + " over "
                + seconds(Duration.ofNanos(now - started))
                + " ("
                + givingUp
                + "; last: "
                + problem
                + ")"
                + (throttled ? "; lower --max-rps or --parallelism" : "")
                // No connection at all: the domain may be wrong.
                + (reply == null && !tried.mayHaveLanded()
                    ? "; check " + KindeSettings.DOMAIN_VARIABLE + " (" + settings.domain() + ")"
                    : ""));
      }
      traceLine(
          call,
          outcome,
          sent,
          "retry in "
              + seconds(wait)
              + ": "
              + problem
              + (throttled
                  ? "; " + throttle.pace()
                  : " (error " + errors + "/" + retry.maxAttempts() + ")"));
      if (throttled) {
        // What Kinde said holds back every request of this client; the rest of this request's own
        // backoff (it grows with each 429 of this request) holds back this one alone.
        throttle.pause(everyone);
        if (wait.compareTo(everyone) > 0) {
          sleep(wait.minus(everyone));
        }
      } else {
        sleep(wait);
      }
      if (mayHaveLanded && !call.endpoint().retrySafe()) {
        Optional<T> done = settled.get();
        if (done.isPresent()) {
          trace("an earlier attempt to " + call.what() + " took effect");
          return done.get();
        }
      }
    }
  }

  /** Why to stop retrying now, or null to retry after {@code wait}. */
  private String givingUp(
      boolean throttled, int errors, long now, long started, Long firstError, Duration wait) {
    if (throttled) {
      Duration throttledFor = Duration.ofNanos(now - started).plus(wait);
      return throttledFor.compareTo(retry.maxThrottled()) > 0
          ? "throttled for longer than " + seconds(retry.maxThrottled())
          : null;
    }
    if (errors >= retry.maxAttempts()) {
      return errors + " errors";
    }
    Duration failingFor = Duration.ofNanos(now - firstError).plus(wait);
    return failingFor.compareTo(retry.maxElapsed()) > 0
        ? "failing for longer than " + seconds(retry.maxElapsed())
        : null;
  }

  private static boolean isAuthFailure(Reply reply) {
    return reply.status() == 401 || reply.status() == 403;
  }

  /**
   * An answer that no retry changes. A delete that finds nothing succeeded (the property is gone,
   * whoever deleted it); a create refused as a duplicate after an attempt that may have reached
   * Kinde may have taken effect.
   */
  private <T> T refused(
      Call call,
      Reply reply,
      boolean mayHaveLanded,
      long sent,
      Function<Reply, T> onSuccess,
      Supplier<Optional<T>> settled) {
    traceLine(call, Integer.toString(reply.status()), sent, null);
    if (call.endpoint() == Endpoint.DELETE_PROPERTY && isNotFound(reply)) {
      trace("the property was gone already");
      return onSuccess.apply(reply);
    }
    if (!call.endpoint().retrySafe() && mayHaveLanded && reply.status() == 400) {
      Optional<T> done = settled.get();
      if (done.isPresent()) {
        trace("an earlier attempt to " + call.what() + " took effect");
        return done.get();
      }
    }
    throw rejected(call, reply);
  }

  /**
   * One try: the answer, or a problem worth trying again (a timeout, a reset or refused
   * connection).
   *
   * @throws TargetException when Kinde cannot be reached at all (no such host, no TLS)
   */
  private Attempt attempt(Call call, Secret token, long sent) {
    try {
      return new Attempt(sendOnce(call, token), null, false);
    } catch (HttpConnectTimeoutException e) {
      return new Attempt(null, "connect timed out", false);
    } catch (HttpTimeoutException e) {
      return new Attempt(null, "timed out", true);
    } catch (ConnectException | UnresolvedAddressException e) {
      if (unresolved(e)) {
        traceLine(call, "no such host", sent, null);
        throw new TargetException(
            "cannot find "
                + settings.domain()
                + " to "
                + call.what()
                + ": check "
                + KindeSettings.DOMAIN_VARIABLE);
      }
      return new Attempt(null, "connection refused", false);
    } catch (SSLException e) {
      traceLine(call, "TLS failed", sent, null);
      throw new TargetException(
          scrub("TLS with " + settings.domain() + " failed: " + e.getMessage()));
    } catch (IOException e) {
      return new Attempt(null, "connection reset", true);
    }
  }

  /** Whether the host name did not resolve (no retry helps), rather than a refused connection. */
  private static boolean unresolved(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
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
    Throttle.Slot slot = throttle.acquire();
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      throttle.answered(slot, response.statusCode());
      return new Reply(response.statusCode(), response.body(), response.headers());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TargetException("interrupted while waiting for Kinde to " + call.what());
    } finally {
      throttle.release();
    }
  }

  /**
   * How long to wait after the {@code n}th 429 of a request: what Kinde {@linkplain #told told},
   * but never less than the backoff, so that a reset of 0 (the limit resets within this second)
   * does not turn into a burst of retries.
   */
  private Duration rateLimitWait(Optional<Duration> told, int n) {
    Duration backoff = retry.backoff(n, timing.random().getAsDouble());
    return told.filter(t -> t.compareTo(backoff) > 0).orElse(backoff);
  }

  /**
   * How long Kinde said to wait: {@code RateLimit-Reset} seconds, else {@code Retry-After} seconds,
   * capped; empty without either (or with an HTTP date or garbage).
   */
  private Optional<Duration> told(HttpHeaders headers) {
    for (String header : List.of("RateLimit-Reset", "Retry-After")) {
      Optional<String> value = headers.firstValue(header);
      if (value.isPresent()) {
        try {
          long seconds = Long.parseLong(value.get().trim());
          Duration told = Duration.ofSeconds(Math.max(0, Math.min(seconds, 86_400)));
          return Optional.of(
              told.compareTo(retry.maxRateLimitWait()) > 0 ? retry.maxRateLimitWait() : told);
        } catch (NumberFormatException e) {
          // Fall through to the next header.
        }
      }
    }
    return Optional.empty();
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
    trace(
        call.endpoint().method
            + " "
            + call.target()
            + " -> "
            + outcome
            + " ("
            + millis
            + " ms)"
            + (note == null ? "" : "; " + note));
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

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
