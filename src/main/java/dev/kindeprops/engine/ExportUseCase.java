package dev.kindeprops.engine;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.export.CompletedState;
import dev.kindeprops.export.ExportedFile;
import dev.kindeprops.export.ManifestExport;
import dev.kindeprops.io.AtomicFile;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Target;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.ManifestSchema;
import dev.kindeprops.text.Words;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code export}: writes manifests that declare the live state as it is (adopting an existing
 * tenant), and snapshots it as a state file.
 */
public final class ExportUseCase {
  /** The schema copy's name, when the output has no {@code schemas/} above it. */
  static final String SCHEMA_COPY = "kinde-props.schema.json";

  /** Existing manifests named in a refusal before the rest are only counted. */
  private static final int MAX_NAMED = 5;

  private ExportUseCase() {}

  /**
   * @param declared manifests that fill in what Kinde does not show, or null
   * @param output the directory to write manifests into, or null
   * @param force whether to overwrite manifests and a schema copy the directory holds, and a {@code
   *     stateOut} that is not a state file
   * @param stateOut the state file to snapshot the live state into, or null
   * @param observeClaims whether to observe toggles through tokens where the target cannot show
   *     them
   * @param audience the audience of every token minted to observe toggles, or null for each
   *     application's audience in {@code declared}
   * @param masked keys of properties whose values are secrets, besides those {@code declared} marks
   *     sensitive: their values are never written
   * @param inputs the files the run read, which no output may be
   */
  public record Request(
      TargetSpec target,
      DesiredState declared,
      Path output,
      boolean force,
      Path stateOut,
      boolean observeClaims,
      String audience,
      Set<String> masked,
      Inputs inputs) {
    public Request {
      masked = Set.copyOf(masked);
    }
  }

  /**
   * @param target the name of the target exported
   * @param export the manifests written, or null without an output directory
   * @param otherManifests YAML files the output directory held besides those written, relative to
   *     it, which {@code plan -f} reads too
   * @param schemaCopied whether the manifest schema was written beside the manifests (no {@code
   *     schemas/} above the output holds it)
   */
  public record Result(
      String target,
      CompletedState completed,
      ManifestExport export,
      List<String> otherManifests,
      boolean schemaCopied) {}

  public static Result run(Request request) {
    Path output = request.output();
    if (output == null && request.stateOut() == null) {
      throw new UserError("give -o DIR for manifests, --state-out FILE for a snapshot, or both");
    }
    if (output != null && Files.exists(output) && !Files.isDirectory(output)) {
      throw new UserError("cannot export to " + output + ": it is a file, not a directory");
    }
    if (output != null && !request.force()) {
      refuseExistingManifests(output);
    }
    if (request.stateOut() != null) {
      OutputFiles.check(
          request.stateOut(),
          "--state-out",
          OutputFiles.Format.STATE_FILE,
          request.inputs(),
          request.target().state(),
          request.force());
    }
    LiveState live;
    String targetName;
    try (Target source = Targets.open(request.target())) {
      boolean observe = request.observeClaims() && source.claimToggles() == ClaimToggles.OBSERVABLE;
      if (observe && request.audience() == null && request.declared() == null) {
        throw new UserError(
            "export --observe-claims mints a token as each M2M application, and Kinde needs an API"
                + " audience for that: pass --audience (or -f manifests that give each application"
                + " its audience)");
      }
      live = source.readAllM2mApplications();
      if (observe) {
        Map<String, String> audiences = audiences(live, request);
        List<String> without =
            live.applications().stream()
                .filter(app -> app.isM2m() && !audiences.containsKey(app.id()))
                .map(app -> app.name() + " (" + app.id() + ")")
                .toList();
        if (!without.isEmpty()) {
          throw new UserError(
              "export --observe-claims mints a token as each M2M application, and Kinde needs an"
                  + " API audience for that; the manifests give none for "
                  + Words.names(without, MAX_NAMED)
                  + ": pass --audience");
        }
        live = Targets.observeClaims(source, live, audiences);
        if (!live.notes().isEmpty()) {
          // A toggle export cannot see would be written as off: refuse rather than guess.
          throw new UserError(
              "export --observe-claims cannot write every toggle: "
                  + String.join("; ", live.notes()));
        }
      }
      targetName = source.name();
    }
    CompletedState completed = CompletedState.of(live, request.declared(), request.masked());
    ManifestExport export = null;
    List<String> others = List.of();
    String schema = null;
    if (output != null) {
      schema = schemaAbove(output);
      export = ManifestExport.of(completed, targetName, schema == null ? SCHEMA_COPY : schema);
      refuseInputs(output, export, schema == null, request);
      if (schema == null) {
        writeSchemaCopy(output, request.force());
      }
      others = writeManifests(output, export);
    }
    if (request.stateOut() != null) {
      Targets.writeSnapshot(request.stateOut(), completed.state(), completed.sensitive());
    }
    return new Result(targetName, completed, export, others, output != null && schema == null);
  }

  /** Writes the files; returns the other manifests the directory holds. */
  private static List<String> writeManifests(Path output, ManifestExport export) {
    Set<Path> written = new TreeSet<>();
    for (ExportedFile file : export.files()) {
      Path path = output.resolve(file.path());
      try {
        Files.createDirectories(path.getParent());
        AtomicFile.write(path, file.text().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UserError("cannot write " + path + ": " + e.getMessage());
      }
      written.add(path.toAbsolutePath().normalize());
    }
    List<String> others = new ArrayList<>();
    for (Path existing : manifestsIn(output)) {
      if (!written.contains(existing.toAbsolutePath().normalize())) {
        others.add(relative(output, existing));
      }
    }
    return others;
  }

  /** By id: {@code --audience} for every application, else the manifests' own, else none. */
  private static Map<String, String> audiences(LiveState live, Request request) {
    Map<String, String> audiences = new HashMap<>();
    if (request.audience() != null) {
      live.applications().forEach(app -> audiences.put(app.id(), request.audience()));
    } else if (request.declared() != null) {
      audiences.putAll(Audiences.of(request.declared(), null));
    }
    return audiences;
  }

  /** Refuses an export whose files (the schema copy among them) would replace one of its inputs. */
  private static void refuseInputs(
      Path output, ManifestExport export, boolean schemaCopy, Request request) {
    List<Path> files = new ArrayList<>();
    export.files().forEach(file -> files.add(output.resolve(file.path())));
    if (schemaCopy) {
      files.add(output.resolve(SCHEMA_COPY));
    }
    for (Path file : files) {
      OutputFiles.refuseInput(
          "-o " + output + " would overwrite " + file + ",",
          file,
          request.inputs(),
          request.target().state(),
          "directory");
    }
  }

  /** Existing manifests would be read together with the export: refuse unless forced. */
  private static void refuseExistingManifests(Path output) {
    List<Path> existing = manifestsIn(output);
    if (existing.isEmpty()) {
      return;
    }
    List<String> names = existing.stream().limit(MAX_NAMED).map(p -> relative(output, p)).toList();
    throw new UserError(
        output
            + " already holds manifests ("
            + String.join(", ", names)
            + (existing.size() > MAX_NAMED ? " and " + (existing.size() - MAX_NAMED) + " more" : "")
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
      throw new UserError("cannot list " + directory + ": " + e.getMessage());
    }
  }

  private static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }

  /**
   * The manifest schema for editors: the path from the output directory to {@code
   * schemas/kinde-props.schema.json} when that file sits in it or a directory above (a checkout of
   * kinde-props, or a repository that keeps a copy); else null, and a copy is written beside the
   * manifests.
   */
  private static String schemaAbove(Path output) {
    Path directory = output.toAbsolutePath().normalize();
    for (Path at = directory; at != null; at = at.getParent()) {
      Path schema = at.resolve("schemas/kinde-props.schema.json");
      if (Files.isRegularFile(schema)) {
        return directory.relativize(schema).toString().replace('\\', '/');
      }
    }
    return null;
  }

  /**
   * Writes the schema copy, unless the same copy is there already; refuses to replace another file
   * of its name unless forced.
   */
  private static void writeSchemaCopy(Path output, boolean force) {
    Path copy = output.resolve(SCHEMA_COPY);
    byte[] schema = ManifestSchema.text().getBytes(StandardCharsets.UTF_8);
    try {
      if (Files.isRegularFile(copy) && Arrays.equals(Files.readAllBytes(copy), schema)) {
        return;
      }
      if (Files.exists(copy) && !force) {
        throw new UserError(
            copy
                + " exists and is not the schema this kinde-props writes: give --force to"
                + " overwrite it, or choose another directory. Nothing was written.");
      }
      Files.createDirectories(output);
      AtomicFile.write(copy, schema);
    } catch (IOException e) {
      throw new UserError("cannot write " + copy + ": " + e.getMessage());
    }
  }
}
