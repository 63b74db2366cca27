package dev.kindeprops.json;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The project's JSON mapper and canonical digests. */
public final class Json {
  /** One mapper for the whole tool: thread-safe once built. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /**
   * {@code sha256:} and the hex SHA-256 of the compact JSON text of {@code node}. Callers build the
   * node in a fixed order, so equal content gives an equal digest.
   */
  public static String sha256(JsonNode node) {
    MessageDigest digest = sha256();
    // Streamed into the digest as UTF-8, the bytes of the text: no copy of it is ever whole.
    MAPPER.writeValue(new DigestOutputStream(OutputStream.nullOutputStream(), digest), node);
    return hex(digest);
  }

  /** {@code sha256:} and the hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    MessageDigest digest = sha256();
    digest.update(bytes);
    return hex(digest);
  }

  /** A fresh SHA-256 digest, to feed in parts and finish with {@link #hex(MessageDigest)}. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** {@code sha256:} and the hex of what the digest was fed. */
  public static String hex(MessageDigest digest) {
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }
}
