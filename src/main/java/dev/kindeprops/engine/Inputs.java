package dev.kindeprops.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * The files a run reads besides its target, which none of its outputs may overwrite.
 *
 * @param manifests the manifest files read ({@code -f}, directories expanded)
 * @param varFile {@code --var-file}, or null
 */
public record Inputs(List<Path> manifests, Path varFile) {
  /** A run that reads no manifests and no variables. */
  public static final Inputs NONE = new Inputs(List.of(), null);

  public Inputs {
    manifests = List.copyOf(manifests);
  }
}
