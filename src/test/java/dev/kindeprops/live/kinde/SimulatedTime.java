package dev.kindeprops.live.kinde;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when the client sleeps: waits are recorded and take no real time, so
 * tests can assert exactly how long the client would have waited.
 */
final class SimulatedTime {
  private final AtomicLong nanos = new AtomicLong();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  Timing timing() {
    return new Timing(
        nanos::get,
        duration -> {
          sleeps.add(duration);
          nanos.addAndGet(duration.toNanos());
        },
        () -> 0.5,
        Clock.systemUTC());
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  Duration now() {
    return Duration.ofNanos(nanos.get());
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
