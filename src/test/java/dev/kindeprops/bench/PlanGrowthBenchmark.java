package dev.kindeprops.bench;

import java.util.List;

/**
 * How {@code plan} grows with the tenant: the plan of a smaller and of a larger {@link
 * OfflineWorkload}, each as a ratio to what a linear cost would give: the fixed cost of a plan (the
 * quickstart's, which is nearly all the JVM's start) plus the main workload's cost beyond it,
 * scaled by size, both measured in turns with the plan they judge. 1.00x is exactly linear.
 */
final class PlanGrowthBenchmark implements Benchmark {
  @Override
  public void run(Bench bench, Report report) throws Exception {
    int reference = bench.applications();
    List<String> referencePlan = OfflinePlanBenchmark.plan(bench, bench.workload(reference));
    List<Integer> sizes = bench.quick() ? List.of(1_000, 5_000) : List.of(1_000, 50_000);
    for (int applications : sizes) {
      // The line's two points are measured again, in turns with this size's plan.
      List<Bench.Run> inTurns =
          bench.bestInTurns(
              List.of(
                  StartupBenchmark.quickstartPlan(bench),
                  referencePlan,
                  OfflinePlanBenchmark.plan(bench, bench.workload(applications))),
              bench.scratch().resolve("stdout.json"));
      double fixed = inTurns.get(0).seconds();
      double perApplication = (inTurns.get(1).seconds() - fixed) / reference;
      report.add(
          Figure.ratio(
              OfflinePlanBenchmark.planFigure(applications),
              inTurns.get(2).seconds(),
              "s",
              "linear from " + Bench.apps(reference),
              fixed + perApplication * applications,
              1.25));
    }
  }
}
