package dev.kindeprops.render;

import dev.kindeprops.diag.Diagnostic;
import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.LoadResult;
import dev.kindeprops.text.Words;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders diagnostics and the outcome of loading manifests: as text for people, as JSON for
 * scripts, and as GitHub workflow commands that annotate the lines of a pull request.
 */
public final class DiagnosticRenderer {
  /**
   * Diagnostics shown at most, in every format; a line then counts the rest. A hostile file can
   * make hundreds of thousands, and past the first few hundred they only hide the summary.
   */
  public static final int MAX_SHOWN = 200;

  private DiagnosticRenderer() {}

  /** One {@code file:line:col: error: message} line per diagnostic shown, then the count line. */
  public static String text(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    shown(diagnostics).forEach(d -> out.append(d).append('\n'));
    return out.append(notShown(diagnostics)).toString();
  }

  /**
   * One workflow command per diagnostic shown, such as {@code ::error
   * file=a.yaml,line=3,col=5::message}, then the count line.
   */
  public static String github(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic diagnostic : shown(diagnostics)) {
      out.append(
          GitHub.command(
              diagnostic.severity().label(), diagnostic.location(), null, diagnostic.message()));
    }
    return out.append(notShown(diagnostics)).toString();
  }

  private static List<Diagnostic> shown(List<Diagnostic> diagnostics) {
    return diagnostics.subList(0, Math.min(diagnostics.size(), MAX_SHOWN));
  }

  /** The line that counts the diagnostics past {@link #MAX_SHOWN}, or nothing. */
  private static String notShown(List<Diagnostic> diagnostics) {
    int rest = diagnostics.size() - shown(diagnostics).size();
    return rest == 0
        ? ""
        : "and "
            + Words.count(rest, "more problem", "more problems")
            + " (only the first "
            + MAX_SHOWN
            + " are shown)\n";
  }

  /**
   * The outcome as one JSON object: {@code valid}, the {@code diagnostics} shown (severity,
   * message, file, line, column) and a {@code summary} of counts: every error and warning, how many
   * diagnostics are not shown, and the manifest counts (null when the manifests are not valid).
   */
  public static String json(LoadResult result) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode().put("valid", result.ok());
    ArrayNode list = root.putArray("diagnostics");
    for (Diagnostic diagnostic : shown(result.diagnostics())) {
      ObjectNode item =
          list.addObject()
              .put("severity", diagnostic.severity().label())
              .put("message", diagnostic.message());
      SourceLocation at = diagnostic.location();
      item.put("file", at == null ? null : at.file());
      if (at == null || at.line() == 0) {
        item.putNull("line");
      } else {
        item.put("line", at.line());
      }
      if (at == null || at.column() == 0) {
        item.putNull("column");
      } else {
        item.put("column", at.column());
      }
    }
    ObjectNode summary =
        root.putObject("summary")
            .put("errors", result.errorCount())
            .put("warnings", result.warningCount())
            .put("files", result.files().size())
            .put(
                "diagnostics_not_shown",
                result.diagnostics().size() - shown(result.diagnostics()).size());
    DesiredState state = result.state();
    if (state == null) {
      summary.putNull("properties").putNull("categories").putNull("profiles");
      summary.putNull("applications").putNull("removed_properties");
    } else {
      summary
          .put("properties", state.properties().size())
          .put("categories", state.categories().size())
          .put("profiles", state.profiles().size())
          .put("applications", state.applications().size())
          .put("removed_properties", state.removedProperties().size());
    }
    return PrettyJson.write(root);
  }

  /**
   * The line that says valid manifests are valid, such as {@code Valid: 4 properties in 2
   * categories, 1 profile, 3 applications (3 files).}
   */
  public static String validSummary(LoadResult result) {
    DesiredState state = result.state();
    StringBuilder line =
        new StringBuilder("Valid: ")
            .append(Words.count(state.properties().size(), "property", "properties"))
            .append(" in ")
            .append(Words.count(state.categories().size(), "category", "categories"))
            .append(", ")
            .append(Words.count(state.profiles().size(), "profile", "profiles"))
            .append(", ")
            .append(Words.count(state.applications().size(), "application", "applications"));
    if (!state.removedProperties().isEmpty()) {
      line.append(", ")
          .append(Words.count(state.removedProperties().size(), "property", "properties"))
          .append(" to remove");
    }
    return line.append(" (")
        .append(Words.count(result.files().size(), "file", "files"))
        .append(").")
        .toString();
  }

  /** The line that ends a failed run, such as {@code Invalid: 2 errors (3 files).} */
  public static String invalidSummary(LoadResult result) {
    return "Invalid: "
        + Words.count(result.errorCount(), "error", "errors")
        + (result.warningCount() > 0
            ? ", " + Words.count(result.warningCount(), "warning", "warnings")
            : "")
        + " ("
        + Words.count(result.files().size(), "file", "files")
        + ").";
  }
}
