package dev.kindeprops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 11's offline figures: {@code plan} of the {@link OfflineWorkload} against its state file,
 * JSON to standard output, as a ratio to a program that only parses the same YAML ({@link
 * ParseOnly}); the same with {@code --out} as a ratio to that; and the peak memory with {@code
 * --out}, with the applications in files of 1,000 and in one file, all through {@code
 * ./kinde-props} with no options of ours.
 */
final class OfflinePlanBenchmark implements Benchmark {
  /** The name of the plan figure of a workload of this size (the growth figures' names too). */
  static String planFigure(int applications) {
    return "plan " + Bench.apps(applications) + ", JSON to stdout";
  }

  @Override
  public void run(Bench bench, Report report) throws Exception {
    int applications = bench.applications();
    OfflineWorkload workload = bench.workload(applications);
    Path stdout = bench.scratch().resolve("stdout.json");
    List<String> files = new ArrayList<>();
    workload.yamlFiles().forEach(file -> files.add(file.toString()));
    List<String> out = List.of("--out", bench.scratch().resolve("plan.json").toString());
    List<String> withOut = plan(bench, workload);
    withOut.addAll(out);
    List<Bench.Run> inTurns =
        bench.bestInTurns(
            List.of(
                bench.java(ParseOnly.class, files.toArray(String[]::new)),
                plan(bench, workload),
                withOut),
            stdout);
    Bench.Run parse = inTurns.get(0);
    Bench.Run plan = inTurns.get(1);
    Bench.Run saved = inTurns.get(2);
    List<String> oneFile = plan(bench, bench.workload(applications, applications));
    oneFile.addAll(out);
    Bench.Run single = bench.best(oneFile, stdout);

    String name = planFigure(applications);
    report.add(Figure.ratio(name, plan.seconds(), "s", "parse-only", parse.seconds(), 1.5));
    report.add(
        Figure.ratio(
            "plan " + Bench.apps(applications) + ", also --out plan.json",
            saved.seconds(),
            "s",
            "plan",
            plan.seconds(),
            1.2));
    report.add(
        Figure.absolute(
            "peak RSS, plan " + Bench.apps(applications) + " --out", saved.peakMiB(), "MiB", 512));
    report.add(Figure.absolute("peak RSS, the same in one file", single.peakMiB(), "MiB", 512));
  }

  /** {@code ./kinde-props plan} of the workload, JSON to standard output. */
  static List<String> plan(Bench bench, OfflineWorkload workload) {
    return bench.kindeProps(
        "plan",
        "-f",
        workload.manifests().toString(),
        "--state",
        workload.state().toString(),
        "--format",
        "json");
  }
}
