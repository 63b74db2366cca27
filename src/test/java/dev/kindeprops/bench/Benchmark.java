package dev.kindeprops.bench;

/**
 * One benchmark of {@link Benchmarks}: it measures what it measures and adds each figure, with its
 * goal, to the run's report.
 */
interface Benchmark {
  void run(Bench bench, Report report) throws Exception;
}
