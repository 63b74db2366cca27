package dev.kindeprops.cli;

import dev.kindeprops.export.CompletedState;
import dev.kindeprops.export.ExportedFile;
import dev.kindeprops.export.ManifestExport;
import dev.kindeprops.io.AtomicFile;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.kinde.KindeTarget;
import dev.kindeprops.manifest.DesiredState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
final class ExportCommand implements Callable<Integer> {
  private final Console console;

  @Mixin TargetOptions target;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Write the manifests into this directory (created when missing).")
  Path output;

  @Option(names = "--force", description = "Overwrite manifests the directory already holds.")
  boolean force;

  @Option(
      names = "--state-out",
      paramLabel = "FILE",
      description =
          "Also write the live state as a state file (atomically): for plans without"
              + " credentials (--state FILE) and as drift --baseline.")
  Path stateOut;

  @Option(
      names = "--observe-claims",
      description =
          "On Kinde, observe each M2M application's token toggles by minting a token as it"
              + " (as plan --observe-claims does), so that claims are exported too. Each token"
              + " counts toward Kinde's M2M token usage.")
  boolean observeClaims;

  @Option(
      names = "--audience",
      paramLabel = "AUD",
      description =
          "The API audience to mint tokens for with --observe-claims, instead of each"
              + " application's audience in the -f manifests (default: none).")
  String audience;

  @ArgGroup(exclusive = false, heading = "Manifests that fill in what Kinde does not show:%n")
  ManifestOptions manifests;

  @Mixin CommonOptions common;

  ExportCommand(Console console) {
    this.console = console;
  }

  /** The schema copy's name, when the output has no {@code schemas/} above it. */
  static final String SCHEMA_COPY = "kinde-props.schema.json";

  @Override
  public Integer call() {
    if (output == null && stateOut == null) {
      throw new UserException(
          "give -o DIR for manifests, --state-out FILE for a snapshot, or both");
    }
    DesiredState declared = manifests == null ? null : manifests.load(console).state();
    if (output != null && Files.exists(output) && !Files.isDirectory(output)) {
      throw new UserException("cannot export to " + output + ": it is a file, not a directory");
    }
    if (output != null && !force) {
      refuseExistingManifests();
    }
    LiveState live;
    String targetName;
    try (Target source = target.open(console, common.verbose())) {
      live = source.readAllM2mApplications();
      if (observeClaims && source instanceof KindeTarget kinde) {
        live = kinde.withObservedClaims(live, audiences(live, declared));
      }
      targetName = source.name();
    }
    CompletedState completed = CompletedState.of(live, declared);
    if (output != null) {
      writeManifests(completed, targetName);
    }
    if (stateOut != null) {
      writeSnapshot(completed);
    }
    return ExitCode.OK;
  }

  private void writeManifests(CompletedState completed, String targetName) {
    ManifestExport export = ManifestExport.of(completed, targetName, schemaReference());
    export.warnings().forEach(w -> console.err().println("warning: " + w));
    Set<Path> written = new TreeSet<>();
    for (ExportedFile file : export.files()) {
      Path path = output.resolve(file.path());
      try {
        Files.createDirectories(path.getParent());
        AtomicFile.write(path, file.text().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UserException("cannot write " + path + ": " + e.getMessage());
      }
      written.add(path.toAbsolutePath().normalize());
    }
    List<String> others = new ArrayList<>();
    for (Path existing : manifestsIn(output)) {
      if (!written.contains(existing.toAbsolutePath().normalize())) {
        others.add(output.relativize(existing).toString().replace('\\', '/'));
      }
    }
    if (!others.isEmpty()) {
      console
          .err()
          .println(
              "warning: "
                  + output
                  + " also holds "
                  + String.join(", ", others)
                  + ", which plan -f "
                  + output
                  + " reads too");
    }
    console
        .out()
        .println(
            "Exported "
                + count(export.properties(), "property", "properties")
                + " and "
                + count(export.applications(), "M2M application", "M2M applications")
                + " from "
                + targetName
                + " to "
                + output
                + " ("
                + count(export.files().size(), "file", "files")
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
    console.out().flush();
    console.err().flush();
  }

  private void writeSnapshot(CompletedState completed) {
    LiveState live = completed.state();
    StateDocument document =
        new StateDocument(live.categories(), live.properties(), live.applications());
    new StateFile(stateOut).write(document);
    console.out().println("Wrote the live state to " + stateOut + ".");
    if (completed.togglesUnknown()) {
      console
          .out()
          .println(
              "Token toggles are not shown by Kinde: the snapshot records none (give -f to take"
                  + " the manifests' claims).");
    }
    console.out().flush();
  }

  /** By id: {@code --audience} for every application, else the manifests' own, else none. */
  private Map<String, String> audiences(LiveState live, DesiredState declared) {
    Map<String, String> audiences = new HashMap<>();
    if (audience != null) {
      live.applications().forEach(app -> audiences.put(app.id(), audience));
    } else if (declared != null) {
      audiences.putAll(Planning.audiences(declared, null));
    }
    return audiences;
  }

  /** Existing manifests would be read together with the export: refuse unless --force. */
  private void refuseExistingManifests() {
    List<Path> existing = manifestsIn(output);
    if (existing.isEmpty()) {
      return;
    }
    List<String> names =
        existing.stream()
            .limit(5)
            .map(p -> output.relativize(p).toString().replace('\\', '/'))
            .toList();
    throw new UserException(
        output
            + " already holds manifests ("
            + String.join(", ", names)
            + (existing.size() > 5 ? " and " + (existing.size() - 5) + " more" : "")
            + "); give --force to overwrite them, or choose another directory");
  }

  /** The YAML files {@code -f DIR} would read, sorted. */
  private static List<Path> manifestsIn(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".yaml") || name.endsWith(".yml");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UserException("cannot list " + directory + ": " + e.getMessage());
    }
  }

  /**
   * The manifest schema for editors: the path from the output directory to {@code
   * schemas/kinde-props.schema.json} when that file sits in it or a directory above (a checkout of
   * kinde-props, or a repository that keeps a copy); else a copy written beside the manifests.
   */
  private String schemaReference() {
    Path directory = output.toAbsolutePath().normalize();
    for (Path at = directory; at != null; at = at.getParent()) {
      Path schema = at.resolve("schemas/kinde-props.schema.json");
      if (Files.isRegularFile(schema)) {
        return directory.relativize(schema).toString().replace('\\', '/');
      }
    }
    Path copy = output.resolve(SCHEMA_COPY);
    try {
      Files.createDirectories(output);
      AtomicFile.write(copy, SchemaCommand.manifestSchema().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserException("cannot write " + copy + ": " + e.getMessage());
    }
    return SCHEMA_COPY;
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
