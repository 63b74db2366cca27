package dev.kindeprops.bench;

import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.live.kinde.FakeKinde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code apply -f --auto-approve} of a tenant whose every application has one value to change,
 * against the fake Kinde server limited to a number of requests per second, once told the limit
 * with {@code --max-rps} (the baseline) and once not (the client finds it): for each, the API
 * requests, how many were answered 429, the time taken, and that time as a ratio to the floor, the
 * requests Kinde accepted divided by its limit.
 *
 * <p>Run: {@code ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.kindeprops.bench.PacingBenchmark -Dexec.args="1000 3,10,30,60"}: the number
 * of applications (default 1,000) and the limits (default 3, 10, 30 and 60). {@code
 * -Dexec.args="60"} takes about three minutes.
 */
public final class PacingBenchmark {
  private PacingBenchmark() {}

  public static void main(String[] args) throws IOException {
    int applications = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    List<Integer> limits = new ArrayList<>();
    for (String limit : (args.length > 1 ? args[1] : "3,10,30,60").split(",")) {
      limits.add(Integer.parseInt(limit.strip()));
    }
    System.out.printf(
        Locale.ROOT,
        "apply of %,d applications (one value each) against a fake Kinde limited to N requests"
            + " per second%n%-28s %9s %14s %9s %7s%n",
        applications,
        "run",
        "requests",
        "429s",
        "elapsed",
        "floor");
    // The same apply with no limit at all: what the run costs besides waiting for Kinde.
    run(applications, 0, true);
    for (int limit : limits) {
      run(applications, limit, true);
      run(applications, limit, false);
    }
  }

  /** One apply against a fake limited to {@code limit} requests per second (0: no limit). */
  private static void run(int applications, int limit, boolean told) throws IOException {
    Paced paced = measure(applications, limit, told);
    System.out.printf(
        Locale.ROOT,
        "%-28s %,9d %,6d (%4.1f%%) %7.1f s %6.2fx%n",
        limit == 0
            ? "no limit, --max-rps 1000000"
            : String.format(
                Locale.ROOT, "limit %d/s, %s", limit, told ? "--max-rps " + limit : "no --max-rps"),
        paced.requests(),
        paced.throttled(),
        100 * paced.throttledShare(),
        paced.seconds(),
        paced.seconds() / paced.floor());
  }

  /**
   * What one apply took.
   *
   * @param floor the least time the accepted requests take at the limit (the run's own time when
   *     there is no limit)
   */
  record Paced(int requests, int throttled, double seconds, double floor) {
    double throttledShare() {
      return throttled / (double) requests;
    }
  }

  /** Applies a value to each of {@code applications} against a fake limited to {@code limit}. */
  static Paced measure(int applications, int limit, boolean told) throws IOException {
    Path dir = Files.createTempDirectory("pacing-benchmark");
    try (FakeKinde fake = FakeKinde.start()) {
      String manifests = tenant(fake, applications, dir);
      fake.rateLimit(limit == 0 ? Integer.MAX_VALUE : limit);
      fake.resetCounts();
      List<String> command =
          new ArrayList<>(Arrays.asList("apply", "-f", manifests, "--auto-approve"));
      if (told) {
        command.addAll(List.of("--max-rps", limit == 0 ? "1000000" : Integer.toString(limit)));
      }
      long started = System.nanoTime();
      InProcess.Run apply = InProcess.run(fake.environment(), command.toArray(String[]::new));
      double seconds = (System.nanoTime() - started) / 1e9;
      if (apply.code() != 0) {
        throw new IllegalStateException("apply failed: " + apply.err());
      }
      int requests = fake.apiRequests();
      int throttled = fake.throttledAnswers();
      double floor = limit == 0 ? seconds : (requests - throttled) / (double) limit;
      return new Paced(requests, throttled, seconds, floor);
    }
  }

  /**
   * Seeds {@code count} M2M applications with {@code region: us} and writes manifests that move
   * them all to {@code eu}; returns the manifests' directory.
   */
  private static String tenant(FakeKinde fake, int count, Path dir) throws IOException {
    fake.addProperty("region", "Region", "Tenancy", false);
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 1
            properties:
              region: {name: Region, category: Tenancy, private: false}
            applications:
            """);
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "5eed%028x", i);
      fake.addApplication(id, String.format(Locale.ROOT, "svc-%05d", i), "m2m");
      fake.setValue(id, "region", "us");
      yaml.append(
          String.format(Locale.ROOT, "  svc-%05d: {id: %s, values: {region: eu}}%n", i, id));
    }
    Files.writeString(dir.resolve("kinde-props.yaml"), yaml.toString());
    return dir.toString();
  }
}
