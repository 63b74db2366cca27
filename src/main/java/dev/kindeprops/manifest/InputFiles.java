package dev.kindeprops.manifest;

import dev.kindeprops.diag.Diagnostics;
import dev.kindeprops.diag.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the manifest files a list of paths names: a file as given, a directory as every {@code
 * *.yaml} and {@code *.yml} below it in sorted order, skipping hidden files and directories.
 */
final class InputFiles {
  private InputFiles() {}

  /** The result: the files in load order, and whether every path gave something to read. */
  record Found(List<Path> files, boolean complete) {}

  static Found find(List<Path> paths, Diagnostics diagnostics) {
    List<Path> files = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    boolean complete = true;
    for (Path path : paths) {
      SourceLocation at = SourceLocation.ofFile(path.toString());
      if (!Files.exists(path)) {
        diagnostics.error(at, "no such file or directory");
        complete = false;
        continue;
      }
      List<Path> found;
      if (Files.isDirectory(path)) {
        try {
          found = manifestsUnder(path);
        } catch (IOException | UncheckedIOException e) {
          diagnostics.error(at, "cannot read the directory: " + e.getMessage());
          complete = false;
          continue;
        }
        if (found.isEmpty()) {
          diagnostics.error(at, "no *.yaml or *.yml files in this directory");
          complete = false;
        }
      } else {
        found = List.of(path);
      }
      for (Path file : found) {
        // The same file named twice (or once directly and once through its directory) loads once.
        if (seen.add(identity(file))) {
          files.add(file);
        }
      }
    }
    return new Found(files, complete);
  }

  private static List<Path> manifestsUnder(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(p -> !p.equals(directory))
          .filter(p -> !isHidden(directory.relativize(p)))
          .filter(InputFiles::isManifestName)
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(p -> directory.relativize(p).toString()))
          .toList();
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isManifestName(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static Path identity(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }
}
