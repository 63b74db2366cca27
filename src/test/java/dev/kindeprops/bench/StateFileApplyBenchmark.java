package dev.kindeprops.bench;

import static dev.kindeprops.fixtures.Launcher.quote;

import dev.kindeprops.fixtures.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Issue 11's state-file apply: {@code ./kinde-props apply PLAN -f … --state …} of the plan of the
 * {@link OfflineWorkload} (every change of it, about two per application), as a ratio to the plan
 * of the same workload measured earlier in the run ({@link OfflinePlanBenchmark}). Each round puts
 * the original state file back first, so every apply carries out the whole plan.
 */
final class StateFileApplyBenchmark implements Benchmark {
  @Override
  public void run(Bench bench, Report report) throws Exception {
    int applications = bench.applications();
    OfflineWorkload workload = bench.workload(applications);
    Path plan = bench.scratch().resolve("apply-plan.json");
    Path original = bench.scratch().resolve("original-state.json");
    Files.copy(workload.state(), original, StandardCopyOption.REPLACE_EXISTING);
    List<String> save = OfflinePlanBenchmark.plan(bench, workload);
    save.addAll(List.of("--out", plan.toString()));
    bench.best(save, bench.scratch().resolve("stdout.json"));
    try {
      String apply =
          String.join(
              " ",
              quoted(
                  bench.kindeProps(
                      "apply",
                      plan.toString(),
                      "-f",
                      workload.manifests().toString(),
                      "--state",
                      workload.state().toString())));
      Bench.Run run =
          bench.best(
              List.of(
                  "sh",
                  "-c",
                  "cp "
                      + quote(original.toString())
                      + " "
                      + quote(workload.state().toString())
                      + " && "
                      + apply),
              bench.scratch().resolve("apply.txt"));
      String baseline = OfflinePlanBenchmark.planFigure(applications);
      report.add(
          Figure.ratio(
              "apply PLAN -f of that plan, to the state file",
              run.seconds(),
              "s",
              "plan",
              report.value(baseline),
              1.5));
    } finally {
      Files.copy(original, workload.state(), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<String> quoted(List<String> words) {
    return words.stream().map(Launcher::quote).toList();
  }
}
