package dev.kindeprops.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.Folder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The expected files of the golden tests: compared with what a run gave, or rewritten from it when
 * the build runs with {@code -Dgolden.update=true}.
 */
final class ExpectedFiles {
  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private ExpectedFiles() {}

  static void compare(Path expected, String actual) throws IOException {
    if (UPDATE) {
      Files.writeString(expected, actual);
      return;
    }
    assertThat(Files.exists(expected))
        .as(expected + " is missing: run with -Dgolden.update=true to write it")
        .isTrue();
    assertThat(actual).as(expected.toString()).isEqualTo(Files.readString(expected));
  }

  /** Compares a whole folder: the same file names, each with the same text. */
  static void compareFolder(Path expected, Map<String, String> actual) throws IOException {
    if (UPDATE) {
      Folder.delete(expected);
      Folder.write(expected, actual);
      return;
    }
    Map<String, String> files = Files.isDirectory(expected) ? Folder.texts(expected) : Map.of();
    assertThat(actual.keySet()).as("the files expected in " + expected).isEqualTo(files.keySet());
    actual.forEach(
        (name, text) ->
            assertThat(text).as(expected.resolve(name).toString()).isEqualTo(files.get(name)));
  }
}
