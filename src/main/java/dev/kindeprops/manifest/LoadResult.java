package dev.kindeprops.manifest;

import dev.kindeprops.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of loading manifests.
 *
 * @param state the desired state, or null when there are errors
 * @param diagnostics every error and warning of the run, sorted by location
 * @param files the manifest files read, in load order, named as the user gave them or as found
 *     under the given directory
 */
public record LoadResult(DesiredState state, List<Diagnostic> diagnostics, List<Path> files) {

  public LoadResult {
    diagnostics = List.copyOf(diagnostics);
    files = List.copyOf(files);
  }

  /** Whether the manifests are valid, so that {@link #state()} is there. */
  public boolean ok() {
    return state != null;
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return diagnostics.size() - errorCount();
  }
}
