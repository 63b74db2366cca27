package dev.kindeprops.render;

import dev.kindeprops.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** GitHub Actions workflow commands, such as {@code ::error file=a.yaml,line=3,col=5::message}. */
final class GitHub {
  private GitHub() {}

  /**
   * One workflow command line.
   *
   * @param at the file, line and column it annotates, or null for none
   * @param title the annotation's title, or null for none
   */
  static String command(String command, SourceLocation at, String title, String message) {
    List<String> properties = new ArrayList<>();
    if (at != null) {
      properties.add("file=" + escapeProperty(at.file()));
      if (at.line() > 0) {
        properties.add("line=" + at.line());
        if (at.column() > 0) {
          properties.add("col=" + at.column());
        }
      }
    }
    if (title != null) {
      properties.add("title=" + escapeProperty(title));
    }
    return "::"
        + command
        + (properties.isEmpty() ? "" : " " + String.join(",", properties))
        + "::"
        + escapeData(message)
        + "\n";
  }

  /** A message as GitHub reads it: {@code %}, CR and LF escaped. */
  static String escapeData(String value) {
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value as GitHub reads it: also {@code :} and {@code ,} escaped. */
  static String escapeProperty(String value) {
    return escapeData(value).replace(":", "%3A").replace(",", "%2C");
  }
}
