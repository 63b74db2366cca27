package dev.kindeprops.live.kinde;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * How fast, and how many at once, a run sends requests to Kinde, moved by what Kinde answers: the
 * pure core of {@link Throttle}. It reads no clock (every event brings its time, in nanoseconds of
 * a monotonic clock), so a test can replay answers and check the rate and limit they lead to.
 *
 * <ul>
 *   <li>The rate starts at {@code start}. Until the first 429, every answer to a request that had
 *       to wait for its rate slot (the rate was what held the run back) adds one request per
 *       second, so the rate doubles each second; after it, each such answer adds {@link
 *       #PROBE_STEP}, a quarter of a percent a second, to find out slowly whether Kinde allows
 *       more. A 429 cuts the rate to 95% of what Kinde answered per second lately (no more than the
 *       rate, no less than half of it): over the last second or, at a rate too low for a second to
 *       hold {@link #ANSWERS_MEASURED} answers, over the time that many take (at most {@link
 *       #LONGEST_MEASURE}), since at three a second one answer more or less in a second is a third
 *       of the rate. When that time holds the pause after the last bout of throttling, in which
 *       nothing was sent, the last second counts instead if it measures more. It never exceeds
 *       {@code cap}.
 *   <li>At most {@code maxInFlight} requests are in flight. A 429 to a request that went out
 *       without waiting for its rate slot while as many as permitted were in flight (when it went
 *       out or when it was answered) is taken for Kinde's concurrency limiter instead: a quarter
 *       fewer (at least one fewer) are permitted; every {@link #RAISE_IN_FLIGHT_AFTER} without such
 *       a cut, one more, up to {@code maxInFlight}.
 *   <li>One cut per bout of throttling: the requests in flight at a cut are answered 429 too, so a
 *       429 to a request sent before the last cut, or before the end of the pause that followed it,
 *       changes nothing more.
 * </ul>
 */
final class Pacing {
  /** What each answer adds to the rate once Kinde has throttled, in requests per second. */
  static final double PROBE_STEP = 0.0025;

  /** The share of what Kinde let through lately that a 429 cuts the rate to. */
  static final double CUT_TO = 0.95;

  /** How many answers, at the least, measure what Kinde let through (unless that takes longer). */
  static final int ANSWERS_MEASURED = 8;

  /** The longest time that measures what Kinde let through. */
  static final Duration LONGEST_MEASURE = Duration.ofSeconds(10);

  static final Duration RAISE_IN_FLIGHT_AFTER = Duration.ofSeconds(30);

  /** The slowest the rate goes (unless the cap is lower): one request every ten seconds. */
  static final double MIN_RATE = 0.1;

  private static final long SECOND = 1_000_000_000L;

  private final double cap;
  private final int maxInFlight;
  private double rate;
  private int inFlightLimit;
  private boolean slowStart = true;
  private long boutEnd;
  private long lastInFlightChange;
  private final Deque<Long> answered = new ArrayDeque<>();

  /**
   * @param start the rate to start at, in requests per second
   * @param cap the rate never to exceed
   * @param maxInFlight the most requests ever in flight at once
   * @param now the time the run starts
   */
  Pacing(double start, double cap, int maxInFlight, long now) {
    this.cap = cap;
    this.maxInFlight = maxInFlight;
    this.rate = Math.min(start, cap);
    this.inFlightLimit = maxInFlight;
    this.boutEnd = now;
    this.lastInFlightChange = now;
  }

  /** Requests per second now permitted. */
  double rate() {
    return rate;
  }

  /** Requests now permitted in flight at once. */
  int inFlightLimit() {
    return inFlightLimit;
  }

  /**
   * Kinde answered a request without throttling it.
   *
   * @param waitedForRate whether the request had waited for its rate slot
   */
  void answered(long now, boolean waitedForRate) {
    answered.addLast(now);
    forgetBefore(now - LONGEST_MEASURE.toNanos());
    if (waitedForRate) {
      rate = Math.min(cap, rate + (slowStart ? 1 : PROBE_STEP));
    }
    if (inFlightLimit < maxInFlight
        && now - lastInFlightChange >= RAISE_IN_FLIGHT_AFTER.toNanos()) {
      inFlightLimit++;
      lastInFlightChange = now;
    }
  }

  /**
   * Kinde answered a request with 429.
   *
   * @param sentAt when the request went out
   * @param inFlight the most requests of this run in flight, this one included, when it went out or
   *     when it was answered
   * @param waitedForRate whether the request had waited for its rate slot
   */
  void throttled(long now, long sentAt, int inFlight, boolean waitedForRate) {
    forgetBefore(now - LONGEST_MEASURE.toNanos());
    if (sentAt - boutEnd < 0) {
      return;
    }
    long lastBoutEnd = boutEnd;
    boutEnd = now;
    if (!waitedForRate && inFlight >= inFlightLimit && inFlightLimit > 1) {
      inFlightLimit = Math.max(1, inFlightLimit * 3 / 4);
      lastInFlightChange = now;
    } else {
      double basis = Math.max(rate / 2, Math.min(rate, letThrough(now, lastBoutEnd)));
      rate = Math.max(Math.min(MIN_RATE, cap), CUT_TO * basis);
      slowStart = false;
    }
  }

  /** Every request waits until {@code until}: the requests sent before then are of this bout. */
  void paused(long until) {
    if (until - boutEnd > 0) {
      boutEnd = until;
    }
  }

  /**
   * Answers per second lately: over the last second, or the time of the last few answers; when that
   * time holds the end of the last bout (the pause after it), whichever measures more.
   */
  private double letThrough(long now, long lastBoutEnd) {
    long few =
        Math.min(
            LONGEST_MEASURE.toNanos(), Math.max(SECOND, (long) (ANSWERS_MEASURED / rate * SECOND)));
    double overFew = answersPerSecond(now, few);
    return now - lastBoutEnd < few ? Math.max(answersPerSecond(now, SECOND), overFew) : overFew;
  }

  /** Answers per second over the {@code window} nanoseconds up to {@code now}. */
  private double answersPerSecond(long now, long window) {
    int count = 0;
    for (Iterator<Long> times = answered.descendingIterator(); times.hasNext(); ) {
      if (now - times.next() > window) {
        break;
      }
      count++;
    }
    return count * (double) SECOND / window;
  }

  private void forgetBefore(long time) {
    while (!answered.isEmpty() && answered.peekFirst() - time < 0) {
      answered.removeFirst();
    }
  }
}
