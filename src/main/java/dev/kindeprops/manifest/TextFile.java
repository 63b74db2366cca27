package dev.kindeprops.manifest;

import dev.kindeprops.diag.Diagnostics;
import dev.kindeprops.diag.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an input file as strict UTF-8 text, refusing files that are too big, binary or not UTF-8.
 */
final class TextFile {
  private TextFile() {}

  /**
   * The text of the file without a byte-order mark, or null after reporting why it cannot be used.
   *
   * @param name the file's name in messages
   */
  static String read(Path path, String name, Diagnostics diagnostics) {
    SourceLocation file = SourceLocation.ofFile(name);
    byte[] bytes;
    try {
      // The size is checked first so that a huge file is never read.
      long size = Files.size(path);
      if (size > Limits.MAX_FILE_BYTES) {
        diagnostics.error(file, tooBig(size));
        return null;
      }
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes((int) Limits.MAX_FILE_BYTES + 1);
      }
    } catch (IOException e) {
      diagnostics.error(file, "cannot read the file: " + reason(e));
      return null;
    }
    if (bytes.length > Limits.MAX_FILE_BYTES) {
      diagnostics.error(file, tooBig(bytes.length));
      return null;
    }
    return decode(bytes, name, diagnostics);
  }

  /** A one-line reason for an I/O failure, without a stack trace. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String tooBig(long size) {
    return "file is "
        + Limits.mebibytes(size)
        + ", over the "
        + Limits.mebibytes(Limits.MAX_FILE_BYTES)
        + " limit for one file";
  }

  private static String decode(byte[] bytes, String name, Diagnostics diagnostics) {
    if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0xFF, 0xFE)) {
      diagnostics.error(
          SourceLocation.ofFile(name), "file is UTF-16 text; save it as UTF-8 (without a BOM)");
      return null;
    }
    int start = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        diagnostics.error(
            new SourceLocation(name, lineOf(bytes, start, i), 0),
            "binary file (it holds NUL bytes), not YAML text");
        return null;
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length - start);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      diagnostics.error(
          new SourceLocation(name, lineOf(bytes, start, offset), columnOf(bytes, start, offset)),
          String.format(
              "bytes that are not UTF-8 (0x%02X at byte offset %d); save the file as UTF-8",
              bytes[offset] & 0xFF, offset));
      return null;
    }
    out.flip();
    return out.toString();
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int lineOf(byte[] bytes, int start, int offset) {
    int line = 1;
    for (int i = start; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The column, in characters, of a byte offset whose line decodes cleanly up to it. */
  private static int columnOf(byte[] bytes, int start, int offset) {
    int lineStart = offset;
    while (lineStart > start && bytes[lineStart - 1] != '\n') {
      lineStart--;
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    return before.codePointCount(0, before.length()) + 1;
  }
}
