package dev.kindeprops.live.kinde;

import dev.kindeprops.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A real 2048-bit RSA key pair that signs RS256 tokens, and its JWKS. */
final class FakeKindeKeys {
  private static final FakeKindeKeys SHARED = new FakeKindeKeys(generate());

  private final KeyPair pair;

  FakeKindeKeys(KeyPair pair) {
    this.pair = pair;
  }

  /** One key for every fake in the run: generating one takes a while. */
  static FakeKindeKeys shared() {
    return SHARED;
  }

  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has RSA", e);
    }
  }

  JsonNode jwks() {
    RSAPublicKey key = (RSAPublicKey) pair.getPublic();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putArray("keys")
        .addObject()
        .put("kty", "RSA")
        .put("use", "sig")
        .put("alg", "RS256")
        .put("kid", FakeKinde.KEY_ID)
        .put("n", base64Url(unsigned(key.getModulus())))
        .put("e", base64Url(unsigned(key.getPublicExponent())));
    return root;
  }

  String sign(Map<String, Object> header, Map<String, Object> claims) {
    return sign(pair.getPrivate(), header, claims);
  }

  /** A JWT whose signature is RS256 with {@code key}, whatever the header claims. */
  static String sign(PrivateKey key, Map<String, Object> header, Map<String, Object> claims) {
    String signingInput =
        base64Url(Json.MAPPER.writeValueAsBytes(header))
            + "."
            + base64Url(Json.MAPPER.writeValueAsBytes(claims));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + base64Url(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
