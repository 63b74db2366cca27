package dev.kindeprops.live.kinde;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;

/**
 * What the client tests share: a fresh {@link FakeKinde} per test, simulated time, and the client's
 * trace lines kept for assertions.
 */
abstract class ClientAgainstFakeKinde {
  @AutoClose final FakeKinde fake = FakeKinde.start();
  final SimulatedTime time = new SimulatedTime();
  final List<String> trace = new CopyOnWriteArrayList<>();

  /** A client of the fake with its default settings (1000 requests a minute, 4 at once). */
  KindeClient client() {
    return client(fake.settings(1000, 4));
  }

  KindeClient client(KindeSettings settings) {
    return new KindeClient(settings, trace::add, time.timing(), RetryPolicy.DEFAULT);
  }
}
