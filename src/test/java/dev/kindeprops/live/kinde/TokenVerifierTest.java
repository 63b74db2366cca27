package dev.kindeprops.live.kinde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.json.Json;
import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.live.InvalidTokenException;
import dev.kindeprops.live.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** RS256 verification with the JDK against a JWKS holding a real RSA key. */
class TokenVerifierTest {
  private static final String ISSUER = "https://acme.kinde.com";
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final FakeKindeKeys KEYS = FakeKindeKeys.shared();

  private final AtomicInteger jwksFetches = new AtomicInteger();
  private final TokenVerifier verifier =
      new TokenVerifier(
          ISSUER,
          () -> {
            jwksFetches.incrementAndGet();
            return KEYS.jwks();
          },
          Clock.fixed(NOW, ZoneOffset.UTC));

  private static Map<String, Object> header() {
    return new LinkedHashMap<>(Map.of("alg", "RS256", "typ", "JWT", "kid", FakeKinde.KEY_ID));
  }

  private static Map<String, Object> claims() {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", List.of("https://api.example.com"));
    claims.put("azp", "app1");
    claims.put("exp", NOW.getEpochSecond() + 3600);
    claims.put("iat", NOW.getEpochSecond());
    claims.put("iss", ISSUER);
    claims.put("gty", List.of("client_credentials"));
    claims.put(
        "application_properties",
        Map.of("region", Map.of("v", "eu"), "tier", Map.of(), "flag", Map.of("v", true)));
    return claims;
  }

  private TokenClaims verify(String token) {
    return verifier.verify(new Secret(token), "app1", "https://api.example.com");
  }

  @Test
  void acceptsAValidTokenAndReadsItsApplicationProperties() {
    TokenClaims claims = verify(KEYS.sign(header(), claims()));

    assertThat(claims.issuer()).isEqualTo(ISSUER);
    assertThat(claims.authorizedParty()).isEqualTo("app1");
    assertThat(claims.audience()).containsExactly("https://api.example.com");
    assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(claims.applicationProperties())
        .containsEntry("region", new ClaimValue("eu"))
        .containsEntry("tier", new ClaimValue(null))
        .containsEntry("flag", new ClaimValue("true"));
  }

  @Test
  void fetchesTheKeysOnce() {
    verify(KEYS.sign(header(), claims()));
    verify(KEYS.sign(header(), claims()));

    assertThat(jwksFetches).hasValue(1);
  }

  @Test
  void acceptsAnyPartyAndAudienceWhenNoneIsExpected() {
    Map<String, Object> claims = claims();
    claims.put("aud", "single");
    claims.remove("application_properties");

    TokenClaims verified = verifier.verify(new Secret(KEYS.sign(header(), claims)), null, null);

    assertThat(verified.audience()).containsExactly("single");
    assertThat(verified.applicationProperties()).isEmpty();
  }

  @Test
  void refusesASignatureFromAnotherKey() {
    String forged = FakeKindeKeys.sign(FakeKindeKeys.generate().getPrivate(), header(), claims());

    assertThatThrownBy(() -> verify(forged))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage("the token's signature does not verify against the keys of " + ISSUER);
  }

  @Test
  void refusesATamperedPayload() {
    String[] parts = KEYS.sign(header(), claims()).split("\\.");
    Map<String, Object> changed = claims();
    changed.put("application_properties", Map.of("region", Map.of("v", "us")));
    String tampered =
        parts[0]
            + "."
            + FakeKindeKeys.base64Url(Json.MAPPER.writeValueAsBytes(changed))
            + "."
            + parts[2];

    assertThatThrownBy(() -> verify(tampered)).hasMessageContaining("signature does not verify");
  }

  @Test
  void refusesAlgNone() {
    Map<String, Object> header = header();
    header.put("alg", "none");
    String[] parts = KEYS.sign(header, claims()).split("\\.");

    assertThatThrownBy(() -> verify(parts[0] + "." + parts[1] + "."))
        .isInstanceOf(InvalidTokenException.class)
        .hasMessage(
            "the token's header does not name RS256 as its algorithm; Kinde signs with RS256 and"
                + " nothing else is accepted");
  }

  @Test
  void refusesHs256EvenKeyedWithThePublicKey() throws Exception {
    Map<String, Object> header = header();
    header.put("alg", "HS256");
    String input =
        FakeKindeKeys.base64Url(Json.MAPPER.writeValueAsBytes(header))
            + "."
            + FakeKindeKeys.base64Url(Json.MAPPER.writeValueAsBytes(claims()));
    Mac mac = Mac.getInstance("HmacSHA256");
    JsonNode jwk = KEYS.jwks().path("keys").get(0);
    mac.init(
        new SecretKeySpec(jwk.path("n").asString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String token =
        input
            + "."
            + FakeKindeKeys.base64Url(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));

    assertThatThrownBy(() -> verify(token)).hasMessageContaining("does not name RS256");
  }

  @Test
  void refusesAnExpiredToken() {
    Map<String, Object> claims = claims();
    claims.put("exp", NOW.getEpochSecond() - 3600);

    assertThatThrownBy(() -> verify(KEYS.sign(header(), claims)))
        .hasMessage("the token expired at " + NOW.minusSeconds(3600));
  }

  @Test
  void refusesAnotherIssuer() {
    Map<String, Object> claims = claims();
    claims.put("iss", "https://evil.kinde.com");

    assertThatThrownBy(() -> verify(KEYS.sign(header(), claims)))
        .hasMessage("the token was issued by https://evil.kinde.com, not " + ISSUER);
  }

  @Test
  void refusesATokenIssuedToAnotherApplication() {
    Map<String, Object> claims = claims();
    claims.put("azp", "app2");

    assertThatThrownBy(() -> verify(KEYS.sign(header(), claims)))
        .hasMessage("the token was issued to app2, not to application app1");
  }

  @Test
  void refusesAnotherAudience() {
    Map<String, Object> claims = claims();
    claims.put("aud", List.of("https://other.example.com"));

    assertThatThrownBy(() -> verify(KEYS.sign(header(), claims)))
        .hasMessage(
            "the token's audience [https://other.example.com] does not include"
                + " https://api.example.com");
  }

  @Test
  void refusesAnUnknownKeyIdAfterLookingAgain() {
    Map<String, Object> header = header();
    header.put("kid", "rotated-away");
    verify(KEYS.sign(header(), claims()));

    assertThatThrownBy(() -> verify(KEYS.sign(header, claims())))
        .hasMessage(
            "the token names a signing key (kid) that "
                + ISSUER
                + "/.well-known/jwks does not list");
    assertThat(jwksFetches).hasValue(2);
  }

  @Test
  void quotesNothingOfAnUnverifiedHeader() {
    Map<String, Object> header = header();
    header.put("alg", "\u001b[31mHS256\u001b[0m");
    String badAlg = KEYS.sign(header, claims());
    header.put("alg", "RS256");
    header.put("kid", "\u001b]0;pwned\u0007");

    assertThatThrownBy(() -> verify(badAlg))
        .message()
        .doesNotContain("\u001b")
        .doesNotContain("HS256");
    assertThatThrownBy(() -> verify(KEYS.sign(header, claims())))
        .message()
        .doesNotContain("\u001b")
        .doesNotContain("pwned");
  }

  @Test
  void acceptsAnIssuerWrittenWithItsDefaultPort() {
    Map<String, Object> claims = claims();
    claims.put("iss", ISSUER + ":443/");

    assertThat(verify(KEYS.sign(header(), claims)).issuer()).isEqualTo(ISSUER + ":443/");
  }

  @Test
  void refusesSomethingThatIsNotAJwt() {
    assertThatThrownBy(() -> verify("not-a-token"))
        .hasMessage("the token is not a JWT (it has no three dot-separated parts)");
    assertThatThrownBy(() -> verify("a.b.c"))
        .hasMessage("the token's header is not base64url-encoded JSON");
  }
}
