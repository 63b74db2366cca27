package dev.kindeprops.live.kinde;

import java.time.Duration;

/**
 * How long one request keeps trying: throttled (429) requests, server errors (5xx), timeouts and
 * connection resets are retried until {@code maxAttempts} or {@code maxElapsed}, whichever comes
 * first.
 *
 * @param maxAttempts attempts per request, the first included
 * @param maxElapsed the time from the first attempt after which no retry starts
 * @param baseDelay the first backoff; it doubles with each retry
 * @param maxDelay the longest backoff
 * @param maxRateLimitWait the longest single wait a 429 may ask for
 */
record RetryPolicy(
    int maxAttempts,
    Duration maxElapsed,
    Duration baseDelay,
    Duration maxDelay,
    Duration maxRateLimitWait) {

  static final RetryPolicy DEFAULT =
      new RetryPolicy(
          8,
          Duration.ofSeconds(120),
          Duration.ofMillis(500),
          Duration.ofSeconds(15),
          Duration.ofSeconds(60));

  /** Exponential backoff with full jitter: uniform in [0, min(maxDelay, baseDelay * 2^(n-1))). */
  Duration backoff(int attempt, double random) {
    long ceiling = baseDelay.toNanos() << Math.min(attempt - 1, 30);
    if (ceiling <= 0 || ceiling > maxDelay.toNanos()) {
      ceiling = maxDelay.toNanos();
    }
    return Duration.ofNanos((long) (ceiling * random));
  }
}
