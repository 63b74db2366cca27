package dev.kindeprops.cli;

import dev.kindeprops.engine.ShowUseCase;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.render.OutputFormat;
import dev.kindeprops.render.PlanView;
import dev.kindeprops.render.Renderers;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kinde-props show}: prints a saved plan, as {@code plan} printed it. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print a saved plan, as plan printed it.",
      "Reads a plan saved with kinde-props plan --out. Needs no target and no",
      "manifests. Sensitive values print as (sensitive): the file holds them only",
      "sealed. A plan file changed after kinde-props wrote it is refused, as apply",
      "refuses it."
    },
    footer = {
      "",
      "Formats:",
      "  text      a Terraform-style plan (colour on a terminal unless --no-color)",
      "  json      the plan file itself (schemas/plan.schema.json), sensitive values",
      "            sealed",
      "  markdown  a pull-request comment, under 60,000 characters",
      "",
      "Exit codes: 0 success, 1 error (missing, unreadable or edited plan file).",
      "",
      "Examples:",
      "  kinde-props show plan.json",
      "  kinde-props show plan.json --format markdown > comment.md"
    })
final class ShowCommand extends Subcommand {
  @Parameters(
      index = "0",
      paramLabel = "PLAN",
      description = "A plan saved with `kinde-props plan --out PLAN`.")
  Path planFile;

  @Mixin
  FormatOption format =
      new FormatOption(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MARKDOWN);

  @Override
  public Integer call() {
    Plan plan = ShowUseCase.run(new ShowUseCase.Request(planFile));
    print(Renderers.plan(format.get(), common.color(console)).render(PlanView.of(plan)));
    return ExitCode.OK;
  }
}
