package dev.kindeprops.cli;

import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.ApplicationClaims;
import dev.kindeprops.plan.Drift;
import dev.kindeprops.plan.DriftReport;
import dev.kindeprops.plan.IgnoreFile;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.render.DiagnosticRenderer;
import dev.kindeprops.render.DriftRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
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
      "Report drift: where the live state no longer matches the manifests.",
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
final class DriftCommand implements Callable<Integer> {
  private final Console console;

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

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description = "text (default), json, markdown or github.")
  Format format;

  @Mixin CommonOptions common;

  DriftCommand(Console console) {
    this.console = console;
  }

  enum Format {
    TEXT,
    JSON,
    MARKDOWN,
    GITHUB
  }

  static final class FormatConverter extends LowerCaseEnumConverter<Format> {
    FormatConverter() {
      super(Format.class);
    }
  }

  @Override
  public Integer call() {
    DesiredState desired = manifests.load(console).state();
    IgnoreFile rules = ignore == null ? IgnoreFile.none() : readIgnoreFile(ignore);
    Plan plan;
    try (Target live = target.open(console, common.verbose())) {
      plan = Planning.plan(console, desired, live, observe.audiences(desired));
    }
    StateFile baselineFile = baseline == null ? null : new StateFile(baseline);
    LiveState snapshot = baselineFile == null ? null : readBaseline(plan);
    DriftReport report =
        Drift.report(
            plan,
            snapshot,
            baselineFile == null ? null : baselineFile.displayName(),
            rules.rules());
    String rendered =
        switch (format) {
          case TEXT -> DriftRenderer.text(report, common.color(console));
          case JSON -> DriftRenderer.json(report);
          case MARKDOWN -> DriftRenderer.markdown(report);
          case GITHUB -> DriftRenderer.github(report, desired);
        };
    console.out().print(rendered);
    console.out().flush();
    StepSummary.append(console, DriftRenderer.markdown(report));
    return report.hasDrift() ? ExitCode.CHANGES : ExitCode.OK;
  }

  /**
   * Reads the ignore file; its problems are printed, all at once.
   *
   * @throws ReportedFailure when a line is wrong
   */
  private IgnoreFile readIgnoreFile(Path file) {
    String name = file.normalize().toString().replace('\\', '/');
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserException("ignore file " + name + " does not exist");
    } catch (IOException e) {
      throw new UserException("cannot read ignore file " + name + ": " + e.getMessage());
    }
    IgnoreFile parsed = IgnoreFile.parse(name, text);
    if (!parsed.ok()) {
      console.err().print(DiagnosticRenderer.text(parsed.errors()));
      console.err().flush();
      throw new ReportedFailure();
    }
    return parsed;
  }

  /** The baseline snapshot, read for the plan's applications. */
  private LiveState readBaseline(Plan plan) {
    Set<String> ids = new TreeSet<>();
    plan.claims().values().stream().map(ApplicationClaims::applicationId).forEach(ids::add);
    try (StateFileTarget snapshot = new StateFileTarget(baseline)) {
      return snapshot.read(ids);
    } catch (TargetException e) {
      throw new UserException("cannot use the baseline: " + e.getMessage());
    }
  }
}
