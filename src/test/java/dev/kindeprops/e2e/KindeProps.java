package dev.kindeprops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import dev.kindeprops.live.kinde.FakeKinde;
import dev.kindeprops.live.kinde.KindeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;

/**
 * Runs kinde-props in process against a {@link FakeKinde}, as a user with {@code KINDE_DOMAIN} and
 * the management credentials in the environment would, and keeps everything it printed or saved so
 * that a test can check that no secret or token ever showed. Registered as an extension ({@link
 * #started()}), it makes that check after each test and then stops the fake.
 */
final class KindeProps implements AfterEachCallback {
  /** Limits that keep tests fast where the rate limit is not the subject. */
  static final List<String> FAST = List.of("--max-rps", "2000", "--parallelism", "16");

  private final FakeKinde fake;
  private final Map<String, String> env;
  private final Set<String> applicationIds;
  private final List<String> captured;
  private final List<String> mintedTokens;

  KindeProps(FakeKinde fake) {
    this(
        fake,
        fake.environment(),
        new LinkedHashSet<>(),
        new CopyOnWriteArrayList<>(),
        new CopyOnWriteArrayList<>());
    fake.record();
  }

  private KindeProps(
      FakeKinde fake,
      Map<String, String> env,
      Set<String> applicationIds,
      List<String> captured,
      List<String> mintedTokens) {
    this.fake = fake;
    this.env = Map.copyOf(env);
    this.applicationIds = applicationIds;
    this.captured = captured;
    this.mintedTokens = mintedTokens;
  }

  /** A runner for a fresh, empty fake Kinde on loopback. */
  static KindeProps started() {
    return new KindeProps(FakeKinde.start());
  }

  FakeKinde fake() {
    return fake;
  }

  /** No secret showed during the test; the fake stops either way. */
  @Override
  public void afterEach(ExtensionContext context) {
    try {
      assertNoSecretShowed();
    } finally {
      fake.close();
    }
  }

  /** The same runner (and scan) with only {@code KINDE_DOMAIN} in the environment. */
  KindeProps withDomainOnly() {
    return new KindeProps(
        fake,
        Map.of(KindeSettings.DOMAIN_VARIABLE, fake.domain()),
        applicationIds,
        captured,
        mintedTokens);
  }

  /** The same runner (and scan) with these variables added to the environment. */
  KindeProps withEnv(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putAll(more);
    return new KindeProps(fake, all, applicationIds, captured, mintedTokens);
  }

  /** Runs a command with nothing on standard input. */
  Run run(String... args) {
    return runWithInput("", args);
  }

  /** Runs a command against the fake with the fast limits. */
  Run fast(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(FAST);
    return run(all.toArray(String[]::new));
  }

  Run runWithInput(String stdin, String... args) {
    Run run = InProcess.run(env, stdin, false, args);
    captured.add(run.out());
    captured.add(run.err());
    return run;
  }

  /** Keeps a file kinde-props wrote (a saved plan) for the secret scan, and returns its text. */
  String keep(Path file) {
    try {
      String text = Files.readString(file);
      captured.add(text);
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Remembers the applications whose client secrets the scan looks for. */
  void applications(Iterable<String> ids) {
    ids.forEach(applicationIds::add);
  }

  /** Remembers the applications of a state file's JSON that seeded the fake. */
  void applicationsOf(String stateJson) {
    for (JsonNode app : Json.MAPPER.readTree(stateJson).path("applications")) {
      applicationIds.add(app.path("id").asString());
    }
  }

  /** Gets a token as an application from the fake's token endpoint, as a user's script would. */
  String mintToken(String applicationId, String audience) {
    String form =
        "grant_type=client_credentials&client_id="
            + encode(applicationId)
            + "&client_secret="
            + encode(fake.clientSecret(applicationId))
            + (audience == null ? "" : "&audience=" + encode(audience));
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(fake.domain() + "/oauth2/token"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(form))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      String token = Json.MAPPER.readTree(response.body()).path("access_token").asString();
      mintedTokens.add(token);
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The sensitive value the quickstart's manifests give billing-worker ({@code billing_notes}),
   * which no output or file may ever show in clear.
   */
  static final List<String> QUICKSTART_SENSITIVE =
      List.of("Invoiced yearly.", "finance@example.com");

  /**
   * Checks that nothing captured holds the management secret, an application's client secret, any
   * token the fake issued (to kinde-props or to this test), or the quickstart's sensitive value.
   */
  void assertNoSecretShowed() {
    Set<String> secrets = new LinkedHashSet<>(QUICKSTART_SENSITIVE);
    secrets.add(fake.managementClientSecret());
    applicationIds.forEach(id -> secrets.add(fake.clientSecret(id)));
    secrets.addAll(mintedTokens);
    for (FakeKinde.Exchange exchange : fake.exchanges()) {
      if (exchange.operation().equals("token") && exchange.status() == 200) {
        secrets.add(Json.MAPPER.readTree(exchange.responseBody()).path("access_token").asString());
      }
    }
    assertThat(secrets).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(8));
    for (String text : captured) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  /** How many distinct tokens the fake issued: a scan over none would prove nothing. */
  long tokensIssued() {
    return fake.exchanges().stream()
            .filter(e -> e.operation().equals("token") && e.status() == 200)
            .count()
        + mintedTokens.size();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
