package dev.kindeprops.live.kinde;

import dev.kindeprops.json.Json;
import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.live.InvalidTokenException;
import dev.kindeprops.live.TokenClaims;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Verifies Kinde access tokens with the JDK alone: RS256 only, the key chosen by {@code kid} from
 * the domain's JWKS (fetched once, again when an unknown {@code kid} shows up), then {@code iss},
 * {@code exp}, {@code azp} and {@code aud}. Messages never quote the token, nor anything of it
 * before its signature holds: until then it is text from anyone.
 */
final class TokenVerifier {
  /** Allowance for clocks that disagree a little. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final String issuer;
  private final Supplier<JsonNode> jwks;
  private final Clock clock;
  private Map<String, PublicKey> keys; // guarded by this

  TokenVerifier(String issuer, Supplier<JsonNode> jwks, Clock clock) {
    this.issuer = issuer;
    this.jwks = jwks;
    this.clock = clock;
  }

  /**
   * Verifies {@code token} and returns its claims.
   *
   * @param applicationId the expected {@code azp}, or null to accept any
   * @param audience an audience {@code aud} must contain, or null to accept any
   * @throws InvalidTokenException saying what is wrong with it
   */
  TokenClaims verify(Secret token, String applicationId, String audience) {
    String[] parts = token.value().trim().split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidTokenException(
          "the token is not a JWT (it has no three dot-separated parts)");
    }
    JsonNode header = decode(parts[0], "header");
    String alg = Wire.text(header, "alg");
    if (!"RS256".equals(alg)) {
      throw new InvalidTokenException(
          "the token's header does not name RS256 as its algorithm; Kinde signs with RS256 and"
              + " nothing else is accepted");
    }
    PublicKey key = key(Wire.text(header, "kid"));
    if (!signatureHolds(key, parts)) {
      throw new InvalidTokenException(
          "the token's signature does not verify against the keys of " + issuer);
    }
    JsonNode claims = decode(parts[1], "payload");
    String iss = Wire.text(claims, "iss");
    if (iss == null || !issuer.equals(normalised(iss))) {
      throw new InvalidTokenException(
          "the token was issued by " + (iss == null ? "nobody (no iss)" : iss) + ", not " + issuer);
    }
    if (!claims.path("exp").isNumber()) {
      throw new InvalidTokenException("the token has no expiry (exp)");
    }
    Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
    if (!expiresAt.plus(CLOCK_SKEW).isAfter(clock.instant())) {
      throw new InvalidTokenException("the token expired at " + expiresAt);
    }
    String azp = Wire.text(claims, "azp");
    if (applicationId != null && !applicationId.equals(azp)) {
      throw new InvalidTokenException(
          "the token was issued to "
              + (azp == null ? "no application (no azp)" : azp)
              + ", not to application "
              + applicationId);
    }
    List<String> aud = new ArrayList<>();
    JsonNode audNode = claims.path("aud");
    if (audNode.isArray()) {
      audNode.forEach(a -> aud.add(a.asString()));
    } else if (audNode.isString()) {
      aud.add(audNode.asString());
    }
    if (audience != null && !aud.contains(audience)) {
      throw new InvalidTokenException(
          "the token's audience " + aud + " does not include " + audience);
    }
    return new TokenClaims(
        iss, azp, aud, expiresAt, applicationProperties(claims.path("application_properties")));
  }

  private static TreeMap<String, ClaimValue> applicationProperties(JsonNode claim) {
    TreeMap<String, ClaimValue> properties = new TreeMap<>();
    if (claim.isObject()) {
      claim.forEachEntry(
          (key, entry) -> {
            JsonNode v = entry.isObject() ? entry.path("v") : entry;
            properties.put(key, text(v));
          });
    }
    return properties;
  }

  private static ClaimValue text(JsonNode v) {
    if (v.isMissingNode() || v.isNull()) {
      return new ClaimValue(null);
    }
    return new ClaimValue(v.isString() ? v.asString() : Json.MAPPER.writeValueAsString(v));
  }

  private synchronized PublicKey key(String kid) {
    if (keys == null || (kid != null && !keys.containsKey(kid))) {
      keys = readKeys(jwks.get());
    }
    if (kid == null) {
      if (keys.size() == 1) {
        return keys.values().iterator().next();
      }
      throw new InvalidTokenException("the token names no signing key (no kid)");
    }
    PublicKey key = keys.get(kid);
    if (key == null) {
      throw new InvalidTokenException(
          "the token names a signing key (kid) that " + issuer + "/.well-known/jwks does not list");
    }
    return key;
  }

  private static Map<String, PublicKey> readKeys(JsonNode jwks) {
    Map<String, PublicKey> keys = new HashMap<>();
    for (JsonNode jwk : jwks.path("keys")) {
      String use = Wire.text(jwk, "use");
      if (!"RSA".equals(Wire.text(jwk, "kty")) || (use != null && !use.equals("sig"))) {
        continue;
      }
      try {
        BigInteger modulus =
            new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asString()));
        BigInteger exponent =
            new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asString()));
        PublicKey key =
            KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        String kid = Wire.text(jwk, "kid");
        keys.put(kid == null ? "" : kid, key);
      } catch (IllegalArgumentException | GeneralSecurityException e) {
        // A key this verifier cannot read cannot have signed a token it accepts.
      }
    }
    return keys;
  }

  private static boolean signatureHolds(PublicKey key, String[] parts) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initVerify(key);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static JsonNode decode(String part, String what) {
    try {
      JsonNode node = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IllegalArgumentException | JacksonException e) {
      // Reported below without quoting the token.
    }
    throw new InvalidTokenException("the token's " + what + " is not base64url-encoded JSON");
  }

  /** The issuer as a domain is written ({@link KindeSettings#normaliseDomain}), else as it is. */
  private static String normalised(String iss) {
    try {
      return KindeSettings.normaliseDomain(iss);
    } catch (RuntimeException e) {
      return iss;
    }
  }
}
