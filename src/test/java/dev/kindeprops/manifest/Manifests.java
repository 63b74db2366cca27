package dev.kindeprops.manifest;

import dev.kindeprops.diag.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Writes manifest files for tests and loads them with an explicit environment. */
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
