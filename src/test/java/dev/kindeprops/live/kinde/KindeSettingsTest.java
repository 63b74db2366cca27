package dev.kindeprops.live.kinde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.live.TargetException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KindeSettingsTest {
  private static final Map<String, String> ENV =
      Map.of(
          "KINDE_DOMAIN", "https://acme.kinde.com/",
          "KINDE_MANAGEMENT_CLIENT_ID", "mgmt-client",
          "KINDE_MANAGEMENT_CLIENT_SECRET", "s3cr3t-value-that-is-long");

  @Test
  void readsTheEnvironmentWithSafeDefaults() {
    KindeSettings settings = KindeSettings.fromEnvironment(ENV, KindeSettings.Overrides.NONE);

    assertThat(settings.domain()).isEqualTo("https://acme.kinde.com");
    assertThat(settings.clientId()).isEqualTo("mgmt-client");
    assertThat(settings.clientSecret().value()).isEqualTo("s3cr3t-value-that-is-long");
    assertThat(settings.maxRequestsPerSecond()).as("no cap: find Kinde's limit").isNull();
    assertThat(settings.parallelism()).isEqualTo(4);
    assertThat(settings.managementAudience()).isEqualTo("https://acme.kinde.com/api");
  }

  @Test
  void flagsOverrideTheEnvironment() {
    KindeSettings settings =
        KindeSettings.fromEnvironment(
            ENV,
            new KindeSettings.Overrides(
                "https://acme-dev.au.kinde.com", "other-client", null, 2.5, 9));

    assertThat(settings.domain()).isEqualTo("https://acme-dev.au.kinde.com");
    assertThat(settings.clientId()).isEqualTo("other-client");
    assertThat(settings.clientSecret().value()).isEqualTo("s3cr3t-value-that-is-long");
    assertThat(settings.maxRequestsPerSecond()).isEqualTo(2.5);
    assertThat(settings.parallelism()).isEqualTo(9);
  }

  @ParameterizedTest
  @CsvSource({
    "KINDE_DOMAIN, 'KINDE_DOMAIN is not set: set it to your Kinde domain, such as https://acme.kinde.com'",
    "KINDE_MANAGEMENT_CLIENT_ID, KINDE_MANAGEMENT_CLIENT_ID is not set",
    "KINDE_MANAGEMENT_CLIENT_SECRET, KINDE_MANAGEMENT_CLIENT_SECRET is not set",
  })
  void namesTheMissingVariable(String missing, String message) {
    Map<String, String> env = new java.util.HashMap<>(ENV);
    env.put(missing, " ");

    assertThatThrownBy(() -> KindeSettings.fromEnvironment(env, KindeSettings.Overrides.NONE))
        .isInstanceOf(TargetException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest
  @CsvSource({
    "https://acme.kinde.com, https://acme.kinde.com",
    "https://ACME.kinde.com///, https://acme.kinde.com",
    "HTTPS://acme.kinde.com:8443, https://acme.kinde.com:8443",
    "https://acme.kinde.com:443, https://acme.kinde.com",
    "http://localhost:80, http://localhost",
    "http://localhost:8080/, http://localhost:8080",
    "http://127.0.0.1:1234, http://127.0.0.1:1234",
    "'http://[::1]:99', 'http://[::1]:99'",
  })
  void normalisesDomains(String raw, String normalised) {
    assertThat(KindeSettings.normaliseDomain(raw)).isEqualTo(normalised);
  }

  @ParameterizedTest
  @CsvSource({
    "acme, did you mean https://acme.kinde.com?",
    "acme.kinde.com, did you mean https://acme.kinde.com?",
    "http://acme.kinde.com, must start with https://",
    "ftp://acme.kinde.com, must start with https://",
    "https://acme.kinde.com/api, without a path",
    "https://acme.kinde.com?x=1, without a path",
    "https://user@acme.kinde.com, must not hold a user name or password",
    "'https://acme kinde', is not a valid URL",
  })
  void refusesDomainsThatAreNotAFullHttpsUrl(String raw, String message) {
    assertThatThrownBy(() -> KindeSettings.normaliseDomain(raw))
        .isInstanceOf(TargetException.class)
        .hasMessageStartingWith("KINDE_DOMAIN")
        .hasMessageContaining(message);
  }

  @Test
  void neverEchoesAPasswordInTheDomain() {
    assertThatThrownBy(() -> KindeSettings.normaliseDomain("https://ops:hunter2@acme.kinde.com"))
        .isInstanceOf(TargetException.class)
        .message()
        .doesNotContain("hunter2")
        .doesNotContain("ops");
  }

  @Test
  void refusesLimitsOutOfRange() {
    assertThatThrownBy(() -> limits(0.0, null)).hasMessageContaining("--max-rps");
    assertThatThrownBy(() -> limits(Double.NaN, null)).hasMessageContaining("--max-rps");
    assertThatThrownBy(() -> limits(null, 0)).hasMessageContaining("--parallelism");
    assertThatThrownBy(() -> limits(null, 65)).hasMessageContaining("--parallelism");
  }

  @ParameterizedTest
  @CsvSource({
    "https://acme.kinde.com:99999, 99999",
    "https://acme.kinde.com:0, 0",
    "http://localhost:65536, 65536"
  })
  void refusesAPortOutOfRange(String domain, String port) {
    assertThatThrownBy(() -> KindeSettings.normaliseDomain(domain))
        .isInstanceOf(TargetException.class)
        .hasMessage("KINDE_DOMAIN has port " + port + "; a port is 1 to 65535: '" + domain + "'");
    assertThat(KindeSettings.normaliseDomain("https://acme.kinde.com:65535"))
        .isEqualTo("https://acme.kinde.com:65535");
  }

  /** Beyond these the throttle's arithmetic overflows: a tiny rate would mean no limit at all. */
  @Test
  void refusesRatesTheThrottleCannotKeep() {
    assertThatThrownBy(() -> limits(1e-300, null))
        .hasMessage(
            "--max-rps must be a number of requests per second from 0.01 to 1000000, not 1.0E-300");
    assertThatThrownBy(() -> limits(1e300, null)).hasMessageContaining("from 0.01 to 1000000");
    assertThat(limits(0.01, null).maxRequestsPerSecond()).isEqualTo(0.01);
    assertThat(limits(1e6, null).maxRequestsPerSecond()).isEqualTo(1e6);
  }

  private static KindeSettings limits(Double maxRps, Integer parallelism) {
    return KindeSettings.fromEnvironment(
        ENV, new KindeSettings.Overrides(null, null, null, maxRps, parallelism));
  }

  @Test
  void neverPrintsTheSecret() {
    KindeSettings settings = KindeSettings.fromEnvironment(ENV, KindeSettings.Overrides.NONE);
    KindeSettings.Overrides overrides =
        new KindeSettings.Overrides(null, null, "s3cr3t-value-that-is-long", null, null);

    assertThat(settings.toString()).doesNotContain("s3cr3t").contains("(secret)");
    assertThat(settings.clientSecret().toString()).isEqualTo("(secret)");
    assertThat(overrides.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void canReadTheDomainAloneForCheckingTokens() {
    KindeSettings settings =
        KindeSettings.withoutCredentials(
            Map.of("KINDE_DOMAIN", "https://acme.kinde.com/"),
            new KindeSettings.Overrides(null, null, null, 3.0, null));

    assertThat(settings.domain()).isEqualTo("https://acme.kinde.com");
    assertThat(settings.hasManagementCredentials()).isFalse();
    assertThat(settings.maxRequestsPerSecond()).isEqualTo(3);
    assertThat(KindeSettings.fromEnvironment(ENV, KindeSettings.Overrides.NONE))
        .returns(true, KindeSettings::hasManagementCredentials);
    assertThatThrownBy(
            () -> KindeSettings.withoutCredentials(Map.of(), KindeSettings.Overrides.NONE))
        .hasMessageStartingWith("KINDE_DOMAIN is not set");
  }

  @Test
  void aClientIdNeedsASecretAndTheOtherWayRound() {
    assertThatThrownBy(
            () ->
                new KindeSettings(
                    "https://acme.kinde.com",
                    "mgmt-client",
                    null,
                    8.0,
                    4,
                    KindeSettings.DEFAULT_CONNECT_TIMEOUT,
                    KindeSettings.DEFAULT_REQUEST_TIMEOUT))
        .hasMessageContaining("KINDE_MANAGEMENT_CLIENT_SECRET");
    assertThatThrownBy(
            () ->
                new KindeSettings(
                    "https://acme.kinde.com",
                    null,
                    new Secret("s3cr3t-value-that-is-long"),
                    8.0,
                    4,
                    KindeSettings.DEFAULT_CONNECT_TIMEOUT,
                    KindeSettings.DEFAULT_REQUEST_TIMEOUT))
        .hasMessageContaining("KINDE_MANAGEMENT_CLIENT_ID is not set");
  }
}
