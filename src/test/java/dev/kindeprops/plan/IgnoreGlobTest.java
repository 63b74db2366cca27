package dev.kindeprops.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ignore patterns match without backtracking, so that no ignore file can stall {@code drift}. */
class IgnoreGlobTest {
  /** The glob of issue 12: as a backtracking regular expression it never finished. */
  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void manyDoubleStarsAgainstALongAddressFinish() {
    IgnoreRule rule = new IgnoreRule("**a".repeat(8), "", null);
    String address = "application.worker.value." + "a".repeat(200);

    assertThat(rule.matches(address + "b")).isFalse();
    assertThat(rule.matches(address)).isTrue();
    assertThat(rule.matches(address + ".claim.b")).isTrue();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void manySingleStarsWithinOneSegmentFinish() {
    IgnoreRule rule = new IgnoreRule("property." + "*a".repeat(30), "", null);

    assertThat(rule.matches("property." + "a".repeat(5_000) + "b")).isFalse();
    assertThat(rule.matches("property." + "ba".repeat(30))).isTrue();
  }

  @Test
  void characterClassSyntaxIsLiteral() {
    IgnoreRule rule = new IgnoreRule("category.[a-z]\\d{2}$^|(x)", "", null);

    assertThat(rule.matches("category.[a-z]\\d{2}$^|(x)")).isTrue();
    assertThat(rule.matches("category.b12")).isFalse();
  }

  @Test
  void charactersBeyondTheBasicPlaneAreOneCharacter() {
    assertThat(
            new IgnoreRule("category.Cat \uD83D\uDE00", "", null)
                .matches("category.Cat \uD83D\uDE00"))
        .isTrue();
    assertThat(new IgnoreRule("category.Cat ?", "", null).matches("category.Cat \uD83D\uDE00"))
        .isTrue();
  }
}
