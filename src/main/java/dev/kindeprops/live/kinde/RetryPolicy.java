package dev.kindeprops.live.kinde;

import java.time.Duration;

/**
 * How long one request keeps trying. Errors (server errors, timeouts, resets and refused
 * connections) are retried until {@code maxAttempts} errors or {@code maxElapsed} after the first,
 * whichever comes first; throttled requests (429) are retried as Kinde says for up to {@code
 * maxThrottled}, without spending the errors' budget: a server slower than the client slows the run
 * down, it does not fail it.
 *
 * @param maxAttempts errors per request after which it fails
 * @param maxElapsed the time from a request's first error after which no retry starts
 * @param baseDelay the first backoff; it doubles with each retry
 * @param maxDelay the longest backoff
 * @param maxRateLimitWait the longest single wait a 429 may ask for
 * @param maxThrottled the time from a request's first attempt after which a 429 fails it
 */
record RetryPolicy(
    int maxAttempts,
    Duration maxElapsed,
    Duration baseDelay,
    Duration maxDelay,
    Duration maxRateLimitWait,
    Duration maxThrottled) {

  static final RetryPolicy DEFAULT =
      new RetryPolicy(
          8,
          Duration.ofSeconds(120),
          Duration.ofMillis(500),
          Duration.ofSeconds(15),
          Duration.ofSeconds(60),
          Duration.ofMinutes(10));

  /** Exponential backoff with full jitter: uniform in [0, min(maxDelay, baseDelay * 2^(n-1))). */
  Duration backoff(int attempt, double random) {
    long ceiling = baseDelay.toNanos() << Math.min(attempt - 1, 30);
    if (ceiling <= 0 || ceiling > maxDelay.toNanos()) {
      ceiling = maxDelay.toNanos();
    }
    return Duration.ofNanos((long) (ceiling * random));
  }
}
