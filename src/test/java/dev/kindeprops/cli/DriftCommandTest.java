package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kinde-props drift --format json} follows its schema. Every format's output, exit codes,
 * ignore files, attribution against a baseline, the GitHub job summary and drift's refusals are
 * pinned by the golden cases {@code src/test/resources/commands/drift-*} and {@code step-summary*}.
 */
class DriftCommandTest {
  static final String QUICKSTART = "examples/quickstart";
  static final String STATE = "examples/quickstart/kinde-state.json";

  @TempDir Path dir;

  @Test
  void jsonFollowsItsSchemaAndMasksSensitiveValues() throws IOException {
    Path ignore =
        Files.writeString(
            dir.resolve("ignore"), "application.report-generator  later\nproperty.nothing\n");

    Run run =
        run(
            "drift",
            "-f",
            QUICKSTART,
            "--state",
            STATE,
            "--baseline",
            STATE,
            "--ignore",
            ignore.toString(),
            "--format",
            "json");

    assertThat(run.code()).isEqualTo(ExitCode.CHANGES);
    JsonNode report = Json.MAPPER.readTree(run.out());
    assertThat(JsonSchema.load("/schemas/drift.schema.json").problems(report)).isEmpty();
    assertThat(report.get("has_drift").asBoolean()).isTrue();
    assertThat(report.get("ignored")).hasSize(1);
    assertThat(report.get("stale_ignores")).hasSize(1);
    assertThat(run.out()).contains("(sensitive)").doesNotContain("Invoiced yearly");
  }
}
