package dev.kindeprops.manifest;

import static dev.kindeprops.manifest.Manifests.lines;
import static dev.kindeprops.manifest.Manifests.load;
import static dev.kindeprops.manifest.Manifests.manifest;
import static dev.kindeprops.manifest.Manifests.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad input of the issue gives one clear message per problem, at its file:line:col. The inputs
 * are case folders under {@code src/test/resources/bad-input/}, one per bad input, each with its
 * exact messages (see {@link Manifests#assertCase}); the inputs that are bytes rather than text, or
 * paths rather than files, are written here.
 */
class BadInputTest {
  static final Path CASES = Path.of("src/test/resources/bad-input");

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> reportsEachProblemAtItsPlace() {
    return Manifests.caseTests(CASES);
  }

  @Test
  void aSensitiveValueIsNeverShownInMessages() {
    Path folder = CASES.resolve("sensitive-value-failing-the-pattern");
    Map<String, String> env = Manifests.environment(folder);
    assertThat(env).containsEntry("HINT", "s3cr3t-value");
    assertThat(lines(load(env, folder))).isNotEmpty().noneMatch(line -> line.contains("s3cr3t"));
  }

  static Stream<Arguments> undecodable() {
    return Stream.of(
        arguments(
            "binary file",
            new byte[] {'v', ':', ' ', '1', '\n', 0, 1, 2, (byte) 0xFF},
            ":2: error: binary file (it holds NUL bytes), not YAML text"),
        arguments(
            // "café" in Latin-1: the é is the single byte 0xE9.
            "bytes that are not UTF-8",
            "version: 1\nx: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),
            ":2:7: error: bytes that are not UTF-8 (0xE9 at byte offset 17); save the file as"
                + " UTF-8"),
        arguments(
            "UTF-16 file",
            new byte[] {(byte) 0xFF, (byte) 0xFE, 'v', 0},
            ": error: file is UTF-16 text; save it as UTF-8 (without a BOM)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("undecodable")
  void bytesThatAreNotUtf8TextAreRefused(String name, byte[] bytes, String message)
      throws IOException {
    Path file = Files.write(dir.resolve("a.yaml"), bytes);
    assertThat(lines(load(file))).containsExactly(file + message);
  }

  @Test
  void directoryWithNoManifests() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty/sub"));
    write(empty, "notes.txt", "version: 1\n");
    LoadResult result = load(dir.resolve("empty"));
    assertThat(result.ok()).isFalse();
    assertThat(lines(result))
        .containsExactly(
            dir.resolve("empty") + ": error: no *.yaml or *.yml files in this directory");
  }

  @Test
  void missingPath() {
    assertThat(lines(load(dir.resolve("nope.yaml"))))
        .containsExactly(dir.resolve("nope.yaml") + ": error: no such file or directory");
  }

  @Test
  void yesAndOnAreStringsInYaml12() {
    write(dir, "p.yaml", manifest("properties:\n  beta: {name: Beta, category: Flags}\n"));
    write(
        dir,
        "a.yaml",
        manifest(
            "applications:\n  w:\n    id: 3b0b5c6c8fcc464fab397f4969b5f482\n"
                + "    values: {beta: yes}\n"));
    LoadResult result = load(dir);
    assertThat(lines(result)).isEmpty();
    assertThat(result.state().applications().get("w").values()).containsEntry("beta", "yes");
  }
}
