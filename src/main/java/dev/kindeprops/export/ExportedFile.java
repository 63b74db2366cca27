package dev.kindeprops.export;

import java.util.Objects;

/**
 * One manifest file of an export.
 *
 * @param path where it goes, relative to the output directory, with {@code /} between parts
 * @param text its content: UTF-8, {@code \n} line ends, a final newline
 */
public record ExportedFile(String path, String text) {
  public ExportedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(text, "text");
  }
}
