package dev.kindeprops.manifest;

import dev.kindeprops.diag.Diagnostics;
import dev.kindeprops.model.StorableText;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Loads manifests into the desired state: finds the files, reads each safely, validates it against
 * the schema, substitutes variables, merges the files and checks every rule, collecting all
 * problems of the run.
 */
public final class ManifestLoader {
  private ManifestLoader() {}

  /**
   * Loads the manifests these paths name (files, or directories of {@code *.yaml} / {@code *.yml}).
   */
  public static LoadResult load(List<Path> paths, Variables variables) {
    Diagnostics diagnostics = new Diagnostics();
    Substitution substitution =
        new Substitution(variables.env(), variables(variables, diagnostics));
    InputFiles.Found found = InputFiles.find(paths, diagnostics);
    boolean complete = found.complete();
    List<ManifestDocument> documents = new ArrayList<>();
    // Files are read and checked on every core at once, each with diagnostics of its own, and
    // merged in the order the files were found.
    List<Read> reads =
        found.files().parallelStream()
            .map(
                file -> {
                  Diagnostics own = new Diagnostics();
                  return new Read(read(file, substitution, own), own);
                })
            .toList();
    for (Read read : reads) {
      diagnostics.addAll(read.diagnostics().sorted());
      if (read.document() == null) {
        complete = false;
      } else {
        documents.add(read.document());
      }
    }
    DesiredState state = DesiredStateBuilder.build(documents, complete, diagnostics);
    return new LoadResult(state, diagnostics.sorted(), found.files());
  }

  /** One file's document (null when it cannot be used at all) and what was found in it. */
  private record Read(ManifestDocument document, Diagnostics diagnostics) {}

  /** The variables: the file's, then the command line's on top. */
  private static Map<String, String> variables(Variables variables, Diagnostics diagnostics) {
    Map<String, String> merged = new HashMap<>();
    if (variables.varFile() != null) {
      merged.putAll(VariableFile.read(variables.varFile(), diagnostics));
    }
    variables
        .vars()
        .forEach(
            (name, value) -> {
              if (Substitution.NAME.matcher(name).matches()) {
                String problem = StorableText.problem("--var " + name + ": the value", value);
                if (problem != null) {
                  diagnostics.error(null, problem);
                }
                merged.put(name, value);
              } else {
                diagnostics.error(
                    null,
                    "--var "
                        + name
                        + ": a variable name is letters, digits, '_', '.' and '-', not starting"
                        + " with a digit");
              }
            });
    return merged;
  }

  /** One file as a checked document, or null when it cannot be used at all (reported). */
  private static ManifestDocument read(
      Path path, Substitution substitution, Diagnostics diagnostics) {
    String name = path.toString();
    String text = TextFile.read(path, name, diagnostics);
    if (text == null) {
      return null;
    }
    try {
      ManifestDocument document = DocumentConverter.read(name, text, substitution, diagnostics);
      JsonNode version = document.root().path("version");
      if (version.isNumber()
          && !(version.isIntegralNumber() && version.bigIntegerValue().equals(BigInteger.ONE))) {
        diagnostics.error(
            document.valueAt("/version"),
            "unsupported version "
                + document.raw("/version")
                + "; this kinde-props reads version 1");
        return null;
      }
      diagnostics.addAll(ManifestSchema.validate(document));
      return document;
    } catch (YamlProblem e) {
      diagnostics.error(e.location(), e.getMessage());
      return null;
    }
  }
}
