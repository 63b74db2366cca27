package dev.kindeprops.engine;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The rules for a file a command writes ({@code plan --out}, {@code export --state-out}, the files
 * of {@code export -o}): it is never one of the run's own inputs, and an existing file is replaced
 * only when kinde-props wrote it, as its format's marker shows, or with {@code --force}.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** A kind of file kinde-props writes, recognised by the top-level fields its format requires. */
  enum Format {
    PLAN("a plan file", "format_version", "plan_digest"),
    STATE_FILE("a state file", "version", "categories", "properties", "applications");

    private final String description;
    private final Set<String> marker;

    Format(String description, String... marker) {
      this.description = description;
      this.marker = Set.of(marker);
    }

    /** Whether the file is a JSON object holding every field of this format's marker. */
    boolean wrote(Path file) {
      return topLevelFields(file).containsAll(marker);
    }
  }

  /**
   * Refuses to write {@code out} over one of the run's inputs, or over an existing file that is not
   * of {@code format} unless {@code force}.
   *
   * @param option the option that named the file, for the message
   * @param state the state file the run reads, or null
   * @throws UserError saying which rule it breaks; nothing was written
   */
  static void check(
      Path out, String option, Format format, Inputs inputs, Path state, boolean force) {
    refuseInput(option + " " + out + " is", out, inputs, state, "file");
    if (Files.exists(out) && !Files.isDirectory(out) && !force && !format.wrote(out)) {
      throw new UserError(
          option
              + " "
              + out
              + " exists and is not "
              + format.description
              + " kinde-props wrote: give --force to overwrite it, or choose another file."
              + " Nothing was written.");
    }
  }

  /**
   * Refuses to write {@code out} when it is one of the run's inputs (the same file, whatever path
   * or link names it).
   *
   * @param subject how the message starts: what would be overwritten
   * @param instead what to choose instead: {@code file} or {@code directory}
   */
  static void refuseInput(String subject, Path out, Inputs inputs, Path state, String instead) {
    if (!Files.exists(out)) {
      return;
    }
    Map<Path, String> named = new LinkedHashMap<>();
    if (state != null) {
      named.put(state, "the state file, --state");
    }
    inputs.manifests().forEach(manifest -> named.put(manifest, "a manifest, -f"));
    if (inputs.varFile() != null) {
      named.put(inputs.varFile(), "the variables file, --var-file");
    }
    for (Map.Entry<Path, String> input : named.entrySet()) {
      if (sameFile(out, input.getKey())) {
        throw new UserError(
            subject
                + " one of this command's inputs ("
                + input.getValue()
                + "): choose another "
                + instead
                + ". Nothing was written.");
      }
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  /** The names of a JSON object's top-level fields, read without building the document. */
  private static Set<String> topLevelFields(Path file) {
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = Json.MAPPER.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Set.of();
      }
      Set<String> names = new HashSet<>();
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        names.add(parser.currentName());
        parser.nextToken();
        parser.skipChildren();
      }
      return names;
    } catch (IOException | JacksonException e) {
      return Set.of();
    }
  }
}
