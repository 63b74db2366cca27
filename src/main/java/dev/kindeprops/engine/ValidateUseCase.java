package dev.kindeprops.engine;

import dev.kindeprops.manifest.LoadResult;
import dev.kindeprops.manifest.ManifestLoader;
import dev.kindeprops.manifest.Variables;
import java.nio.file.Path;
import java.util.List;

/** {@code validate}: loads manifests and checks every rule, collecting every problem at once. */
public final class ValidateUseCase {
  private ValidateUseCase() {}

  /**
   * @param paths manifest files and directories
   * @param variables what {@code ${env:…}} and {@code ${var:…}} resolve against
   */
  public record Request(List<Path> paths, Variables variables) {
    public Request {
      paths = List.copyOf(paths);
    }
  }

  public static LoadResult run(Request request) {
    return ManifestLoader.load(request.paths(), request.variables());
  }
}
