package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kinde-props verify} in process against state files: the report, masking, exit codes and
 * mistakes. Against Kinde it is tested end to end ({@code e2e.KindeEndToEndTest}).
 */
class VerifyCommandTest {
  static final String QUICKSTART = PlanCommandTest.QUICKSTART;
  static final String STATE = PlanCommandTest.STATE;
  static final Path CASES = Path.of("src/test/resources/cases");

  @TempDir Path dir;

  @Test
  void reportsEachApplicationsMismatchAgainstAStateFile() {
    Run run = run("verify", "-f", QUICKSTART, "--state", STATE);

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
            Target: file:examples/quickstart/kinde-state.json

            mismatch  billing-worker
                        missing     model_version = "v2"
                        different   region: expected "eu", actual "us"
            mismatch  ml-scorer
                        missing     model_version = "v3"
            mismatch  report-generator
                        different   region: expected "us", actual {}

            To fix a mismatch: `kinde-props plan` shows the changes and `kinde-props apply` \
            makes them.

            Verify: 0 ok, 3 mismatches, 0 errors.
            """);
  }

  @Test
  void matchingClaimsExitWithZero() {
    Path noop = CASES.resolve("no-op");

    Run run =
        run(
            "verify",
            "-f",
            noop.resolve("manifests").toString(),
            "--state",
            noop.resolve("state.json").toString());

    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("ok        billing-worker\nok        search-indexer\n")
        .endsWith("Verify: 2 ok, 0 mismatches, 0 errors.\n");
  }

  @Test
  void theJsonReportListsEntriesAsTheTokenHasThem() {
    Run run =
        run(
            "verify",
            "-f",
            QUICKSTART,
            "--state",
            STATE,
            "--app",
            "report-generator",
            "--format",
            "json");

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    JsonNode report = Json.MAPPER.readTree(run.out());
    assertThat(report.path("target").asString()).isEqualTo("file:" + STATE);
    assertThat(report.path("applications").propertyNames()).containsExactly("report-generator");
    JsonNode app = report.path("applications").path("report-generator");
    assertThat(app.path("application_id").asString()).isEqualTo("6513270e269e0d37f2a74de452e6b438");
    assertThat(app.path("status").asString()).isEqualTo("mismatch");
    assertThat(app.path("missing").isEmpty()).isTrue();
    assertThat(app.path("different").path("region").toString())
        .isEqualTo("{\"expected\":{\"v\":\"us\"},\"actual\":{}}");
    assertThat(report.path("summary").toString())
        .isEqualTo("{\"ok\":0,\"mismatch\":1,\"error\":0}");
  }

  @Test
  void sensitiveValuesAreMaskedInBothForms() {
    Path sensitive = CASES.resolve("sensitive");
    for (String format : new String[] {"text", "json"}) {
      Run run =
          run(
              "verify",
              "-f",
              sensitive.resolve("manifests").toString(),
              "--state",
              sensitive.resolve("state.json").toString(),
              "--format",
              format);

      assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
      assertThat(run.out()).contains("(sensitive)").doesNotContain("tok-live-");
    }
  }

  @Test
  void applicationsThatCannotBeCheckedAreErrors() throws IOException {
    Path manifests = dir.resolve("apps.yaml");
    Files.writeString(
        manifests,
        """
        version: 1
        properties:
          tier: {name: Tier, category: Tenancy, private: false}
        applications:
          ghost:
            id: 0000000000000000000000000000dead
          portal:
            id: 36f675cc81e74ef5e8e25d940ed90475
          ml-scorer:
            id: d23f0824128b2f330c5c7fd0a6a3a450
            values: {tier: pro}
            claims: [tier]
        """);

    Run run = run("verify", "-f", manifests.toString(), "--state", STATE);

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out())
        .contains(
            "error     ghost: no live application has id 0000000000000000000000000000dead in"
                + " file:"
                + STATE
                + "\n")
        .contains(
            "error     portal: 36f675cc81e74ef5e8e25d940ed90475 is a reg application"
                + " (customer-portal); only an M2M application's token carries its properties\n")
        .contains(
            "mismatch  ml-scorer\n            different   tier: expected \"pro\", actual"
                + " \"enterprise\"\n")
        .endsWith("Verify: 0 ok, 1 mismatch, 2 errors.\n");
  }

  @Test
  void anUnknownApplicationIsNamedWithTheKnownOnes() {
    Run run = run("verify", "-f", QUICKSTART, "--state", STATE, "--app", "nope");

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            "error: no application named \"nope\": the manifests list billing-worker, ml-scorer,"
                + " report-generator\n");
  }

  @Test
  void aTokenIsCheckedAgainstKindeNeverAgainstAStateFile() {
    Run withState = run("verify", "-f", QUICKSTART, "--state", STATE, "--token", "a.b.c");
    Run withNothing = run("verify", "-f", QUICKSTART, "--token", "a.b.c");

    assertThat(withState.code()).isEqualTo(ExitCode.ERROR);
    assertThat(withState.err())
        .isEqualTo(
            "error: --token is checked against the Kinde domain's signing keys: set KINDE_DOMAIN"
                + " or give --domain, not --state\n");
    assertThat(withNothing.err())
        .isEqualTo(
            "error: --token is checked against the Kinde domain's signing keys: set KINDE_DOMAIN"
                + " or give --domain\n");
  }

  @Test
  void anEmptyStandardInputIsNoToken() {
    Run run =
        run(
            Map.of("KINDE_DOMAIN", "https://acme.kinde.com"),
            "verify",
            "-f",
            QUICKSTART,
            "--token",
            "-");

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).isEqualTo("error: --token -: standard input holds no token\n");
  }
}
