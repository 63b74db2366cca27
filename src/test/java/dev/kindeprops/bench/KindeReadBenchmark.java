package dev.kindeprops.bench;

import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.kinde.FakeKinde;
import dev.kindeprops.live.kinde.Fault;
import dev.kindeprops.live.kinde.KindeSettings;
import dev.kindeprops.live.kinde.KindeTarget;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a 10,000-application tenant (1,000 of them named in manifests) from the fake Kinde server
 * and prints the requests made and the time taken, with the rate limit raised so that the client's
 * own work and the request count show rather than the default pacing.
 *
 * <p>Run: {@code ./mvnw -B -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.kindeprops.bench.KindeReadBenchmark}
 */
public final class KindeReadBenchmark {
  private static final int APPLICATIONS = 10_000;
  private static final int REQUESTED = 1_000;
  private static final int PROPERTIES = 30;

  private KindeReadBenchmark() {}

  public static void main(String[] args) {
    try (FakeKinde fake = FakeKinde.start()) {
      Set<String> requested = seed(fake);
      System.out.printf(
          Locale.ROOT,
          "tenant: %d applications (%d requested), %d properties%n",
          APPLICATIONS,
          REQUESTED,
          PROPERTIES);
      run(fake, requested, 4, "warm-up, no latency");
      run(fake, requested, 4, "no latency, --parallelism 4");
      run(fake, requested, 16, "no latency, --parallelism 16");
      fake.inject(Fault.slow("*", Duration.ofMillis(20)).times(Integer.MAX_VALUE));
      run(fake, requested, 4, "20 ms per request, --parallelism 4");
      run(fake, requested, 16, "20 ms per request, --parallelism 16");
    }
  }

  private static Set<String> seed(FakeKinde fake) {
    for (int i = 0; i < PROPERTIES; i++) {
      fake.addProperty("prop_" + i, "Property " + i, "Category " + (i % 5), i % 3 == 0);
    }
    List<String> m2m = fake.addApplications(APPLICATIONS * 8 / 10, "m2m", "m2m");
    fake.addApplications(APPLICATIONS - m2m.size(), "reg", "reg");
    Set<String> requested = new HashSet<>(m2m.subList(0, REQUESTED));
    for (String id : requested) {
      fake.setValue(id, "prop_0", "eu").setValue(id, "prop_1", "pro").setValue(id, "prop_2", "v2");
    }
    return requested;
  }

  private static void run(FakeKinde fake, Set<String> requested, int parallelism, String label) {
    fake.resetCounts();
    KindeSettings settings = fake.settings(100_000, parallelism);
    long started = System.nanoTime();
    LiveState state;
    try (KindeTarget target = KindeTarget.open(settings, null)) {
      state = target.read(requested);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    int requests = fake.apiRequests();
    System.out.printf(
        Locale.ROOT,
        "%-36s %5d ms  %4d API requests + %d token  (%d apps read, %d other m2m);"
            + " at the starting rate of %.0f per second: >= %.0f s%n",
        label,
        millis,
        requests,
        fake.count("token"),
        state.applications().size(),
        state.otherM2mApplications(),
        KindeSettings.START_REQUESTS_PER_SECOND,
        (requests + 1) / KindeSettings.START_REQUESTS_PER_SECOND);
  }
}
