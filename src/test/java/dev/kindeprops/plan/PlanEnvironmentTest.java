package dev.kindeprops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.fixtures.ClaimSource;
import dev.kindeprops.fixtures.PlanFiles;
import org.junit.jupiter.api.Test;

/** A plan names the environment it was made for ({@code plan --environment}) in its file. */
class PlanEnvironmentTest {
  @Test
  void theEnvironmentFollowsTheTargetAndReadsBack() {
    Plan plan = PlanCodecTest.everything(ClaimSource.STATE).withEnvironment("production");
    String json = PlanCodec.write(plan);

    assertThat(json)
        .contains("\"target\": \"file:state.json\",\n  \"environment\": \"production\",\n");
    Plan read = PlanCodec.read("plan.json", json);
    assertThat(read.environment()).isEqualTo("production");
    assertThat(PlanCodec.write(read)).isEqualTo(json);
  }

  @Test
  void aPlanOfNoNamedEnvironmentHasNoField() {
    String json = PlanCodec.write(PlanCodecTest.everything(ClaimSource.STATE));

    assertThat(json).doesNotContain("environment");
    assertThat(PlanCodec.read("plan.json", json).environment()).isNull();
  }

  @Test
  void refusesAnEnvironmentThatIsNoName() {
    String json =
        PlanFiles.resign(
            PlanCodec.write(
                    PlanCodecTest.everything(ClaimSource.STATE).withEnvironment("production"))
                .replace("\"production\"", "\"prod uction\""));

    assertThatThrownBy(() -> PlanCodec.read("plan.json", json))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageStartingWith("plan.json: not a valid plan file:\nplan.json: $.environment: ");
    assertThatThrownBy(() -> PlanCodecTest.everything(ClaimSource.STATE).withEnvironment("a/b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
