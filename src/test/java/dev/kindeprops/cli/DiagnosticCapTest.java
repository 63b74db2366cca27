package dev.kindeprops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.Main;
import dev.kindeprops.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A file with very many problems prints the first 200 and one line that counts the rest, in every
 * format, while the summary still counts them all.
 */
class DiagnosticCapTest {
  private static final String MORE = "and 50 more problems (only the first 200 are shown)";

  @TempDir Path dir;
  private Path file;

  record Run(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }

  /** 250 unknown fields: 250 errors. */
  @BeforeEach
  void writeAFileWith250Problems() throws IOException {
    StringBuilder yaml = new StringBuilder("version: 1\n");
    for (int i = 0; i < 250; i++) {
      yaml.append(String.format("extra_%03d: x%n", i));
    }
    file = dir.resolve("many.yaml");
    Files.writeString(file, yaml);
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console =
        new Console(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            false);
    int code = Main.run(console, args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void textShowsTheFirst200ThenCountsTheRest() {
    Run run = run("validate", "-f", file.toString());

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errLines()).hasSize(202);
    assertThat(run.errLines().get(0)).startsWith(file + ":2:1: error: ");
    assertThat(run.errLines().get(199)).startsWith(file + ":201:1: error: ");
    assertThat(run.errLines().subList(200, 202))
        .containsExactly(MORE, "Invalid: 250 errors (1 file).");
  }

  @Test
  void githubAnnotatesTheFirst200ThenCountsTheRest() {
    Run run = run("validate", "-f", file.toString(), "--format", "github");

    assertThat(run.outLines()).hasSize(202);
    assertThat(run.outLines().subList(0, 200)).allMatch(line -> line.startsWith("::error file="));
    assertThat(run.outLines().subList(200, 202))
        .containsExactly(MORE, "Invalid: 250 errors (1 file).");
  }

  @Test
  void jsonListsTheFirst200AndCountsEveryProblemInTheSummary() {
    Run run = run("validate", "-f", file.toString(), "--format", "json");

    JsonNode report = Json.MAPPER.readTree(run.out());
    assertThat(report.path("diagnostics").size()).isEqualTo(200);
    assertThat(report.path("summary").path("errors").intValue()).isEqualTo(250);
    assertThat(report.path("summary").path("diagnostics_not_shown").intValue()).isEqualTo(50);
  }

  @Test
  void otherCommandsCapTheirProblemsToo() {
    Run run = run("plan", "-f", file.toString(), "--state", "examples/quickstart/kinde-state.json");

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.errLines()).hasSize(201).last().isEqualTo(MORE);
  }
}
