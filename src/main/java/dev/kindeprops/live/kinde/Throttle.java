package dev.kindeprops.live.kinde;

import dev.kindeprops.live.TargetException;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Keeps every thread of one client within {@code --max-rps} (a token bucket holding one second of
 * requests) and {@code --parallelism} (a semaphore over the requests in flight), and holds everyone
 * back after Kinde said it is throttling.
 */
final class Throttle {
  private final Timing timing;
  private final long interval;
  private final long tolerance;
  private final Semaphore inFlight;
  // The bucket as a "theoretical arrival time" (GCRA): a request may start at tat - tolerance.
  private long tat;

  Throttle(double maxRequestsPerSecond, int parallelism, Timing timing) {
    this.timing = timing;
    this.interval = Math.max(1, (long) (1_000_000_000L / maxRequestsPerSecond));
    long burst = Math.max(1, (long) Math.floor(maxRequestsPerSecond));
    this.tolerance = (burst - 1) * interval;
    this.inFlight = new Semaphore(parallelism, true);
    this.tat = timing.nanoTime().getAsLong();
  }

  /** Waits for a place among the requests in flight and a rate slot; pair with {@link #release}. */
  void acquire() {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted();
    }
    try {
      long wait = reserve();
      if (wait > 0) {
        timing.sleeper().sleep(Duration.ofNanos(wait));
      }
    } catch (InterruptedException e) {
      inFlight.release();
      Thread.currentThread().interrupt();
      throw interrupted();
    }
  }

  void release() {
    inFlight.release();
  }

  /** A request was answered (not throttled). */
  void succeeded() {}

  /**
   * Kinde throttled a request: holds back every request of this client for this long from now, and
   * lets them resume at the steady rate rather than in a burst.
   */
  synchronized void throttled(Duration duration) {
    tat = Math.max(tat, timing.nanoTime().getAsLong() + duration.toNanos() + tolerance);
  }

  /** Takes the next slot and returns how long to wait for it, in nanoseconds. */
  private synchronized long reserve() {
    long now = timing.nanoTime().getAsLong();
    long allowedAt = Math.max(now, tat - tolerance);
    tat = Math.max(tat, allowedAt) + interval;
    return allowedAt - now;
  }

  private static TargetException interrupted() {
    return new TargetException("interrupted while waiting to send a request to Kinde");
  }
}
