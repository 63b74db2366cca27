package dev.kindeprops.engine;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import java.nio.file.Path;

/**
 * {@code show}: reads a saved plan, refusing it as {@code apply} does when its file is not intact.
 * Needs no target and no manifests.
 */
public final class ShowUseCase {
  private ShowUseCase() {}

  /**
   * @param planFile a plan saved with {@code plan --out}
   */
  public record Request(Path planFile) {}

  /**
   * The saved plan, its sensitive values sealed.
   *
   * @throws UserError when the file is missing, not a plan, or changed after kinde-props wrote it
   */
  public static Plan run(Request request) {
    return read(request.planFile());
  }

  /** Reads a saved plan: the one place that does, for {@code show} and {@code apply}. */
  static Plan read(Path file) {
    return PlanCodec.read(file.toString(), TextFiles.read(file, "plan file", file.toString()));
  }
}
