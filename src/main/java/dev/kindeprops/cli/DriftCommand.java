package dev.kindeprops.cli;

import dev.kindeprops.engine.DriftUseCase;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.DriftReport;
import dev.kindeprops.render.DriftMarkdownRenderer;
import dev.kindeprops.render.DriftView;
import dev.kindeprops.render.OutputFormat;
import dev.kindeprops.render.Renderers;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kinde-props drift}: the plan {@code plan} would show, reported as drift, with known drift
 * accepted by an ignore file and each change attributed to the side that moved since a baseline.
 */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Report drift: where the live state differs from the manifests.",
      "The changes plan would show, reported as drift. Known drift listed in an",
      "ignore file does not count; with a baseline snapshot, each change says",
      "whether the live side or the manifests moved."
    },
    footer = {
      "",
      "Ignore file: one address pattern per line, then an optional reason; # comments.",
      "  '*' matches within one segment, '**' across segments; a pattern that names a",
      "  parent (application.billing-worker) covers everything below it. Patterns that",
      "  match nothing are reported as stale.",
      "",
      "Formats:",
      "  text      the report (colour on a terminal unless --no-color)",
      "  json      the report as JSON (schemas/drift.schema.json)",
      "  markdown  for an issue or a job summary, under 60,000 characters",
      "  github    GitHub Actions annotations at the manifest lines, then the summary",
      "With GITHUB_STEP_SUMMARY set, the markdown report is also appended to it.",
      "",
      "Exit codes: 0 no drift, 2 drift, 1 error.",
      "",
      "Examples:",
      "  kinde-props drift -f examples/quickstart \\",
      "      --state examples/quickstart/kinde-state.json",
      "  kinde-props drift -f kinde --ignore .kinde-props-ignore \\",
      "      --baseline baseline.json",
      "  kinde-props drift -f kinde --format markdown > drift.md"
    })
final class DriftCommand extends Subcommand {
  @Mixin ManifestOptions manifests;

  @Mixin TargetOptions target;

  @Option(
      names = "--ignore",
      paramLabel = "FILE",
      description = "Known, accepted drift: one address pattern per line, then the reason.")
  Path ignore;

  @Option(
      names = "--baseline",
      paramLabel = "STATEFILE",
      description =
          "A snapshot of the live state taken after the last apply (export --state-out), to"
              + " tell whether the live side or the manifests moved.")
  Path baseline;

  @Mixin ObserveClaimsOptions observe;

  @Mixin EnvironmentOption environment;

  @Mixin
  FormatOption format =
      new FormatOption(
          OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MARKDOWN, OutputFormat.GITHUB);

  @Override
  public Integer call() {
    DesiredState desired = manifests.load(console);
    DriftReport report =
        DriftUseCase.run(
            new DriftUseCase.Request(
                desired,
                target.spec(console, common.verbose()),
                observe.audiences(desired),
                ignore,
                baseline,
                environment.get()));
    DriftView view = DriftView.of(report, desired);
    print(Renderers.drift(format.get(), common.color(console)).render(view));
    StepSummary.append(console, () -> new DriftMarkdownRenderer().render(view));
    return report.hasDrift() ? ExitCode.CHANGES : ExitCode.OK;
  }
}
