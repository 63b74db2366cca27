package dev.kindeprops.cli;

import dev.kindeprops.io.AtomicFile;
import dev.kindeprops.live.Target;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import dev.kindeprops.render.PlanMarkdownRenderer;
import dev.kindeprops.render.PlanTextRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
      "Show the changes apply would make and the token claims they produce.",
      "Compares the manifests with the live state and shows the M2M token claims each",
      "application will receive. Changes nothing."
    },
    footer = {
      "",
      "Output:",
      "  text      a Terraform-style plan (colour on a terminal unless --no-color)",
      "  json      the plan as JSON (schemas/plan.schema.json), values unmasked",
      "  markdown  a pull-request comment, under 60,000 characters",
      "",
      "Exit codes: 0 success, 1 error; with --detailed-exitcode, 2 for changes.",
      "",
      "Examples:",
      "  kinde-props plan -f examples/quickstart \\",
      "      --state examples/quickstart/kinde-state.json",
      "  kinde-props plan -f manifests/ --out plan.json --detailed-exitcode",
      "  kinde-props plan -f manifests/ --observe-claims",
      "  kinde-props plan -f manifests/ --format markdown > comment.md"
    })
final class PlanCommand implements Callable<Integer> {
  private final Console console;

  @Mixin ManifestOptions manifests;

  @Mixin TargetOptions target;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description = "text (default), json or markdown.")
  Format format;

  @Option(
      names = "--out",
      paramLabel = "PLAN",
      description = "Also save the plan as JSON, for `kinde-props apply PLAN`.")
  Path out;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit with 2 when the plan has changes (0 when it has none, 1 on error).")
  boolean detailedExitCode;

  @Mixin ObserveClaimsOptions observe;

  @Mixin CommonOptions common;

  PlanCommand(Console console) {
    this.console = console;
  }

  enum Format {
    TEXT,
    JSON,
    MARKDOWN
  }

  static final class FormatConverter extends LowerCaseEnumConverter<Format> {
    FormatConverter() {
      super(Format.class);
    }
  }

  @Override
  public Integer call() {
    DesiredState desired = manifests.load(console).state();
    Plan plan;
    try (Target live = target.open(console, common.verbose())) {
      plan = Planning.plan(console, desired, live, observe.audiences(desired));
    }
    String rendered =
        switch (format) {
          case TEXT -> PlanTextRenderer.render(plan, common.color(console));
          case JSON -> PlanCodec.write(plan);
          case MARKDOWN -> PlanMarkdownRenderer.render(plan);
        };
    console.out().print(rendered);
    console.out().flush();
    StepSummary.append(
        console, format == Format.MARKDOWN ? rendered : PlanMarkdownRenderer.render(plan));
    if (out != null) {
      save(plan, out);
      console
          .err()
          .println(
              "Saved the plan to "
                  + out
                  + ". Apply exactly this plan with: kinde-props apply "
                  + out
                  + (target.hasState() ? " --state " + target.state() : ""));
      console.err().flush();
    }
    return detailedExitCode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
  }

  private static void save(Plan plan, Path file) {
    try {
      AtomicFile.write(file, PlanCodec.write(plan).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserException("cannot save the plan to " + file + ": " + e.getMessage());
    }
  }
}
