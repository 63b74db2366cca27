package dev.kindeprops.cli;

import dev.kindeprops.engine.ExportUseCase;
import dev.kindeprops.engine.Inputs;
import dev.kindeprops.export.CompletedState;
import dev.kindeprops.export.ManifestExport;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.text.Words;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kinde-props export}: writes manifests that declare the live state as it is (adopting an
 * existing tenant), and snapshots it in the state-file format.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Write manifests for the live state, to adopt an existing tenant.",
      "Plan against the same target then shows no changes. With --state-out, also",
      "(or only) snapshot the live state as a state file, for plans without",
      "credentials and as the baseline of drift."
    },
    footer = {
      "",
      "Layout: properties.yaml (every property but Kinde's own kp_*) and",
      "applications.yaml (every M2M application with its values and token toggles);",
      "above 200 applications, applications/<first character>[-N].yaml instead.",
      "No profiles are invented.",
      "",
      "Kinde shows no property types, categories or token toggles: without -f they",
      "are assumed (single_line_text, the first category by name, no toggles) and",
      "marked; with -f, what those manifests declare is taken instead. With",
      "--observe-claims, the toggles are observed from freshly minted tokens.",
      "",
      "Exit codes: 0 success, 1 error.",
      "",
      "Examples:",
      "  kinde-props export --state examples/quickstart/kinde-state.json -o kinde",
      "  kinde-props export -o kinde          # from Kinde: KINDE_DOMAIN and friends",
      "  kinde-props export --state-out baseline.json -f kinde"
    })
final class ExportCommand extends Subcommand {
  @Mixin TargetOptions target;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Write the manifests into this directory (created when missing).")
  Path output;

  @Option(
      names = "--force",
      description =
          "Overwrite manifests and a kinde-props.schema.json the directory already holds, and a"
              + " --state-out file that is not a state file (never one of the command's inputs).")
  boolean force;

  @Option(
      names = "--state-out",
      paramLabel = "FILE",
      description =
          "Also write the live state as a state file (atomically): for plans without"
              + " credentials (--state FILE) and as drift --baseline.")
  Path stateOut;

  @Mixin ObserveClaimsOptions observe;

  @Option(
      names = "--mask-values",
      paramLabel = "KEY",
      split = ",",
      description =
          "Properties whose values are secrets, besides those -f marks sensitive: their values"
              + " are never written (the manifests read them from the environment; the snapshot"
              + " leaves them out).")
  Set<String> maskValues = new TreeSet<>();

  @ArgGroup(exclusive = false, heading = "Manifests that fill in what Kinde does not show:%n")
  ManifestOptions manifests;

  @Override
  public Integer call() {
    DesiredState declared = manifests == null ? null : manifests.load(console);
    ExportUseCase.Result result =
        ExportUseCase.run(
            new ExportUseCase.Request(
                target.spec(console, common.verbose()),
                declared,
                output,
                force,
                stateOut,
                observe.observeClaims,
                observe.audience,
                maskValues,
                manifests == null ? Inputs.NONE : manifests.inputs()));
    if (declared == null && maskValues.isEmpty()) {
      console
          .err()
          .println(
              "warning: without -f, kinde-props cannot tell which values are secrets: every value"
                  + " is written in clear. Give -f with manifests that mark them sensitive: true,"
                  + " or --mask-values KEY,... to keep them out.");
    }
    if (result.export() != null) {
      reportManifests(result);
    }
    if (stateOut != null) {
      console.out().println("Wrote the live state to " + stateOut + ".");
      if (!result.completed().sensitive().isEmpty()) {
        console
            .out()
            .println(
                "It leaves out the values of the sensitive properties ("
                    + String.join(", ", result.completed().sensitive())
                    + ").");
      }
      if (result.completed().togglesUnknown()) {
        console
            .out()
            .println(
                "Token toggles are not shown by Kinde: the snapshot records none (give -f to take"
                    + " the manifests' claims).");
      }
    }
    console.out().flush();
    console.err().flush();
    return ExitCode.OK;
  }

  private void reportManifests(ExportUseCase.Result result) {
    ManifestExport export = result.export();
    CompletedState completed = result.completed();
    export.warnings().forEach(w -> console.err().println("warning: " + w));
    if (!result.otherManifests().isEmpty()) {
      console
          .err()
          .println(
              "warning: "
                  + output
                  + " also holds "
                  + String.join(", ", result.otherManifests())
                  + ", which plan -f "
                  + output
                  + " reads too");
    }
    console
        .out()
        .println(
            "Exported "
                + Words.count(export.properties(), "property", "properties")
                + " and "
                + Words.count(export.applications(), "M2M application", "M2M applications")
                + " from "
                + result.target()
                + " to "
                + output
                + " ("
                + Words.count(
                    export.files().size() + (result.schemaCopied() ? 1 : 0), "file", "files")
                + ").");
    if (!completed.assumedTypes().isEmpty() || !completed.assumedCategories().isEmpty()) {
      console
          .out()
          .println(
              "Check the types and categories marked '# assumed' in properties.yaml: Kinde does"
                  + " not show them.");
    }
    if (completed.togglesUnknown()) {
      console
          .out()
          .println(
              "No claims were exported: Kinde does not show token toggles. Check them with"
                  + " kinde-props verify.");
    }
    if (!export.variables().isEmpty()) {
      console
          .out()
          .println(
              "Sensitive values are not exported: the manifests read them from the environment."
                  + " Set these before you plan:");
      export.variables().forEach(name -> console.out().println("  " + name));
    }
  }
}
