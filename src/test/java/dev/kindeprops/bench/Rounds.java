package dev.kindeprops.bench;

import java.util.function.Supplier;

/**
 * A task run a few times in a row, with what its first, best and mean runs took: the first run is
 * cold, the best shows what the code does once the JIT has compiled it.
 *
 * @param result what the last run returned
 */
record Rounds<T>(T result, long firstMs, long bestMs, long meanMs) {
  static final int COUNT = 5;

  static <T> Rounds<T> of(Supplier<T> task) {
    T result = null;
    long first = 0;
    long best = Long.MAX_VALUE;
    long total = 0;
    for (int round = 0; round < COUNT; round++) {
      long start = System.nanoTime();
      result = task.get();
      long elapsed = System.nanoTime() - start;
      if (round == 0) {
        first = elapsed;
      }
      best = Math.min(best, elapsed);
      total += elapsed;
    }
    return new Rounds<>(result, first / 1_000_000, best / 1_000_000, total / COUNT / 1_000_000);
  }
}
