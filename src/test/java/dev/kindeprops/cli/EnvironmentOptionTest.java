package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code --environment NAME} names the environment in plan and drift JSON, which still follow their
 * schemas. The text and markdown headings are pinned by the golden cases {@code plan-environment}
 * and {@code drift-environment}.
 */
class EnvironmentOptionTest {
  static final String EXAMPLE = "examples/environments";

  static List<String> args(String command, String environment) {
    return List.of(
        command,
        "-f",
        EXAMPLE + "/shared",
        "-f",
        EXAMPLE + "/" + environment,
        "--var-file",
        EXAMPLE + "/variables/" + environment + ".yaml",
        "--state",
        EXAMPLE + "/states/" + environment + ".json",
        "--environment",
        environment,
        "--format",
        "json");
  }

  @Test
  void planAndDriftJsonNameTheEnvironmentAndFollowTheirSchemas() {
    for (String command : List.of("plan", "drift")) {
      Run run = run(args(command, "staging"));

      assertThat(run.code()).as(run.err()).isIn(ExitCode.OK, ExitCode.CHANGES);
      JsonNode report = Json.MAPPER.readTree(run.out());
      assertThat(report.get("environment").asString()).isEqualTo("staging");
      assertThat(JsonSchema.load("/schemas/" + command + ".schema.json").problems(report))
          .as(command)
          .isEmpty();
    }
  }
}
