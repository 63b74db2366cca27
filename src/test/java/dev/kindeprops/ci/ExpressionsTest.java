package dev.kindeprops.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's expressions behave as GitHub's do where the workflows rely on them. */
class ExpressionsTest {
  final Map<String, Object> contexts =
      Map.of(
          "vars", Map.of("KINDE_PROPS_REF", "v0.1.0", "KINDE_DOMAIN_STAGING", "https://s"),
          "steps", Map.of("find", Map.of("outputs", Map.of("source", "false"))),
          "matrix", Map.of("environment", "staging"),
          "github", Map.of("event_name", "pull_request"));

  Expressions passing = new Expressions(contexts, () -> false);
  Expressions failing = new Expressions(contexts, () -> true);

  @Test
  void orAndAndGiveOneOfTheirOperands() {
    assertThat(passing.interpolate("${{ vars.KINDE_PROPS_VERSION || vars.KINDE_PROPS_REF }}"))
        .isEqualTo("v0.1.0");
    assertThat(passing.evaluate("github.event_name == 'pull_request' && 'yes'")).isEqualTo("yes");
  }

  @Test
  void comparisonsFollowGitHub() {
    // A missing output is null, and null equals '' (both are 0).
    assertThat(passing.condition("steps.reviewed.outputs.plan != ''")).isFalse();
    assertThat(passing.condition("steps.find.outputs.source == 'FALSE'")).isTrue();
    assertThat(passing.condition("steps.find.outputs.source == 'true'")).isFalse();
  }

  @Test
  void propertiesAreFoundWithoutRegardToCaseAndByIndex() {
    assertThat(passing.interpolate("${{ vars[format('KINDE_DOMAIN_{0}', matrix.environment)] }}"))
        .isEqualTo("https://s");
  }

  @Test
  void aConditionWithoutAStatusFunctionRunsOnlyWhileNothingFailed() {
    assertThat(failing.condition("github.event_name == 'pull_request'")).isFalse();
    assertThat(failing.condition("${{ !cancelled() && github.event_name == 'pull_request' }}"))
        .isTrue();
    assertThat(failing.condition("failure()")).isTrue();
    assertThat(passing.condition(null)).isTrue();
    assertThat(failing.condition(null)).isFalse();
  }

  @Test
  void whatTheRunnerCannotEvaluateIsRefused() {
    assertThatThrownBy(() -> passing.evaluate("hashFiles('x')"))
        .hasMessageContaining("no function hashfiles()");
    assertThatThrownBy(() -> passing.evaluate("1 < 2")).hasMessageContaining("cannot read");
  }
}
