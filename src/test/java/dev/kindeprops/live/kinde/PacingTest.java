package dev.kindeprops.live.kinde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Answers replayed into {@link Pacing} on a made-up clock, and the rate and limit they lead to. */
class PacingTest {
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1000 * MS;
  private static final double NO_CAP = 1_000_000;

  /** {@code count} answers to requests that waited for their rate slot, spread over {@code ms}. */
  private static long answers(Pacing pacing, long from, int count, long ms) {
    for (int i = 0; i < count; i++) {
      pacing.answered(from + i * ms * MS / count, true);
    }
    return from + ms * MS;
  }

  @Test
  void untilTheFirst429EachAnswerAddsOneRequestPerSecondSoTheRateDoubles() {
    Pacing pacing = new Pacing(8, NO_CAP, 4, 0);

    answers(pacing, 0, 8, 1000);

    assertThat(pacing.rate()).isEqualTo(16);
  }

  @Test
  void answersThatDidNotWaitForTheRateLeaveItAlone() {
    Pacing pacing = new Pacing(8, NO_CAP, 4, 0);

    for (int i = 0; i < 100; i++) {
      pacing.answered(i * 10 * MS, false);
    }

    assertThat(pacing.rate()).isEqualTo(8);
  }

  @Test
  void a429CutsTheRateJustBelowWhatKindeLetThroughInTheLastSecond() {
    Pacing pacing = new Pacing(8, NO_CAP, 4, 0);
    long now = answers(pacing, 0, 30, 1000); // older than a second by the time of the 429
    now = answers(pacing, now, 60, 1000);
    assertThat(pacing.rate()).isEqualTo(98);

    pacing.throttled(now, now - 5 * MS, 1, true);

    assertThat(pacing.rate()).isCloseTo(0.95 * 60, within(1e-9));
    assertThat(pacing.inFlightLimit()).isEqualTo(4);
  }

  @Test
  void withLittleAnsweredInTheLastSecondA429HalvesTheRate() {
    Pacing pacing = new Pacing(8, NO_CAP, 4, 0);

    pacing.throttled(5000 * MS, 4999 * MS, 1, true);

    assertThat(pacing.rate()).isEqualTo(0.95 * 4);
  }

  @Test
  void atALowRateA429MeasuresTheTimeOfTheLastEightAnswersNotOneSecond() {
    Pacing pacing = new Pacing(2.8, NO_CAP, 4, 0);
    long every = (long) (SECOND / 2.8);
    for (int i = 1; i <= 28; i++) {
      pacing.answered(i * every, false); // 2.8 a second, the rate kept as it is
    }
    // 0.3 s after the 28th answer the last second holds only two answers (a rate of 2); the
    // last 8/2.8 s hold eight, a rate of 2.8.
    long now = 28 * every + 300 * MS;

    pacing.throttled(now, now - 5 * MS, 1, true);

    assertThat(pacing.rate()).isCloseTo(0.95 * 8 / (8 / 2.8), within(1e-6));
  }

  @Test
  void soonAfterAPauseA429MeasuresTheLastSecondNotTheTimeOfTheLastEightAnswers() {
    Pacing pacing = new Pacing(3, NO_CAP, 4, 0);
    for (int i = 0; i < 30; i++) {
      pacing.answered((long) ((i + 0.5) * SECOND / 3), false); // 3 a second, the rate kept
    }
    pacing.throttled(10 * SECOND, 10 * SECOND - 5 * MS, 1, true);
    assertThat(pacing.rate()).isCloseTo(0.95 * 3, within(1e-6));
    pacing.paused(11 * SECOND); // Kinde said: wait a second
    for (int j = 0; j < 3; j++) {
      pacing.answered(11 * SECOND + (long) ((j + 0.5) * SECOND / 2.85), false);
    }

    // The last 8/2.85 s hold the pause and five answers, a rate of 1.8; the last second holds
    // three answers, a rate of 3.
    pacing.throttled(12 * SECOND, 11_900 * MS, 1, true);

    assertThat(pacing.rate()).isCloseTo(0.95 * 0.95 * 3, within(1e-6));
  }

  @Test
  void withNoPauseInTheTimeOfTheLastEightAnswersAnAnswerJustBeforeA429CountsForLittle() {
    Pacing pacing = new Pacing(0.5, NO_CAP, 4, 0);
    for (int i = 0; i < 9; i++) {
      pacing.answered(SECOND + i * 10 * SECOND / 3, false); // Kinde lets 0.3 a second through
    }
    long now = SECOND + 8 * 10 * SECOND / 3 + 100 * MS;

    // The last second holds one answer, a rate of 1; the last 10 s (eight answers at 0.5 a
    // second take 16 s, at most 10 s count) hold three, a rate of 0.3.
    pacing.throttled(now, now - 50 * MS, 1, true);

    assertThat(pacing.rate()).isCloseTo(0.95 * 0.3, within(1e-9));
  }

  @Test
  void afterA429TheRateCreepsUpAQuarterOfAPercentASecond() {
    Pacing pacing = new Pacing(8, NO_CAP, 4, 0);
    long now = answers(pacing, 0, 40, 1000);
    pacing.throttled(now, now, 1, true);
    double cut = pacing.rate();
    assertThat(cut).isEqualTo(0.95 * 40);

    answers(pacing, now, 400, 10_000);

    assertThat(pacing.rate()).isCloseTo(cut + 1, within(1e-9));
  }

  @Test
  void theRequestsInFlightAtACutGet429sTooAndCutNothingMore() {
    Pacing pacing = new Pacing(8, NO_CAP, 4, 0);
    long now = answers(pacing, 0, 20, 1000);
    pacing.throttled(now, now - 10 * MS, 1, true);
    double cut = pacing.rate();

    pacing.throttled(now + 2 * MS, now - 5 * MS, 1, true);
    pacing.throttled(now + 3 * MS, now - 1 * MS, 4, true);

    assertThat(pacing.rate()).isEqualTo(cut);
    assertThat(pacing.inFlightLimit()).isEqualTo(4);

    pacing.throttled(now + 1500 * MS, now + 1400 * MS, 1, true);
    assertThat(pacing.rate()).isLessThan(cut);
  }

  @Test
  void aPauseAfterACutBelongsToTheSameBout() {
    Pacing pacing = new Pacing(8, NO_CAP, 4, 0);
    long now = answers(pacing, 0, 20, 1000);
    pacing.throttled(now, now - 10 * MS, 1, true);
    pacing.paused(now + 1000 * MS);
    double cut = pacing.rate();

    pacing.throttled(now + 1001 * MS, now + 500 * MS, 1, true);
    assertThat(pacing.rate()).isEqualTo(cut);
    pacing.throttled(now + 1003 * MS, now + 1002 * MS, 1, true);
    assertThat(pacing.rate()).isLessThan(cut);
  }

  @Test
  void neverExceedsTheCapAndClimbsBackToItAfterA429() {
    Pacing pacing = new Pacing(20, 20, 4, 0);
    long now = answers(pacing, 0, 20, 1000);
    assertThat(pacing.rate()).isEqualTo(20);

    pacing.throttled(now, now, 1, true);
    assertThat(pacing.rate()).isEqualTo(19);
    answers(pacing, now, 20_000, 1_000_000);

    assertThat(pacing.rate()).isEqualTo(20);
  }

  @Test
  void neverGoesBelowTheSlowestRate() {
    Pacing pacing = new Pacing(8, NO_CAP, 1, 0);

    for (int i = 1; i <= 20; i++) {
      pacing.throttled(i * 2000 * MS, i * 2000 * MS, 1, true);
    }

    assertThat(pacing.rate()).isEqualTo(Pacing.MIN_RATE);
  }

  @Test
  void a429WithEveryPermittedRequestInFlightPermitsFewerInFlightAndKeepsTheRate() {
    Pacing pacing = new Pacing(8, NO_CAP, 8, 0);

    pacing.throttled(100 * MS, 90 * MS, 8, false);
    assertThat(pacing.inFlightLimit()).isEqualTo(6);
    pacing.throttled(200 * MS, 150 * MS, 6, false);
    pacing.throttled(300 * MS, 250 * MS, 4, false);
    pacing.throttled(400 * MS, 350 * MS, 3, false);
    assertThat(pacing.inFlightLimit()).isEqualTo(2);
    pacing.throttled(500 * MS, 450 * MS, 2, false);

    assertThat(pacing.inFlightLimit()).isEqualTo(1);
    assertThat(pacing.rate()).isEqualTo(8);
    pacing.throttled(600 * MS, 550 * MS, 1, false);
    assertThat(pacing.inFlightLimit()).isEqualTo(1);
    assertThat(pacing.rate()).as("with one in flight, a 429 is the rate's").isEqualTo(0.95 * 4);
  }

  @Test
  void a429ToARequestThatWaitedForItsRateSlotIsTheRatesWhateverIsInFlight() {
    Pacing pacing = new Pacing(8, NO_CAP, 4, 0);

    pacing.throttled(100 * MS, 90 * MS, 4, true);

    assertThat(pacing.inFlightLimit()).isEqualTo(4);
    assertThat(pacing.rate()).isEqualTo(0.95 * 4);
  }

  @Test
  void permitsOneMoreInFlightEveryThirtySecondsWithoutACut() {
    Pacing pacing = new Pacing(8, NO_CAP, 4, 0);
    pacing.throttled(MS, MS, 4, false);
    assertThat(pacing.inFlightLimit()).isEqualTo(3);

    pacing.answered(30_000 * MS, false);
    assertThat(pacing.inFlightLimit()).isEqualTo(3);
    pacing.answered(30_001 * MS, false);
    assertThat(pacing.inFlightLimit()).isEqualTo(4);
    pacing.answered(90_000 * MS, false);

    assertThat(pacing.inFlightLimit()).as("never more than the maximum").isEqualTo(4);
  }
}
