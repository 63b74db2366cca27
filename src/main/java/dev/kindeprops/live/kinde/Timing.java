package dev.kindeprops.live.kinde;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The clocks, sleeps and randomness the client waits with, replaceable so that tests observe waits
 * without spending them.
 *
 * @param nanoTime a monotonic clock for rate limiting and retry budgets
 * @param sleeper how to wait
 * @param random a uniform number in [0, 1) for backoff jitter
 * @param clock wall time for token expiry
 */
record Timing(LongSupplier nanoTime, Sleeper sleeper, DoubleSupplier random, Clock clock) {

  static final Timing SYSTEM =
      new Timing(
          System::nanoTime,
          duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000),
          () -> ThreadLocalRandom.current().nextDouble(),
          Clock.systemUTC());

  /** Waits for a while; interruptible. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }
}
