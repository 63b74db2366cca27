package dev.kindeprops.live.kinde;

import dev.kindeprops.live.TargetException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Keeps every thread of one client within the rate and the number of requests in flight that its
 * {@link Pacing} permits (a token bucket holding one second of requests, and a semaphore), tells
 * the pacing how Kinde answered, and holds everyone back after Kinde said it is throttling.
 */
final class Throttle {
  /**
   * What {@link #acquire} gave one request, to report its answer with.
   *
   * @param sentAt when it went out, after waiting for its slot
   * @param inFlight the requests of this client on the wire then, itself included
   * @param waitedForRate whether it had to wait for its rate slot
   */
  record Slot(long sentAt, int inFlight, boolean waitedForRate) {}

  /** A semaphore whose number of permits can shrink while they are held. */
  private static final class Permits extends Semaphore {
    private static final long serialVersionUID = 1L;

    Permits(int permits) {
      super(permits, true);
    }

    void reduce(int by) {
      reducePermits(by);
    }
  }

  private final Timing timing;
  private final Permits permits;
  // Guarded by this:
  private final Pacing pacing;
  private int onTheWire;
  private long pausedUntil;
  // The bucket as a "theoretical arrival time" (GCRA): a request may start at tat - tolerance.
  private long tat;

  /**
   * @param maxRequestsPerSecond {@code --max-rps}: the rate to start at and never exceed; or null
   *     to start at {@link KindeSettings#START_REQUESTS_PER_SECOND} and find Kinde's limit
   * @param parallelism the most requests in flight at once
   */
  Throttle(Double maxRequestsPerSecond, int parallelism, Timing timing) {
    this.timing = timing;
    this.tat = timing.nanoTime().getAsLong();
    this.pausedUntil = tat;
    this.pacing =
        maxRequestsPerSecond == null
            ? new Pacing(
                KindeSettings.START_REQUESTS_PER_SECOND,
                KindeSettings.MAX_MAX_REQUESTS_PER_SECOND,
                parallelism,
                tat)
            : new Pacing(maxRequestsPerSecond, maxRequestsPerSecond, parallelism, tat);
    this.permits = new Permits(parallelism);
  }

  /** Waits for a place among the requests in flight and a rate slot; pair with {@link #release}. */
  Slot acquire() {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted();
    }
    try {
      boolean waited = false;
      while (true) {
        long wait = reserve();
        if (wait > 0) {
          waited = true;
          timing.sleeper().sleep(Duration.ofNanos(wait));
        }
        synchronized (this) {
          long now = timing.nanoTime().getAsLong();
          // Kinde may have throttled another request meanwhile: then wait for a slot after it.
          if (now - pausedUntil >= 0) {
            onTheWire++;
            return new Slot(now, onTheWire, waited);
          }
        }
      }
    } catch (InterruptedException e) {
      permits.release();
      Thread.currentThread().interrupt();
      throw interrupted();
    }
  }

  /** The request of {@code slot} is over; call after {@link #answered}. */
  void release() {
    synchronized (this) {
      onTheWire--;
    }
    permits.release();
  }

  /**
   * Kinde answered the request of {@code slot} with this HTTP status: a 429 slows the client down,
   * an answer below 500 lets it speed up, a server error does neither.
   */
  synchronized void answered(Slot slot, int status) {
    long now = timing.nanoTime().getAsLong();
    int before = pacing.inFlightLimit();
    if (status == 429) {
      pacing.throttled(
          now, slot.sentAt(), Math.max(slot.inFlight(), onTheWire), slot.waitedForRate());
    } else if (status < 500) {
      pacing.answered(now, slot.waitedForRate());
    }
    int after = pacing.inFlightLimit();
    if (after < before) {
      permits.reduce(before - after);
    } else if (after > before) {
      permits.release(after - before);
    }
  }

  /**
   * Kinde throttled a request: holds back every request of this client for this long from now, and
   * lets them resume at the steady rate rather than in a burst.
   */
  synchronized void pause(Duration duration) {
    long until = timing.nanoTime().getAsLong() + duration.toNanos();
    if (until - pausedUntil > 0) {
      pausedUntil = until;
    }
    pacing.paused(until);
    tat = Math.max(tat, until + tolerance());
  }

  /** The rate and requests in flight now permitted, for {@code --verbose}. */
  synchronized String pace() {
    return String.format(
        Locale.ROOT,
        "pacing at %.1f requests per second, %d in flight",
        pacing.rate(),
        pacing.inFlightLimit());
  }

  /** Takes the next slot and returns how long to wait for it, in nanoseconds. */
  private synchronized long reserve() {
    long now = timing.nanoTime().getAsLong();
    long allowedAt = Math.max(now, tat - tolerance());
    tat = Math.max(tat, allowedAt) + interval();
    return allowedAt - now;
  }

  private long interval() {
    return Math.max(1, (long) (1_000_000_000L / pacing.rate()));
  }

  /** How far ahead of the steady rate a request may start: one second of requests, a burst. */
  private long tolerance() {
    return (Math.max(1, (long) Math.floor(pacing.rate())) - 1) * interval();
  }

  private static TargetException interrupted() {
    return new TargetException("interrupted while waiting to send a request to Kinde");
  }
}
