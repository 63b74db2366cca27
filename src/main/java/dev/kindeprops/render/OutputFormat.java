package dev.kindeprops.render;

import java.util.Locale;

/** The forms a report comes in, chosen with {@code --format}; each command offers some of them. */
public enum OutputFormat {
  /** For people at a terminal or reading a CI log. */
  TEXT,
  /** For scripts. */
  JSON,
  /** For a pull-request comment, an issue or a job summary. */
  MARKDOWN,
  /** GitHub Actions workflow commands that annotate lines of a pull request. */
  GITHUB;

  /** The name {@code --format} takes. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
