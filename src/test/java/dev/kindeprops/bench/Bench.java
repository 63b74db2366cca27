package dev.kindeprops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every benchmark of a {@link Benchmarks} run shares: the checkout, a scratch folder, the
 * workloads (written once per size), and a way to time whole processes as a user runs them.
 *
 * @param checkout the repository's root, where {@code ./kinde-props} is
 * @param scratch a folder the run may fill and that is deleted afterwards
 * @param quick whether this is the quick run: smaller sizes, one timed run per figure
 */
record Bench(Path checkout, Path scratch, boolean quick, Map<String, OfflineWorkload> workloads) {
  private static final Path TIME = Path.of("/usr/bin/time");

  Bench(Path checkout, Path scratch, boolean quick) {
    this(checkout, scratch, quick, new HashMap<>());
  }

  /** The applications of the main offline workload: 10,000, or 2,000 when quick. */
  int applications() {
    return quick ? 2_000 : 10_000;
  }

  /** How many times each process is timed; a figure is the best of them. */
  int rounds() {
    return quick ? 1 : 3;
  }

  /** The workload of this many applications in files of 1,000, written on first use. */
  OfflineWorkload workload(int applications) throws IOException {
    return workload(applications, 1_000);
  }

  /** The workload of this many applications in files of {@code perFile}, written on first use. */
  OfflineWorkload workload(int applications, int perFile) throws IOException {
    String name = "apps-" + applications + "-per-file-" + perFile;
    OfflineWorkload workload = workloads.get(name);
    if (workload == null) {
      workload =
          OfflineWorkload.write(
              Files.createDirectories(scratch.resolve(name)), applications, perFile);
      workloads.put(name, workload);
    }
    return workload;
  }

  /** {@code ./kinde-props} and these arguments, as a command line. */
  List<String> kindeProps(String... arguments) {
    List<String> command = new ArrayList<>(List.of(checkout.resolve("kinde-props").toString()));
    command.addAll(List.of(arguments));
    return command;
  }

  /** {@code java} with the jar and the test classes on the class path, running {@code main}. */
  List<String> java(Class<?> main, String... arguments) {
    Path target = checkout.resolve("target");
    List<String> command = new ArrayList<>();
    command.add("java");
    command.add("-cp");
    command.add(target.resolve("kinde-props.jar") + ":" + target.resolve("test-classes"));
    command.add(main.getName());
    command.addAll(List.of(arguments));
    return command;
  }

  /**
   * Runs the command {@link #rounds()} times in the checkout, standard output to {@code stdout},
   * and returns the fastest run (its peak memory is the largest seen).
   */
  Run best(List<String> command, Path stdout) throws IOException, InterruptedException {
    return bestInTurns(List.of(command), stdout).get(0);
  }

  /**
   * Runs the commands in turns, {@link #rounds()} times each (a, b, a, b, ...), so that a figure
   * and its baseline see the machine alike even when its speed drifts during the run, and returns
   * each one's fastest run (with the largest peak memory seen), in the order given.
   */
  List<Run> bestInTurns(List<List<String>> commands, Path stdout)
      throws IOException, InterruptedException {
    List<Run> best = new ArrayList<>(Collections.nCopies(commands.size(), (Run) null));
    for (int round = 0; round < rounds(); round++) {
      for (int i = 0; i < commands.size(); i++) {
        Run run = once(commands.get(i), stdout);
        Run before = best.get(i);
        best.set(
            i,
            before == null
                ? run
                : new Run(
                    Math.min(before.seconds(), run.seconds()),
                    Math.max(before.peakMiB(), run.peakMiB())));
      }
    }
    return best;
  }

  private Run once(List<String> command, Path stdout) throws IOException, InterruptedException {
    Path measured = scratch.resolve("time.txt");
    Path stderr = scratch.resolve("stderr.txt");
    List<String> timed = new ArrayList<>();
    boolean withTime = Files.isExecutable(TIME);
    if (withTime) {
      // GNU time: the peak resident set size in KiB of the process tree's largest process.
      timed.addAll(List.of(TIME.toString(), "-f", "%M", "-o", measured.toString()));
    }
    timed.addAll(command);
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(timed)
            .directory(checkout.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0 && exit != 2) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + exit + ":\n" + Files.readString(stderr));
    }
    double peak = Double.NaN;
    if (withTime) {
      List<String> lines = Files.readAllLines(measured);
      peak = Long.parseLong(lines.get(lines.size() - 1).strip()) / 1024.0;
    }
    return new Run(seconds, peak);
  }

  /** A size as the figures name it: {@code 10,000 apps}. */
  static String apps(int applications) {
    return String.format(Locale.ROOT, "%,d apps", applications);
  }

  /**
   * One timed process.
   *
   * @param seconds from start to exit
   * @param peakMiB its peak resident memory, NaN where {@code /usr/bin/time} is missing
   */
  record Run(double seconds, double peakMiB) {}
}
