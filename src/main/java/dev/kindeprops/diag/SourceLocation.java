package dev.kindeprops.diag;

import java.util.Objects;

/**
 * A place in an input file. Lines and columns count from 1; a column of 0 means the whole line, and
 * a line of 0 means the whole file.
 */
public record SourceLocation(String file, int line, int column)
    implements Comparable<SourceLocation> {

  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must not be negative");
    }
  }

  /** A location naming only a file, for problems with no better position. */
  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  @Override
  public int compareTo(SourceLocation other) {
    int byFile = file.compareTo(other.file);
    if (byFile != 0) {
      return byFile;
    }
    int byLine = Integer.compare(line, other.line);
    return byLine != 0 ? byLine : Integer.compare(column, other.column);
  }

  /** {@code file}, {@code file:line} or {@code file:line:col}, as compilers print it. */
  @Override
  public String toString() {
    if (line == 0) {
      return file;
    }
    return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
