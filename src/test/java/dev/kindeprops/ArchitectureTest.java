package dev.kindeprops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point inward (DESIGN.md section 6): each package imports only what it may. */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/kindeprops");
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?dev\\.kindeprops\\.([a-z]+(?:\\.[a-z]+)*)\\.", Pattern.MULTILINE);

  /** For each package, the project packages it must not import. */
  private static final Map<String, List<String>> FORBIDDEN =
      Map.of(
          "diag", List.of("manifest", "plan", "apply", "live", "render", "cli"),
          "json", List.of("diag", "manifest", "plan", "apply", "live", "render", "cli"),
          "manifest", List.of("plan", "apply", "live", "render", "cli"),
          "live", List.of("plan", "apply", "render", "cli"),
          "plan", List.of("apply", "render", "cli", "live.file", "live.kinde"),
          "apply", List.of("render", "cli", "live.file", "live.kinde"),
          "render", List.of("apply", "cli", "live.file", "live.kinde"),
          "export", List.of("plan", "apply", "render", "cli", "live.file", "live.kinde"));

  @Test
  void packagesImportOnlyWhatTheyMay() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        String topLevel = pkg.contains(".") ? pkg.substring(0, pkg.indexOf('.')) : pkg;
        List<String> forbidden = FORBIDDEN.getOrDefault(topLevel, List.of());
        Matcher imports = IMPORT.matcher(Files.readString(file));
        while (imports.find()) {
          String imported = imports.group(1);
          for (String banned : forbidden) {
            boolean own = imported.startsWith(pkg) && !pkg.isEmpty();
            if (!own && (imported.equals(banned) || imported.startsWith(banned + "."))) {
              violations.add(SOURCES.relativize(file) + " imports dev.kindeprops." + imported);
            }
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPackageSaysWhatItIsFor() throws IOException {
    try (Stream<Path> dirs = Files.walk(SOURCES)) {
      List<Path> missing =
          dirs.filter(Files::isDirectory)
              .filter(dir -> hasJava(dir))
              .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
              .toList();
      assertThat(missing).isEmpty();
    }
  }

  private static boolean hasJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
