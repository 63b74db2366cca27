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
 * of the same workload as {@link OfflinePlanBenchmark} runs it, the two run in turns. Each round
 * puts the original state file back before each, so every apply carries out the whole plan.
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
      String restore =
          "cp " + quote(original.toString()) + " " + quote(workload.state().toString());
      // The plan again, in turns with the apply: both see the machine alike.
      List<Bench.Run> inTurns =
          bench.bestInTurns(
              List.of(
                  List.of("sh", "-c", restore + " && " + plan(bench, workload)),
                  List.of("sh", "-c", restore + " && " + apply)),
              bench.scratch().resolve("apply.txt"));
      report.add(
          Figure.ratio(
              "apply PLAN -f of that plan, to the state file",
              inTurns.get(1).seconds(),
              "s",
              "plan",
              inTurns.get(0).seconds(),
              1.5));
    } finally {
      Files.copy(original, workload.state(), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** {@code ./kinde-props plan} of the workload, JSON to standard output, as one shell line. */
  private static String plan(Bench bench, OfflineWorkload workload) {
    return String.join(" ", quoted(OfflinePlanBenchmark.plan(bench, workload)));
  }

  private static List<String> quoted(List<String> words) {
    return words.stream().map(Launcher::quote).toList();
  }
}
