package dev.kindeprops.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rules a saved plan records are checked with the same engine as manifests: a plan written by
 * hand cannot stall {@code apply} with a pattern, nor crash it with one that does not compile.
 */
class ValueRulesTest {
  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aBacktrackingPatternFinishes() {
    ValueRules rules = new ValueRules(List.of(), "^(.*?,){14}P");

    assertThat(rules.problem("1,".repeat(40), "value 'x' for 'code'"))
        .contains("value 'x' for 'code' does not match the pattern ^(.*?,){14}P");
  }

  @Test
  void anInvalidPatternIsAProblemNotACrash() {
    ValueRules rules = new ValueRules(List.of(), "^(?=v)v$");

    assertThat(rules.problem("v", "value 'v' for 'code'"))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .startsWith(
                        "value 'v' for 'code' cannot be checked: invalid pattern ^(?=v)v$:"
                            + " invalid or unsupported Perl syntax `(?=`"));
  }
}
