package dev.kindeprops.live.kinde;

import dev.kindeprops.live.TargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach a Kinde business and how hard to press it.
 *
 * @param domain the full Kinde domain, such as {@code https://acme.kinde.com}, without a trailing
 *     slash; {@code http://} only for loopback hosts (tests)
 * @param clientId the client id of the M2M application authorized for the Management API, or null
 *     (together with {@code clientSecret}) where only public endpoints are used: checking a token
 *     someone obtained needs the domain's keys alone
 * @param clientSecret its client secret, or null with {@code clientId}
 * @param maxRequestsPerSecond {@code --max-rps}: the rate, shared by all requests, to start at and
 *     never exceed; or null to start at {@link #START_REQUESTS_PER_SECOND} and find Kinde's limit
 *     (see {@link Pacing})
 * @param parallelism how many requests may be in flight at once
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for each response
 */
public record KindeSettings(
    String domain,
    String clientId,
    Secret clientSecret,
    Double maxRequestsPerSecond,
    int parallelism,
    Duration connectTimeout,
    Duration requestTimeout) {

  /**
   * The rate a run starts at without {@code --max-rps}. Kinde publishes no numbers for its rate
   * limits (only that they are per minute and that there is also a concurrency limit); 8 requests
   * per second stays well below what a shared tenant tolerates, and the run speeds up from there
   * while Kinde answers without 429.
   */
  public static final double START_REQUESTS_PER_SECOND = 8;

  /** A handful in flight hides latency without tripping Kinde's concurrency limiter. */
  public static final int DEFAULT_PARALLELISM = 4;

  /**
   * The range of {@code --max-rps}: the throttle counts in nanoseconds, and beyond these its
   * arithmetic overflows, so that a tiny rate would mean no limit at all.
   */
  public static final double MIN_MAX_REQUESTS_PER_SECOND = 0.01;

  public static final double MAX_MAX_REQUESTS_PER_SECOND = 1_000_000;

  public static final int MAX_PARALLELISM = 64;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  public static final String DOMAIN_VARIABLE = "KINDE_DOMAIN";
  public static final String CLIENT_ID_VARIABLE = "KINDE_MANAGEMENT_CLIENT_ID";
  public static final String CLIENT_SECRET_VARIABLE = "KINDE_MANAGEMENT_CLIENT_SECRET";

  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  public KindeSettings {
    domain = normaliseDomain(domain);
    if (clientId != null || clientSecret != null) {
      clientId = required(clientId, CLIENT_ID_VARIABLE);
      Objects.requireNonNull(clientSecret, CLIENT_SECRET_VARIABLE);
      if (clientSecret.value().isBlank()) {
        throw new TargetException(CLIENT_SECRET_VARIABLE + " is empty");
      }
    }
    if (maxRequestsPerSecond != null
        && !(maxRequestsPerSecond >= MIN_MAX_REQUESTS_PER_SECOND
            && maxRequestsPerSecond <= MAX_MAX_REQUESTS_PER_SECOND)) {
      throw new TargetException(
          "--max-rps must be a number of requests per second from 0.01 to 1000000, not "
              + maxRequestsPerSecond);
    }
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new TargetException(
          "--parallelism must be between 1 and " + MAX_PARALLELISM + ", not " + parallelism);
    }
    connectTimeout = positive(connectTimeout, "connect timeout");
    requestTimeout = positive(requestTimeout, "request timeout");
  }

  /** Settings with the default limits and timeouts. */
  public static KindeSettings of(String domain, String clientId, String clientSecret) {
    return new KindeSettings(
        domain,
        clientId,
        new Secret(required(clientSecret, CLIENT_SECRET_VARIABLE)),
        null,
        DEFAULT_PARALLELISM,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT);
  }

  /**
   * Reads {@code KINDE_DOMAIN}, {@code KINDE_MANAGEMENT_CLIENT_ID} and {@code
   * KINDE_MANAGEMENT_CLIENT_SECRET} from {@code env}; a non-null override (a command-line flag)
   * wins.
   *
   * @throws TargetException naming the first missing or malformed setting
   */
  public static KindeSettings fromEnvironment(Map<String, String> env, Overrides overrides) {
    KindeSettings domainOnly = withoutCredentials(env, overrides);
    String clientId = first(overrides.clientId(), env.get(CLIENT_ID_VARIABLE));
    if (clientId == null) {
      throw new TargetException(
          CLIENT_ID_VARIABLE
              + " is not set: set it to the client id of an M2M application authorized for the"
              + " Kinde Management API");
    }
    String clientSecret = first(overrides.clientSecret(), env.get(CLIENT_SECRET_VARIABLE));
    if (clientSecret == null) {
      throw new TargetException(
          CLIENT_SECRET_VARIABLE + " is not set: set it to the client secret of " + clientId);
    }
    return new KindeSettings(
        domainOnly.domain(),
        clientId,
        new Secret(clientSecret),
        domainOnly.maxRequestsPerSecond(),
        domainOnly.parallelism(),
        domainOnly.connectTimeout(),
        domainOnly.requestTimeout());
  }

  /**
   * Reads {@code KINDE_DOMAIN} alone (a non-null override wins), for the calls that need no
   * management token: the domain's signing keys, to check a token someone obtained.
   *
   * @throws TargetException when the domain is missing or malformed
   */
  public static KindeSettings withoutCredentials(Map<String, String> env, Overrides overrides) {
    String domain = first(overrides.domain(), env.get(DOMAIN_VARIABLE));
    if (domain == null) {
      throw new TargetException(
          DOMAIN_VARIABLE
              + " is not set: set it to your Kinde domain, such as https://acme.kinde.com");
    }
    return new KindeSettings(
        domain,
        null,
        null,
        overrides.maxRequestsPerSecond(),
        overrides.parallelism() == null ? DEFAULT_PARALLELISM : overrides.parallelism(),
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT);
  }

  /** Whether these settings can get a Management API token. */
  public boolean hasManagementCredentials() {
    return clientId != null;
  }

  /** The audience of Management API tokens. */
  public String managementAudience() {
    return domain + "/api";
  }

  /**
   * Command-line values that replace the environment's; null means "not given".
   *
   * @param maxRequestsPerSecond {@code --max-rps}
   * @param parallelism {@code --parallelism}
   */
  public record Overrides(
      String domain,
      String clientId,
      String clientSecret,
      Double maxRequestsPerSecond,
      Integer parallelism) {
    public static final Overrides NONE = new Overrides(null, null, null, null, null);

    @Override
    public String toString() {
      return "Overrides[domain="
          + domain
          + ", clientId="
          + clientId
          + ", clientSecret="
          + (clientSecret == null ? null : "(secret)")
          + ", maxRequestsPerSecond="
          + maxRequestsPerSecond
          + ", parallelism="
          + parallelism
          + "]";
    }
  }

  /**
   * The domain as {@code scheme://host[:port]}: a full URL, {@code https://} unless the host is
   * loopback, without path, query or trailing slash.
   */
  static String normaliseDomain(String raw) {
    String text = required(raw, DOMAIN_VARIABLE).trim();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    if (!text.contains("://")) {
      String host = text.toLowerCase(Locale.ROOT);
      String suggestion = host.contains(".") ? "https://" + host : "https://" + host + ".kinde.com";
      throw new TargetException(
          DOMAIN_VARIABLE
              + " must be a full URL such as https://acme.kinde.com, not '"
              + text
              + "': did you mean "
              + suggestion
              + "?");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new TargetException(DOMAIN_VARIABLE + " is not a valid URL: '" + text + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
    if (uri.getRawUserInfo() != null) {
      // Never echo it: the part before '@' may be a password.
      throw new TargetException(
          DOMAIN_VARIABLE
              + " must not hold a user name or password; give the domain alone, such as"
              + " https://acme.kinde.com");
    }
    if (host == null) {
      throw new TargetException(
          DOMAIN_VARIABLE + " must be a URL such as https://acme.kinde.com, not '" + text + "'");
    }
    if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new TargetException(
          DOMAIN_VARIABLE
              + " must be the domain alone, such as https://acme.kinde.com, without a path: '"
              + text
              + "'");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new TargetException(
          DOMAIN_VARIABLE
              + " has port "
              + uri.getPort()
              + "; a port is 1 to 65535: '"
              + text
              + "'");
    }
    boolean loopback = LOOPBACK_HOSTS.contains(host);
    if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
      throw new TargetException(
          DOMAIN_VARIABLE
              + " must start with https:// (http:// is accepted only for localhost, 127.0.0.1 and"
              + " [::1]): '"
              + text
              + "'");
    }
    // A default port is left out, as Kinde leaves it out of the issuer and the audience.
    int port = uri.getPort();
    boolean defaultPort = port == -1 || port == (scheme.equals("https") ? 443 : 80);
    return scheme + "://" + host + (defaultPort ? "" : ":" + port);
  }

  private static String first(String override, String environment) {
    if (override != null && !override.isBlank()) {
      return override.trim();
    }
    return environment == null || environment.isBlank() ? null : environment.trim();
  }

  private static String required(String value, String variable) {
    if (value == null || value.isBlank()) {
      throw new TargetException(variable + " is not set");
    }
    return value.trim();
  }

  private static Duration positive(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative() || duration.isZero()) {
      throw new TargetException("the " + what + " must be positive, not " + duration);
    }
    return duration;
  }
}
