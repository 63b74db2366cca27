package dev.kindeprops.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one filter between kinde-props and a terminal or CI log: names and messages from manifests
 * and from Kinde (category and application names, descriptions, Kinde's error messages) are printed
 * as text, never as terminal commands. Control characters other than newline and tab (so escape
 * sequences, carriage returns, bells), DEL, the C1 controls and the Unicode bidirectional controls
 * are written as {@code \}{@code u001b}-style escapes, which also keeps JSON output valid and
 * equal. Where colour is allowed, exactly the colour sequences kinde-props itself prints pass.
 *
 * <p>It works on whole lines (and on each flush), so a prompt without a newline still shows.
 */
final class TerminalSafeStream extends OutputStream {
  private static final char ESCAPE = '\u001b';

  /** The sequences {@code render.Style} prints: reset, bold, dim, red, green, yellow, cyan. */
  private static final List<String> OWN_COLOURS =
      List.of("[0m", "[1m", "[2m", "[31m", "[32m", "[33m", "[36m");

  private final OutputStream out;
  private final boolean colour;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private TerminalSafeStream(OutputStream out, boolean colour) {
    this.out = out;
    this.colour = colour;
  }

  /**
   * A print stream that writes to {@code out} through this filter.
   *
   * @param colour whether kinde-props's own colour sequences may pass (on a terminal)
   */
  static PrintStream over(OutputStream out, boolean colour) {
    return new PrintStream(new TerminalSafeStream(out, colour), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      emit();
    }
  }

  /** Writes the complete lines of the bytes at once, and keeps the rest until its line ends. */
  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    int end = offset + length;
    int lastNewline = -1;
    for (int i = end - 1; i >= offset; i--) {
      if (bytes[i] == '\n') {
        lastNewline = i;
        break;
      }
    }
    if (lastNewline < 0) {
      line.write(bytes, offset, length);
      return;
    }
    line.write(bytes, offset, lastNewline + 1 - offset);
    emit();
    line.write(bytes, lastNewline + 1, end - lastNewline - 1);
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
  }

  private void emit() throws IOException {
    if (line.size() == 0) {
      return;
    }
    byte[] bytes = line.toByteArray();
    line.reset();
    if (plain(bytes)) {
      out.write(bytes);
    } else {
      String text = new String(bytes, StandardCharsets.UTF_8);
      out.write(safe(text, colour).getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Whether the bytes cannot hold anything to escape: no control byte, and none of the lead bytes
   * of the C1 controls ({@code C2}), the bidirectional controls ({@code E2}) and the Arabic letter
   * mark ({@code D8}).
   */
  private static boolean plain(byte[] bytes) {
    for (byte b : bytes) {
      int u = b & 0xff;
      if ((u < 0x20 && u != '\n' && u != '\t')
          || u == 0x7f
          || u == 0xc2
          || u == 0xe2
          || u == 0xd8) {
        return false;
      }
    }
    return true;
  }

  /** The text with everything a terminal would act on escaped. */
  static String safe(String text, boolean colour) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ESCAPE && colour) {
        String own = ownColourAt(text, i + 1);
        if (own != null) {
          out.append(c).append(own);
          i += 1 + own.length();
          continue;
        }
      }
      if (acted(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
      i++;
    }
    return out.toString();
  }

  private static String ownColourAt(String text, int from) {
    for (String own : OWN_COLOURS) {
      if (text.startsWith(own, from)) {
        return own;
      }
    }
    return null;
  }

  /** Whether a terminal would act on the character rather than show it. */
  private static boolean acted(char c) {
    return (c < 0x20 && c != '\n' && c != '\t')
        || (c >= 0x7f && c <= 0x9f)
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u061c';
  }
}
