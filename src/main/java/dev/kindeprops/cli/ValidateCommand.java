package dev.kindeprops.cli;

import dev.kindeprops.manifest.LoadResult;
import dev.kindeprops.render.DiagnosticRenderer;
import dev.kindeprops.render.OutputFormat;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kinde-props validate}: checks manifests offline and reports every problem at once. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check manifests offline and report every problem at once.",
      "Checks YAML syntax, the schema, variables, and every rule between properties,",
      "profiles and applications."
    },
    footer = {
      "",
      "Formats:",
      "  text    problems on stderr as file:line:col: error: message, then the",
      "          summary line: on stdout when valid, on stderr with the problems",
      "          when not",
      "  json    one JSON object on stdout: valid, diagnostics, summary",
      "  github  GitHub Actions annotations on stdout",
      "",
      "Exit codes: 0 valid (warnings allowed), 1 invalid.",
      "",
      "Examples:",
      "  kinde-props validate -f examples/quickstart",
      "  kinde-props validate -f manifests --var-file vars/prod.yaml --format github"
    })
final class ValidateCommand extends Subcommand {
  @Mixin ManifestOptions manifests;

  @Mixin
  FormatOption format = new FormatOption(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.GITHUB);

  @Override
  public Integer call() {
    LoadResult result = manifests.read(console);
    PrintStream out = console.out();
    switch (format.get()) {
      case TEXT -> {
        console.err().print(DiagnosticRenderer.text(result.diagnostics()));
        console.err().flush();
        if (result.ok()) {
          out.println(DiagnosticRenderer.validSummary(result));
        } else {
          console.err().println(DiagnosticRenderer.invalidSummary(result));
        }
      }
      case JSON -> out.print(DiagnosticRenderer.json(result));
      case MARKDOWN -> throw new IllegalStateException("validate has no markdown form");
      case GITHUB -> {
        out.print(DiagnosticRenderer.github(result.diagnostics()));
        out.println(
            result.ok()
                ? DiagnosticRenderer.validSummary(result)
                : DiagnosticRenderer.invalidSummary(result));
      }
    }
    out.flush();
    console.err().flush();
    return result.ok() ? ExitCode.OK : ExitCode.ERROR;
  }
}
