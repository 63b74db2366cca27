package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How commands choose their target: the state file, Kinde, or a clear message. */
class TargetOptionsTest {
  static final String QUICKSTART = PlanCommandTest.QUICKSTART;
  static final String STATE = PlanCommandTest.STATE;

  @Test
  void theStateFlagWinsOverKindeInTheEnvironment() {
    Run run =
        run(
            Map.of("KINDE_DOMAIN", "https://acme.kinde.com"),
            "plan",
            "-f",
            QUICKSTART,
            "--state",
            STATE);

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).startsWith("Target: file:" + STATE + "\n");
  }

  @Test
  void aStateFileAndADomainAreOneTooMany() {
    Run run = run("plan", "-f", QUICKSTART, "--state", STATE, "--domain", "https://acme.kinde.com");

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).isEqualTo("error: give either --state or --domain, not both\n");
  }

  @Test
  void aMissingCredentialIsNamed() {
    Run run = run(Map.of("KINDE_DOMAIN", "https://acme.kinde.com"), "plan", "-f", QUICKSTART);

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: KINDE_MANAGEMENT_CLIENT_ID is not set: set it to the client id of an M2M"
                + " application authorized for the Kinde Management API\n");
  }

  @Test
  void aDomainFlagIsCheckedLikeTheVariable() {
    Run run =
        run(
            Map.of(
                "KINDE_MANAGEMENT_CLIENT_ID", "mgmt",
                "KINDE_MANAGEMENT_CLIENT_SECRET", "a-long-enough-secret"),
            "plan",
            "-f",
            QUICKSTART,
            "--domain",
            "acme");

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: KINDE_DOMAIN must be a full URL such as https://acme.kinde.com, not 'acme':"
                + " did you mean https://acme.kinde.com?\n")
        .doesNotContain("a-long-enough-secret");
  }

  @Test
  void limitsOutOfRangeAreOneLine() {
    Run run =
        run(
            Map.of(
                "KINDE_DOMAIN", "https://acme.kinde.com",
                "KINDE_MANAGEMENT_CLIENT_ID", "mgmt",
                "KINDE_MANAGEMENT_CLIENT_SECRET", "a-long-enough-secret"),
            "plan",
            "-f",
            QUICKSTART,
            "--parallelism",
            "100");

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).isEqualTo("error: --parallelism must be between 1 and 64, not 100\n");
  }
}
