package dev.kindeprops.manifest;

import static dev.kindeprops.manifest.Manifests.lines;
import static dev.kindeprops.manifest.Manifests.load;
import static dev.kindeprops.manifest.Manifests.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading is safe on hostile input: bounded aliases, nesting and size, no objects from tags. */
class HostileInputTest {
  @TempDir Path dir;

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
  void recursiveAliasIsRefused() {
    Path file = write(dir, "loop.yaml", "version: 1\nloop: &a [x, *a]\n");
    assertThat(lines(load(file)))
        .contains(
            file
                + ":2:7: error: an alias refers to a list or map that contains it; remove the loop");
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
  void sixtyMegabyteFileIsRefusedBySizeBeforeReading() throws IOException {
    Path file = dir.resolve("huge.yaml");
    // A sparse file: 60 MiB long without writing 60 MiB.
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(60L * 1024 * 1024);
    }
    assertThat(lines(load(file)))
        .containsExactly(file + ": error: file is 60.0 MiB, over the 8.0 MiB limit for one file");
  }

  @Test
  void controlCharacterIsRefusedWhereItIs() {
    Path file = write(dir, "a.yaml", "version: 1\nx: a\u0007b\n");
    assertThat(lines(load(file)))
        .containsExactly(
            file + ":2:5: error: control character U+0007 is not allowed in YAML; remove it");
  }

  @Test
  void nonScalarKeysAreRefused() {
    Path file = write(dir, "a.yaml", "version: 1\n? [a, b]\n: c\n");
    assertThat(lines(load(file)))
        .containsExactly(file + ":2:3: error: a key must be a plain string, not a list or map");
  }

  /** Merge keys would copy maps while composing, growing a small file before any limit applies. */
  @Test
  void mergeKeysAreNotExpanded() {
    Path file =
        write(
            dir,
            "a.yaml",
            "version: 1\nprofiles:\n  base: &base {values: {}}\n  pro:\n    <<: *base\n");
    assertThat(lines(load(file)))
        .contains(
            file
                + ":5:5: error: YAML merge keys ('<<') are not supported in profile 'pro'; use"
                + " profiles to share values");
  }
}
