package dev.kindeprops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * GitHub Actions' job summary: when {@code GITHUB_STEP_SUMMARY} names a file, {@code plan} and
 * {@code drift} append their markdown report to it, so the run's page shows it.
 */
final class StepSummary {
  static final String VARIABLE = "GITHUB_STEP_SUMMARY";

  private StepSummary() {}

  /**
   * Appends the markdown when the variable is set (it is made only then). A file that cannot be
   * written gives a warning on standard error, not a failure: the report itself was printed
   * already.
   */
  static void append(Console console, Supplier<String> report) {
    String file = console.env(VARIABLE);
    if (file == null) {
      return;
    }
    String markdown = report.get();
    try {
      Files.writeString(
          Path.of(file),
          markdown.endsWith("\n") ? markdown + "\n" : markdown + "\n\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      console
          .err()
          .println(
              "warning: cannot append the report to " + VARIABLE + " (" + file + "): " + reason(e));
      console.err().flush();
    }
  }

  /**
   * Why the file cannot be written, in words: the JDK's exceptions for a missing folder or a
   * refused permission carry only the path, which the warning names already.
   */
  static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "its directory does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
