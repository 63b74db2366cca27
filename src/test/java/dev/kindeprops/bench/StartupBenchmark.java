package dev.kindeprops.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Issue 11's start-up figures: {@code ./kinde-props validate} and {@code plan} of the quickstart
 * example, each as a ratio to a JVM that prints hello world ({@link HelloWorld}).
 */
final class StartupBenchmark implements Benchmark {
  /** The name of the quickstart plan's figure: the fixed cost of every plan. */
  static final String PLAN = "plan of the quickstart";

  @Override
  public void run(Bench bench, Report report) throws Exception {
    Path stdout = bench.scratch().resolve("stdout.txt");
    Bench.Run hello = bench.best(bench.java(HelloWorld.class), stdout);
    Bench.Run validate =
        bench.best(bench.kindeProps("validate", "-f", "examples/quickstart"), stdout);
    Bench.Run plan = bench.best(quickstartPlan(bench), stdout);
    report.add(
        Figure.ratio(
            "validate -f examples/quickstart",
            validate.seconds(),
            "s",
            "hello world",
            hello.seconds(),
            8));
    report.add(Figure.ratio(PLAN, plan.seconds(), "s", "hello world", hello.seconds(), 10));
  }

  /** {@code ./kinde-props plan} of the quickstart against its state file. */
  static List<String> quickstartPlan(Bench bench) {
    return bench.kindeProps(
        "plan", "-f", "examples/quickstart", "--state", "examples/quickstart/kinde-state.json");
  }
}
