package dev.kindeprops.manifest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code ${env:NAME}} and {@code ${var:NAME}} resolve against.
 *
 * @param env the environment of the run (never read from {@code System} here, so tests stay
 *     hermetic); an empty variable counts as unset
 * @param varFile a YAML map of variable names to values ({@code --var-file}), or null
 * @param vars variables given on the command line ({@code --var NAME=VALUE}); they win over the
 *     file
 */
public record Variables(Map<String, String> env, Path varFile, Map<String, String> vars) {

  public Variables {
    env = Map.copyOf(Objects.requireNonNull(env, "env"));
    vars = vars == null ? Map.of() : Map.copyOf(vars);
  }

  /** Only the environment: no variables. */
  public static Variables ofEnv(Map<String, String> env) {
    return new Variables(env, null, Map.of());
  }
}
