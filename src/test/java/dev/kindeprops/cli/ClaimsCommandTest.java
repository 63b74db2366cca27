package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import org.junit.jupiter.api.Test;

/** {@code kinde-props claims} in process. */
class ClaimsCommandTest {
  static final String QUICKSTART = PlanCommandTest.QUICKSTART;

  @Test
  void printsTheExpectedClaimsOfOneApplication() {
    Run run = run("claims", "-f", QUICKSTART, "--app", "billing-worker");

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
            {
              "billing-worker": {
                "application_id": "3b0b5c6c8fcc464fab397f4969b5f482",
                "application_properties": {
                  "model_version": {
                    "v": "v2"
                  },
                  "region": {
                    "v": "eu"
                  },
                  "tier": {
                    "v": "pro"
                  }
                }
              }
            }
            """);
  }

  @Test
  void printsEveryApplicationOfflineOrWithTheStateFile() {
    Run offline = run("claims", "-f", QUICKSTART);
    Run withState = run("claims", "-f", QUICKSTART, "--state", PlanCommandTest.STATE);

    assertThat(offline.code()).isEqualTo(ExitCode.OK);
    assertThat(offline.out())
        .contains("\"billing-worker\": {", "\"ml-scorer\": {", "\"report-generator\": {");
    // The quickstart's live state toggles no unmanaged property, so both agree.
    assertThat(withState.out()).isEqualTo(offline.out());
  }

  @Test
  void withTheStateFileUnmanagedTogglesStayInTheClaim() {
    String cases = "src/test/resources/cases/unmanaged/";
    Run run =
        run(
            "claims",
            "-f",
            cases + "manifests",
            "--state",
            cases + "state.json",
            "--app",
            "billing-worker");

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("\"team\": {\n        \"v\": \"payments\"\n      }");
    assertThat(run("claims", "-f", cases + "manifests").out()).doesNotContain("team");
  }

  @Test
  void anUnknownApplicationListsTheNames() {
    Run run = run("claims", "-f", QUICKSTART, "--app", "billing");

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: no application named \"billing\": the manifests list billing-worker,"
                + " ml-scorer, report-generator\n");
  }

  @Test
  void sensitiveValuesAreMasked() {
    String cases = "src/test/resources/cases/sensitive/";

    Run run = run("claims", "-f", cases + "manifests");

    assertThat(run.out()).contains("\"v\": \"(sensitive)\"").doesNotContain("tok-live");
  }
}
