package dev.kindeprops.live;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How long {@code apply} waits for a target that another run holds ({@code --lock-timeout}), and
 * where it says that it waits.
 *
 * @param timeout the longest wait; zero not to wait at all
 * @param waiting hears one line, once, when the target is still held after a moment
 */
public record LockWait(Duration timeout, Consumer<String> waiting) {
  /** {@code --lock-timeout} unless given. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public LockWait {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(waiting, "waiting");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("a negative timeout: " + timeout);
    }
  }

  /** The timeout as {@code --lock-timeout} takes it: {@code 5m}, {@code 30s}, {@code 0}. */
  public String timeoutText() {
    long millis = timeout.toMillis();
    if (millis == 0) {
      return "0";
    } else if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    } else if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    } else if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
