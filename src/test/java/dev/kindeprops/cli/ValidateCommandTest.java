package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** {@code kinde-props validate} in process: outputs, formats and exit codes. */
class ValidateCommandTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void quickstartIsValid() {
    Run run = run("validate", "-f", "examples/quickstart");
    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .isEqualTo("Valid: 4 properties in 2 categories, 1 profile, 3 applications (3 files).\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void perCustomerExampleIsValid() {
    Run run = run("validate", "--file", "examples/per-customer");
    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .isEqualTo("Valid: 4 properties in 2 categories, 6 profiles, 12 applications (5 files).\n");
  }

  @Test
  void textFormatPrintsEveryProblemOnStandardErrorAndExitsOne() throws IOException {
    Path file =
        write(
            "a.yaml",
            "version: 1\nproperties:\n  region: {name: R}\n  tier: {nam: T, category: C}\n");
    Run run = run("validate", "-f", file.toString());
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            file
                + ":3:3: error: property 'region' is missing the required field 'category'\n"
                + file
                + ":4:3: error: property 'tier' is missing the required field 'name'\n"
                + file
                + ":4:10: error: unknown field 'nam' in property 'tier'; did you mean 'name'?\n"
                + "Invalid: 3 errors (1 file).\n");
  }

  @Test
  void warningsDoNotFailValidation() throws IOException {
    Path file = write("a.yaml", "version: 1\nprofiles:\n  spare: {}\n");
    Run run = run("validate", "-f", file.toString());
    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.err())
        .isEqualTo(file + ":3:3: warning: profile 'spare' is not used by any application\n");
    assertThat(run.out())
        .isEqualTo("Valid: 0 properties in 0 categories, 1 profile, 0 applications (1 file).\n");
  }

  @Test
  void jsonFormatOnSuccess() {
    Run run = run("validate", "-f", "examples/quickstart", "--format", "json");
    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).isEmpty();
    JsonNode report = Json.MAPPER.readTree(run.out());
    assertThat(report.path("valid").booleanValue()).isTrue();
    assertThat(report.path("diagnostics").size()).isZero();
    JsonNode summary = report.path("summary");
    assertThat(summary.path("properties").intValue()).isEqualTo(4);
    assertThat(summary.path("categories").intValue()).isEqualTo(2);
    assertThat(summary.path("profiles").intValue()).isEqualTo(1);
    assertThat(summary.path("applications").intValue()).isEqualTo(3);
    assertThat(summary.path("files").intValue()).isEqualTo(3);
    assertThat(summary.path("errors").intValue()).isZero();
  }

  @Test
  void jsonFormatOnErrors() throws IOException {
    Path file = write("a.yaml", "version: 1\nproperties:\n  region: {name: R}\n");
    Run run = run("validate", "-f", file.toString(), "--format=JSON");
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).isEmpty();
    JsonNode report = Json.MAPPER.readTree(run.out());
    assertThat(report.path("valid").booleanValue()).isFalse();
    JsonNode diagnostic = report.path("diagnostics").get(0);
    assertThat(diagnostic.path("severity").stringValue()).isEqualTo("error");
    assertThat(diagnostic.path("message").stringValue())
        .isEqualTo("property 'region' is missing the required field 'category'");
    assertThat(diagnostic.path("file").stringValue()).isEqualTo(file.toString());
    assertThat(diagnostic.path("line").intValue()).isEqualTo(3);
    assertThat(diagnostic.path("column").intValue()).isEqualTo(3);
    assertThat(report.path("summary").path("errors").intValue()).isEqualTo(1);
    assertThat(report.path("summary").path("properties").isNull()).isTrue();
  }

  @Test
  void githubFormatAnnotatesEachProblem() throws IOException {
    Path file = write("a.yaml", "version: 1\nproperties:\n  region: {name: R}\n");
    Run run = run("validate", "-f", file.toString(), "--format", "github");
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out())
        .isEqualTo(
            "::error file="
                + file.toString().replace(":", "%3A").replace(",", "%2C")
                + ",line=3,col=3::property 'region' is missing the required field 'category'\n"
                + "Invalid: 1 error (1 file).\n");
  }

  @Test
  void githubFormatOnSuccessPrintsTheSummary() {
    Run run = run("validate", "-f", "examples/quickstart", "--format", "github");
    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .isEqualTo("Valid: 4 properties in 2 categories, 1 profile, 3 applications (3 files).\n");
  }

  @Test
  void variablesFromTheCommandLineAndAFile() throws IOException {
    Path manifest =
        write(
            "m/a.yaml",
            """
            version: 1
            properties:
              region: {name: Region, category: Tenancy, allowed: [eu, us]}
            applications:
              worker:
                id: ${env:WORKER_ID}
                values: {region: "${var:region}"}
            """);
    Path vars = write("vars.yaml", "region: mars\n");
    Map<String, String> env = Map.of("WORKER_ID", "3b0b5c6c8fcc464fab397f4969b5f482");
    assertThat(
            run(env, "validate", "-f", manifest.toString(), "--var-file", vars.toString()).code())
        .isEqualTo(ExitCode.ERROR);
    Run run =
        run(
            env,
            "validate",
            "-f",
            manifest.toString(),
            "--var-file",
            vars.toString(),
            "--var",
            "region=eu");
    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isEqualTo(ExitCode.OK);
  }

  @Test
  void unknownFormatIsABadArgument() {
    Run run = run("validate", "-f", "examples/quickstart", "--format", "xml");
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .startsWith(
            "error: Invalid value for option '--format': expected text, json or github, not 'xml'");
  }

  @Test
  void aFileIsRequired() {
    Run run = run("validate");
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).startsWith("error: Missing required option: '--file=PATH'");
  }

  @Test
  void malformedVarIsABadArgument() {
    Run run = run("validate", "-f", "examples/quickstart", "--var", "region");
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err()).startsWith("error: ").contains("KEY=VALUE");
  }

  @Test
  void helpShowsAnExample() {
    Run run = run("validate", "--help");
    assertThat(run.code()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("Usage: kinde-props validate")
        .contains("-f, --file=PATH")
        .contains("--var=NAME=VALUE")
        .contains("--var-file=FILE")
        .contains("--format=FORMAT")
        .contains("kinde-props validate -f examples/quickstart");
  }

  /** Every bad input of the issue: exit 1, one line per problem, no stack trace. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputExitsOneWithOneLinePerProblemAndNoStackTrace(String name, String yaml)
      throws IOException {
    Path file = write(name + ".yaml", yaml);
    Run run = run("validate", "-f", file.toString());
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    String[] lines = run.err().split("\n");
    assertThat(lines.length).isGreaterThanOrEqualTo(2);
    for (int i = 0; i < lines.length - 1; i++) {
      assertThat(lines[i]).startsWith(file.toString()).contains(": error: ");
    }
    assertThat(lines[lines.length - 1]).startsWith("Invalid: ");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("malformed", "version: 1\nproperties: [a\n"),
        Arguments.of("tab", "version: 1\nproperties:\n\tx: {}\n"),
        Arguments.of("duplicate-key", "version: 1\nversion: 1\n"),
        Arguments.of("unknown-field", "version: 1\nprofile: {}\n"),
        Arguments.of(
            "number",
            "version: 1\nproperties: {p: {name: P, category: C}}\n"
                + "applications: {a: {id: 3b0b5c6c8fcc464fab397f4969b5f482, values: {p: 1}}}\n"),
        Arguments.of(
            "undefined-env",
            "version: 1\nproperties: {p: {name: P, category: C, description: '${env:NOPE}'}}\n"),
        Arguments.of(
            "private-claim",
            "version: 1\nproperties: {p: {name: P, category: C}}\n"
                + "applications: {a: {id: 3b0b5c6c8fcc464fab397f4969b5f482, claims: [p]}}\n"),
        Arguments.of("reserved-key", "version: 1\nproperties: {kp_x: {name: P, category: C}}\n"),
        Arguments.of("missing-version", "properties: {}\n"),
        Arguments.of("unsupported-version", "version: 3\n"),
        Arguments.of("deep", "version: 1\nx: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n"),
        Arguments.of("empty", ""),
        Arguments.of("list", "- version: 1\n"),
        Arguments.of("binary", "version: 1\n\0\0\0"));
  }

  @Test
  void hugeFileIsRefused() throws IOException {
    Path file = dir.resolve("huge.yaml");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(60L * 1024 * 1024);
    }
    Run run = run("validate", "-f", file.toString());
    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.err())
        .isEqualTo(
            file
                + ": error: file is 60.0 MiB, over the 8.0 MiB limit for one file\n"
                + "Invalid: 1 error (1 file).\n");
  }
}
