package dev.kindeprops.json;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;

/**
 * The one layout of every JSON file kinde-props writes (plans, state files, claims): two-space
 * indentation, {@code "name": value}, {@code []} and {@code {}} for empty containers, {@code \n}
 * line ends on every platform and a final newline, so equal content is byte-identical.
 */
public final class PrettyJson {
  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
  private static final ObjectWriter WRITER =
      Json.MAPPER
          .writer()
          .with(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                          .withObjectEmptySeparator("")
                          .withArrayEmptySeparator(""))
                  .withObjectIndenter(INDENT)
                  .withArrayIndenter(INDENT));

  private PrettyJson() {}

  /** The node as pretty JSON text ending in a newline. */
  public static String write(JsonNode node) {
    return WRITER.writeValueAsString(node) + "\n";
  }

  /**
   * Writes the node as {@link #write(JsonNode)} gives it, in UTF-8, straight to the stream (which
   * stays open), so that a large document never exists as one string.
   */
  public static void write(JsonNode node, OutputStream out) throws IOException {
    OutputStream open =
        new FilterOutputStream(out) {
          @Override
          public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
    try {
      WRITER.writeValue(open, node);
    } catch (JacksonIOException e) {
      throw e.getCause(); // the stream's own failure, such as a full disk
    }
    out.write('\n');
  }
}
