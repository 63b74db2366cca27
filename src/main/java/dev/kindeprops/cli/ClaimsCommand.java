package dev.kindeprops.cli;

import dev.kindeprops.engine.ClaimsUseCase;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.render.ClaimsRenderer;
import dev.kindeprops.render.ClaimsView;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kinde-props claims}: the {@code application_properties} claim each managed application's
 * M2M token will carry. From the manifests alone, offline; with {@code --state}, the live toggles
 * of properties the manifests do not manage are included too, as they stay in the token.
 */
@Command(
    name = "claims",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the token claims each application will carry, as JSON.",
      "One application_properties object per managed application, offline from the",
      "manifests alone; with --state, also the live toggles of properties the",
      "manifests do not manage (they stay in the token)."
    },
    footer = {
      "",
      "Sensitive values print as (sensitive), here and in every other output.",
      "",
      "Exit codes: 0 success, 1 error.",
      "",
      "Examples:",
      "  kinde-props claims -f examples/quickstart",
      "  kinde-props claims -f examples/quickstart --app billing-worker",
      "  kinde-props claims -f manifests/ --state kinde-state.json"
    })
final class ClaimsCommand extends Subcommand {
  @Mixin ManifestOptions manifests;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = "A local state file whose toggles of unmanaged properties are included.")
  Path state;

  @Mixin ApplicationOption app;

  @Override
  public Integer call() {
    DesiredState desired = manifests.load(console);
    ClaimsView view =
        new ClaimsView(
            ClaimsUseCase.run(new ClaimsUseCase.Request(desired, state, app.name)),
            desired.sensitiveProperties());
    print(new ClaimsRenderer().render(view));
    return ExitCode.OK;
  }
}
