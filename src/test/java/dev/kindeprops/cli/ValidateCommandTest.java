package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kinde-props validate} in process on hostile and huge input. Its outputs in every format,
 * its variables and its argument errors are pinned by the golden cases {@code
 * src/test/resources/commands/validate-*}.
 */
class ValidateCommandTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
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
