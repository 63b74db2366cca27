package dev.kindeprops.cli;

import dev.kindeprops.engine.PlanUseCase;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.render.OutputFormat;
import dev.kindeprops.render.PlanMarkdownRenderer;
import dev.kindeprops.render.PlanView;
import dev.kindeprops.render.Renderers;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kinde-props plan}: compares the manifests with the live state and shows the changes {@code
 * apply} would make and the token claims each application will receive. Changes nothing.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show what apply would change and the token claims that result.",
      "Compares the manifests with the live state and shows the M2M token claims each",
      "application will receive. Changes nothing."
    },
    footer = {
      "",
      "Formats:",
      "  text      a Terraform-style plan (colour on a terminal unless --no-color)",
      "  json      the plan as JSON (schemas/plan.schema.json): values in clear but",
      "            sensitive ones, which are sealed (a salted SHA-256)",
      "  markdown  a pull-request comment, under 60,000 characters",
      "",
      "Exit codes: 0 success, 1 error; with --detailed-exitcode, 2 for changes.",
      "",
      "Examples:",
      "  kinde-props plan -f examples/quickstart \\",
      "      --state examples/quickstart/kinde-state.json",
      "  kinde-props plan -f manifests/ --out plan.json --detailed-exitcode",
      "  kinde-props plan -f manifests/ --observe-claims",
      "  kinde-props plan -f manifests/ --format markdown > comment.md",
      "  kinde-props plan -f kinde/shared -f kinde/production \\",
      "      --var-file kinde/variables/production.yaml --environment production"
    })
final class PlanCommand extends Subcommand {
  @Mixin ManifestOptions manifests;

  @Mixin TargetOptions target;

  @Mixin
  FormatOption format =
      new FormatOption(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MARKDOWN);

  @Option(
      names = "--out",
      paramLabel = "PLAN",
      description =
          "Also save the plan as JSON (readable by its owner alone), for `kinde-props apply"
              + " PLAN -f PATH`.")
  Path out;

  @Option(
      names = "--force",
      description =
          "Let --out replace a file that is not a plan file kinde-props wrote (never one of the"
              + " command's inputs).")
  boolean force;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit with 2 when the plan has changes (0 when it has none, 1 on error).")
  boolean detailedExitCode;

  @Mixin ObserveClaimsOptions observe;

  @Mixin EnvironmentOption environment;

  @Override
  public Integer call() {
    DesiredState desired = manifests.load(console);
    Plan plan =
        PlanUseCase.run(
            new PlanUseCase.Request(
                desired,
                target.spec(console, common.verbose()),
                observe.audiences(desired),
                out,
                force,
                manifests.inputs(),
                environment.get()));
    PlanView view = PlanView.of(plan);
    Renderers.plan(format.get(), common.color(console)).write(view, console.out());
    console.out().flush();
    StepSummary.append(console, () -> new PlanMarkdownRenderer().render(view));
    if (out != null) {
      console
          .err()
          .println(
              "Saved the plan to "
                  + out
                  + ". Apply exactly this plan with: kinde-props apply "
                  + out
                  + manifests.arguments()
                  + (target.hasState() ? " --state " + target.state() : ""));
      console.err().flush();
    }
    return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
  }
}
