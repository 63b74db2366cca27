package dev.kindeprops.live.kinde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every secret and token a client handled, and blanks them out of any text that leaves
 * the client (trace lines, exception messages) in case a server echoes one back.
 */
final class Redactor {
  // Shorter strings could occur in ordinary text by chance; real secrets and tokens are far longer.
  private static final int SHORTEST = 8;
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  void remember(Secret secret) {
    if (secret != null && secret.value().length() >= SHORTEST) {
      secrets.add(secret.value());
    }
  }

  String scrub(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      if (result.contains(secret)) {
        result = result.replace(secret, "(secret)");
      }
    }
    return result;
  }
}
