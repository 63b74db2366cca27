package dev.kindeprops.manifest;

import dev.kindeprops.diag.SourceLocation;

/** A problem that stops one YAML file from being read any further, with where it is. */
final class YamlProblem extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient SourceLocation location;

  YamlProblem(SourceLocation location, String message) {
    super(message, null, false, false);
    this.location = location;
  }

  SourceLocation location() {
    return location;
  }
}
