package dev.kindeprops.cli;

import dev.kindeprops.engine.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level command: takes the options every command takes, for the command after it; given no
 * command, prints the usage on standard error and fails.
 */
@Command(
    name = "kinde-props",
    mixinStandardHelpOptions = true,
    versionProvider = KindePropsCommand.VersionProvider.class,
    description = {
      "Keep Kinde application properties, their values and M2M token claims in git:",
      "validate manifests, plan against the live state, apply reviewed plans, and",
      "detect drift."
    },
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      ShowCommand.class,
      DriftCommand.class,
      ClaimsCommand.class,
      VerifyCommand.class,
      ExportCommand.class,
      SchemaCommand.class,
      CompletionCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success (nothing differs), 1 error,",
      "            2 changes, drift or claim mismatches.",
      "Targets:    --state FILE (a local state file), or the Kinde Management API",
      "            with KINDE_DOMAIN, KINDE_MANAGEMENT_CLIENT_ID and",
      "            KINDE_MANAGEMENT_CLIENT_SECRET in the environment.",
      "",
      "Run 'kinde-props COMMAND --help' for a command's options and examples."
    })
final class KindePropsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.ERROR;
  }

  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kinde-props " + Version.current()};
    }
  }
}
