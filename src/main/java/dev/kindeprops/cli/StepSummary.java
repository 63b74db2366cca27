package dev.kindeprops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * GitHub Actions' job summary: when {@code GITHUB_STEP_SUMMARY} names a file, {@code plan} and
 * {@code drift} append their markdown report to it, so the run's page shows it.
 */
final class StepSummary {
  static final String VARIABLE = "GITHUB_STEP_SUMMARY";

  private StepSummary() {}

  /**
   * Appends the markdown when the variable is set. A file that cannot be written gives a warning on
   * standard error, not a failure: the report itself was printed already.
   */
  static void append(Console console, String markdown) {
    String file = console.env(VARIABLE);
    if (file == null) {
      return;
    }
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
              "warning: cannot append the report to "
                  + VARIABLE
                  + " ("
                  + file
                  + "): "
                  + e.getMessage());
      console.err().flush();
    }
  }
}
