package dev.kindeprops.cli;

import dev.kindeprops.plan.Plan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --environment NAME}: the environment a plan or a drift check is of, by name. */
public final class EnvironmentOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  private String name;

  @Option(
      names = "--environment",
      paramLabel = "NAME",
      description =
          "The environment these manifests and this target are, such as production: named in"
              + " the report's heading, and kept in a saved plan. Letters, digits, '.', '_' and"
              + " '-'.")
  void name(String value) {
    if (!Plan.ENVIRONMENT_NAME.matcher(value).matches()) {
      throw new ParameterException(
          command.commandLine(),
          "Invalid value for option '--environment': expected letters, digits, '.', '_' or '-'"
              + " (at most 64, starting with a letter or digit), not '"
              + value
              + "'");
    }
    name = value;
  }

  /** The name given, or null. */
  String get() {
    return name;
  }
}
