package dev.kindeprops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward (DESIGN.md section 6, docs/architecture.md): each package imports only
 * the packages it may, the packages form no cycle, and only the factory that builds a target names
 * the file and Kinde adapters.
 */
class ArchitectureTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/kindeprops");
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?dev\\.kindeprops\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]",
          Pattern.MULTILINE);

  /** The one class outside the adapters that may name them. */
  private static final Path FACTORY = SOURCES.resolve("engine/Targets.java");

  private static final Set<String> ADAPTERS = Set.of("live.file", "live.kinde");

  /** For each package ("" is the root), the project packages it may import besides its own. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("", Set.of("cli")),
          Map.entry(
              "cli",
              Set.of("engine", "render", "manifest", "plan", "apply", "export", "diag", "text")),
          Map.entry(
              "engine",
              Set.of(
                  "apply",
                  "plan",
                  "manifest",
                  "export",
                  "live",
                  "live.file",
                  "live.kinde",
                  "diag",
                  "io",
                  "json",
                  "model",
                  "text")),
          Map.entry(
              "render",
              Set.of("plan", "apply", "manifest", "live", "diag", "json", "model", "text")),
          Map.entry("apply", Set.of("plan", "live", "diag", "model", "text")),
          Map.entry("export", Set.of("live", "manifest", "model", "text")),
          Map.entry("plan", Set.of("manifest", "live", "diag", "json", "model", "text")),
          Map.entry("live", Set.of("diag", "json", "model", "text")),
          Map.entry("live.file", Set.of("live", "io", "diag", "json", "model")),
          Map.entry("live.kinde", Set.of("live", "diag", "json", "model", "text")),
          Map.entry("manifest", Set.of("diag", "json", "model", "text")),
          Map.entry("diag", Set.of()),
          Map.entry("json", Set.of()),
          Map.entry("model", Set.of()),
          Map.entry("text", Set.of()),
          Map.entry("io", Set.of()));

  @Test
  void packagesImportOnlyWhatTheyMay() {
    List<String> violations = new ArrayList<>();
    imports()
        .forEach(
            (file, imported) -> {
              String pkg = packageOf(file);
              assertThat(ALLOWED).as("a rule for package '%s'", pkg).containsKey(pkg);
              for (String target : imported) {
                if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
                  violations.add(file + " imports dev.kindeprops." + target);
                }
                boolean adapter = ADAPTERS.contains(target) && !ADAPTERS.contains(pkg);
                if (adapter && !SOURCES.resolve(file).equals(FACTORY)) {
                  violations.add(file + " names an adapter (only engine/Targets.java may)");
                }
              }
            });
    assertThat(violations).isEmpty();
  }

  @Test
  void packagesFormNoCycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    imports()
        .forEach(
            (file, imported) -> {
              String pkg = packageOf(file);
              Set<String> edges = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
              imported.stream().filter(target -> !target.equals(pkg)).forEach(edges::add);
            });
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
    }
    assertThat(cycles).isEmpty();
  }

  @Test
  void noCodeOutsideTheFactoryAsksWhichAdapterATargetIs() throws IOException {
    Pattern instanceOfAdapter = Pattern.compile("instanceof\\s+(KindeTarget|StateFileTarget)\\b");
    List<String> found = new ArrayList<>();
    for (Path file : javaFiles()) {
      if (instanceOfAdapter.matcher(Files.readString(file)).find() && !file.equals(FACTORY)) {
        found.add(SOURCES.relativize(file).toString());
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void everyPackageSaysWhatItIsFor() throws IOException {
    try (Stream<Path> dirs = Files.walk(SOURCES)) {
      List<Path> missing =
          dirs.filter(Files::isDirectory)
              .filter(ArchitectureTest::hasJava)
              .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
              .toList();
      assertThat(missing).isEmpty();
    }
  }

  /** Records a path back to its start, once per cycle found from {@code start}. */
  private static void findCycle(
      Map<String, Set<String>> graph, String start, List<String> path, List<String> cycles) {
    String last = path.get(path.size() - 1);
    for (String next : graph.getOrDefault(last, Set.of())) {
      if (next.equals(start)) {
        cycles.add(String.join(" -> ", path) + " -> " + start);
      } else if (!path.contains(next) && next.compareTo(start) > 0) {
        path.add(next);
        findCycle(graph, start, path, cycles);
        path.remove(path.size() - 1);
      }
    }
  }

  /** Each source file (relative to the root package) and the project packages it imports. */
  private static Map<String, Set<String>> imports() {
    Map<String, Set<String>> imports = new TreeMap<>();
    for (Path file : javaFiles()) {
      try {
        Set<String> packages = new TreeSet<>();
        Matcher matcher = IMPORT.matcher(Files.readString(file));
        while (matcher.find()) {
          packages.add(matcher.group(1));
        }
        imports.put(SOURCES.relativize(file).toString().replace('\\', '/'), packages);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return imports;
  }

  private static String packageOf(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? "" : file.substring(0, slash).replace('/', '.');
  }

  private static List<Path> javaFiles() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean hasJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
