package dev.kindeprops.manifest;

/**
 * The bounds that keep loading safe on hostile input. docs/manifests.md lists them; a real manifest
 * stays far inside every one.
 */
final class Limits {
  /** Files larger than this are refused before they are read. */
  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  /** Maps and lists may nest this deep; a manifest needs four levels. */
  static final int MAX_DEPTH = 64;

  /** Aliases ({@code *name}) allowed in one file. */
  static final int MAX_ALIASES = 100;

  /** How many nodes aliases may add to a document beyond one per character of its text. */
  static final int ALIAS_EXPANSION_NODES = 100_000;

  private Limits() {}

  /** A byte count in MiB for messages, such as {@code 60.0 MiB}. */
  static String mebibytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
