package dev.kindeprops.cli;

import dev.kindeprops.engine.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: prints help when given no subcommand. */
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
      DriftCommand.class,
      ClaimsCommand.class,
      VerifyCommand.class,
      ExportCommand.class,
      SchemaCommand.class
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
final class KindePropsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kinde-props " + Version.current()};
    }
  }
}
