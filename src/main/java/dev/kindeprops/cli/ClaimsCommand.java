package dev.kindeprops.cli;

import dev.kindeprops.live.Target;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.PropertyDefinition;
import dev.kindeprops.plan.ApplicationClaims;
import dev.kindeprops.plan.ExpectedClaims;
import dev.kindeprops.render.ClaimsRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
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
      "Sensitive values print as (sensitive); plan --format json shows them.",
      "",
      "Exit codes: 0 success, 1 error.",
      "",
      "Examples:",
      "  kinde-props claims -f examples/quickstart",
      "  kinde-props claims -f examples/quickstart --app billing-worker",
      "  kinde-props claims -f manifests/ --state kinde-state.json"
    })
final class ClaimsCommand implements Callable<Integer> {
  /** Application names listed in an error before the rest are only counted. */
  private static final int MAX_NAMES = 20;

  private final Console console;

  @Mixin ManifestOptions manifests;

  @Option(
      names = "--state",
      paramLabel = "FILE",
      description = "A local state file whose toggles of unmanaged properties are included.")
  Path state;

  @Option(
      names = "--app",
      paramLabel = "NAME",
      description = "Only this application (its local name in the manifests).")
  String app;

  @Mixin CommonOptions common;

  ClaimsCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    DesiredState desired = manifests.load(console).state();
    if (app != null && !desired.applications().containsKey(app)) {
      throw new UserException(unknownApplication(desired, app));
    }
    SortedMap<String, ApplicationClaims> claims;
    if (state == null) {
      claims = ExpectedClaims.of(desired);
    } else {
      TargetOptions target = new TargetOptions();
      target.state = state;
      try (Target live = target.open(console, common.verbose())) {
        claims = Planning.plan(console, desired, live).claims();
      }
    }
    if (app != null) {
      claims = new TreeMap<>(claims.subMap(app, app + "\0"));
    }
    TreeSet<String> sensitive = new TreeSet<>();
    desired.properties().values().stream()
        .filter(PropertyDefinition::sensitive)
        .forEach(p -> sensitive.add(p.key()));
    console.out().print(ClaimsRenderer.json(claims, sensitive));
    console.out().flush();
    return ExitCode.OK;
  }

  /** Names the applications there are, when {@code app} is not one of them. */
  static String unknownApplication(DesiredState desired, String app) {
    List<String> names = new ArrayList<>(desired.applications().keySet());
    String listed =
        names.isEmpty()
            ? "the manifests list no applications"
            : "the manifests list "
                + String.join(", ", names.subList(0, Math.min(MAX_NAMES, names.size())))
                + (names.size() > MAX_NAMES ? " and " + (names.size() - MAX_NAMES) + " more" : "");
    return "no application named \"" + app + "\": " + listed;
  }
}
