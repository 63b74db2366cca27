package dev.kindeprops.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.kindeprops.diag.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Writes manifest files for tests and loads them with an explicit environment, and checks case
 * folders of bad input.
 *
 * <p>A case folder holds manifest files, loaded together as one directory, and {@code
 * expected.txt}: every message of that load, in order, with paths relative to the folder; lines
 * starting with {@code #} say what the case is about. An optional {@code env.txt} gives the
 * environment, a {@code NAME=VALUE} a line. The manifests are the exact bytes loaded, so each line
 * and column in {@code expected.txt} can be read off them.
 */
final class Manifests {
  private Manifests() {}

  /** Writes {@code text} to {@code dir/name} (creating folders) and returns the path. */
  static Path write(Path dir, String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@link #PROPERTIES} as {@code p.yaml} and a manifest with {@code body} as {@code a.yaml}
   * in {@code dir}, and returns the path of {@code a.yaml}.
   */
  static Path writeWithProperties(Path dir, String body) {
    write(dir, "p.yaml", PROPERTIES);
    return write(dir, "a.yaml", manifest(body));
  }

  static LoadResult load(Path... paths) {
    return load(Map.of(), paths);
  }

  static LoadResult load(Map<String, String> env, Path... paths) {
    return ManifestLoader.load(Arrays.asList(paths), Variables.ofEnv(env));
  }

  /** Each diagnostic as printed: {@code file:line:col: error: message}. */
  static List<String> lines(LoadResult result) {
    return result.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  /** A test for each case folder in {@code root}, named after the folder. */
  static Stream<DynamicTest> caseTests(Path root) {
    List<Path> folders = entries(root).stream().filter(Files::isDirectory).toList();
    assertThat(folders).as(root.toString()).isNotEmpty();
    return folders.stream()
        .map(folder -> dynamicTest(folder.getFileName().toString(), () -> assertCase(folder)));
  }

  /**
   * Loads a case folder and checks that the load fails, reads every manifest of the folder, and
   * reports exactly the expected messages.
   */
  static void assertCase(Path folder) {
    LoadResult result = load(environment(folder), folder);
    String prefix = folder + folder.getFileSystem().getSeparator();
    List<String> expected;
    try {
      expected =
          Files.readAllLines(folder.resolve("expected.txt")).stream()
              .filter(line -> !line.isBlank() && !line.startsWith("#"))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(expected).as("expected.txt lists the messages").isNotEmpty();
    assertThat(result.ok()).isFalse();
    assertThat(result.files())
        .containsExactlyElementsOf(
            entries(folder).stream().filter(file -> file.toString().endsWith(".yaml")).toList());
    assertThat(lines(result)).map(line -> line.replace(prefix, "")).isEqualTo(expected);
  }

  /** The environment a case folder's {@code env.txt} gives, or none. */
  static Map<String, String> environment(Path folder) {
    Path file = folder.resolve("env.txt");
    Map<String, String> env = new TreeMap<>();
    try {
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          int equals = line.indexOf('=');
          env.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return env;
  }

  /** The files and folders in {@code dir}, sorted. */
  private static List<Path> entries(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A manifest with the given body after {@code version: 1}. */
  static String manifest(String body) {
    return "version: 1\n" + body;
  }

  /** Properties that tests refer to: region (public, allowed), model_version (pattern), notes. */
  static final String PROPERTIES =
      """
      version: 1
      properties:
        region:
          name: Region
          category: Tenancy
          private: false
          allowed: [eu, us, au]
        tier:
          name: Tier
          category: Tenancy
          private: false
        model_version:
          name: Model version
          category: AI
          private: false
          pattern: "^v[0-9]+$"
        notes:
          name: Notes
          category: Ops
          sensitive: true
      """;
}
