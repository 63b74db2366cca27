package dev.kindeprops.manifest;

import static dev.kindeprops.manifest.Manifests.lines;
import static dev.kindeprops.manifest.Manifests.load;
import static dev.kindeprops.manifest.Manifests.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading is safe on hostile input: bounded aliases, nesting and size, no objects from tags. Small
 * hostile inputs are case folders under {@code src/test/resources/hostile-input/} (see {@link
 * Manifests#assertCase}); the large ones are generated here.
 */
class HostileInputTest {
  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> refusesItWhereItIs() {
    return Manifests.caseTests(Path.of("src/test/resources/hostile-input"));
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder yaml = new StringBuilder("version: 1\nlol0: &lol0 [lol, lol, lol, lol, lol]\n");
    for (int level = 1; level <= 9; level++) {
      yaml.append("lol").append(level).append(": &lol").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append("*lol").append(level - 1);
      }
      yaml.append("]\n");
    }
    Path file = write(dir, "bomb.yaml", yaml.toString());
    assertThat(lines(load(file)))
        .singleElement()
        .asString()
        .startsWith(file + ": error: aliases expand this file to more than ")
        .endsWith(" nodes; refusing it (an alias bomb?)");
  }

  @Test
  void tooManyAliasesAreRefusedWhereTheyAre() {
    StringBuilder yaml = new StringBuilder("version: 1\nbase: &b [x]\nmany:\n");
    for (int i = 0; i < 150; i++) {
      yaml.append("  - *b\n");
    }
    Path file = write(dir, "aliases.yaml", yaml.toString());
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":104:5: error: more than 100 aliases in one file; aliases are limited to keep"
                + " loading safe");
  }

  @Test
  void twentyThousandLevelsOfFlowNestingGiveAnErrorNotAStackOverflow() {
    Path file =
        write(dir, "deep.yaml", "version: 1\nx: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n");
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":2:67: error: lists and maps nest more than 64 levels deep; a manifest needs"
                + " only four");
  }

  @Test
  void twentyThousandLevelsOfBlockNestingGiveAnErrorNotAStackOverflow() {
    Path file = write(dir, "deep.yaml", "version: 1\nx:\n" + "- ".repeat(20_000) + "end\n");
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":3:127: error: lists and maps nest more than 64 levels deep; a manifest needs"
                + " only four");
  }

  @Test
  void aliasesNestingPastTheLimitAreRefusedWhereTheyAre() {
    String deep = "[".repeat(40) + "]".repeat(40);
    Path file =
        write(
            dir,
            "deep.yaml",
            "version: 1\nbase: &deep "
                + deep
                + "\nx: "
                + "[".repeat(30)
                + "*deep"
                + "]".repeat(30));
    assertThat(lines(load(file)))
        .contains(
            file
                + ":3:34: error: through this alias, lists and maps nest more than 64 levels deep;"
                + " a manifest needs only four");
  }

  @Test
  void sixtyMegabyteFileIsRefusedBySizeBeforeReading() throws IOException {
    Path file = dir.resolve("huge.yaml");
    // A sparse file: 60 MiB long without writing 60 MiB.
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(60L * 1024 * 1024);
    }
    assertThat(lines(load(file)))
        .containsExactly(file + ": error: file is 60.0 MiB, over the 8.0 MiB limit for one file");
  }
}
