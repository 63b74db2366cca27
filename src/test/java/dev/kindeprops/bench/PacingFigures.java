package dev.kindeprops.bench;

import java.util.Locale;

/**
 * Issue 11's adaptive pacing: an apply against a fake Kinde limited to 60 and to 3 requests per
 * second, not told the limit (no {@code --max-rps}), as a ratio to the request floor (accepted
 * requests / limit), and the share of its requests answered 429. It runs in process against {@link
 * dev.kindeprops.live.kinde.FakeKinde} on loopback: what is measured is the client's pace, not the
 * start of a JVM. {@link PacingBenchmark} prints the same at more limits, with and without {@code
 * --max-rps}.
 */
final class PacingFigures implements Benchmark {
  @Override
  public void run(Bench bench, Report report) throws Exception {
    // About a minute each at full size: 1,000 applications at 60/s, 150 at 3/s (as in the issue).
    add(report, bench.quick() ? 300 : 1_000, 60);
    add(report, bench.quick() ? 45 : 150, 3);
  }

  private static void add(Report report, int applications, int limit) throws Exception {
    PacingBenchmark.Paced paced = PacingBenchmark.measure(applications, limit, false);
    String run =
        String.format(
            Locale.ROOT, "apply %s at a %d/s limit, no --max-rps", Bench.apps(applications), limit);
    report.add(Figure.ratio(run, paced.seconds(), "s", "request floor", paced.floor(), 1.3));
    report.add(
        Figure.absolute(
            "  share of its requests answered 429", 100 * paced.throttledShare(), "%", 10));
  }
}
