package dev.kindeprops.live.kinde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  @Test
  void allowsOneSecondOfBurstThenPacesAtTheRate() {
    SimulatedTime time = new SimulatedTime();
    Throttle throttle = new Throttle(10.0, 4, time.timing());

    for (int i = 0; i < 25; i++) {
      throttle.acquire();
      throttle.release();
    }

    // Ten at once, then one every 100 ms for the other fifteen.
    assertThat(time.now()).isEqualTo(Duration.ofMillis(1500));
    assertThat(time.sleeps()).hasSize(15).allMatch(d -> d.equals(Duration.ofMillis(100)));
  }

  @Test
  void aPauseHoldsBackTheNextRequestAndThenResumesWithoutABurst() {
    SimulatedTime time = new SimulatedTime();
    Throttle throttle = new Throttle(10.0, 4, time.timing());

    throttle.pause(Duration.ofSeconds(2));
    for (int i = 0; i < 3; i++) {
      throttle.acquire();
      throttle.release();
    }

    assertThat(time.sleeps())
        .containsExactly(Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(100));
  }

  @Test
  void aThrottledAnswerWithEveryPermittedRequestInFlightPermitsFewer() throws InterruptedException {
    Throttle throttle = new Throttle(1000.0, 2, new SimulatedTime().timing());
    throttle.acquire();
    Throttle.Slot second = throttle.acquire();
    throttle.answered(second, 429);
    throttle.release();
    throttle.release();

    throttle.acquire();
    Thread another = waitingAcquire(throttle);
    assertThat(another.isAlive()).as("a second request waits while one is in flight").isTrue();
    assertThat(throttle.pace()).endsWith(", 1 in flight");

    throttle.release();
    another.join(5000);
    assertThat(another.isAlive()).isFalse();
  }

  /** Starts a thread that acquires a slot and releases it, and gives it 200 ms to get there. */
  private static Thread waitingAcquire(Throttle throttle) throws InterruptedException {
    Thread thread =
        new Thread(
            () -> {
              throttle.acquire();
              throttle.release();
            });
    thread.start();
    thread.join(200);
    return thread;
  }

  @Test
  void boundsTheRequestsInFlight() throws InterruptedException {
    Throttle throttle = new Throttle(1000.0, 2, new SimulatedTime().timing());
    throttle.acquire();
    throttle.acquire();

    Thread third = waitingAcquire(throttle);
    assertThat(third.isAlive()).as("a third request waits while two are in flight").isTrue();

    throttle.release();
    third.join(5000);
    assertThat(third.isAlive()).isFalse();
    throttle.release();
  }
}
