package dev.kindeprops.manifest;

import static dev.kindeprops.manifest.Manifests.lines;
import static dev.kindeprops.manifest.Manifests.load;
import static dev.kindeprops.manifest.Manifests.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers too large for any Java type are located errors like any other, never a crash. */
class LargeNumberTest {
  @TempDir Path dir;

  @Test
  void aVersionBeyondEveryIntegerTypeIsAnUnsupportedVersion() {
    Path file = write(dir, "a.yaml", "version: 99999999999999999999\n");

    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":1:10: error: unsupported version 99999999999999999999; this kinde-props"
                + " reads version 1");
  }

  @Test
  void hugeAndInfiniteNumbersElsewhereSayToQuoteThem() {
    Path file =
        write(
            dir,
            "a.yaml",
            "version: 1\n"
                + "properties:\n"
                + "  region: {name: 99999999999999999999, category: 1e400, private: true}\n");

    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":3:18: error: value 99999999999999999999 for 'name' is a number; quote it:"
                + " \"99999999999999999999\"",
            file + ":3:50: error: value 1e400 for 'category' is a number; quote it: \"1e400\"");
  }
}
