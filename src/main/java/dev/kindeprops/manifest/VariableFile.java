package dev.kindeprops.manifest;

import dev.kindeprops.diag.Diagnostics;
import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.model.StorableText;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a {@code --var-file}: a YAML map of variable names to values, such as {@code region: eu}.
 * Values are taken as written, so {@code port: 443} gives the string {@code 443}.
 */
final class VariableFile {
  private VariableFile() {}

  /** The variables in the file; problems are reported and their entries left out. */
  static Map<String, String> read(Path path, Diagnostics diagnostics) {
    String name = path.toString();
    Map<String, String> variables = new LinkedHashMap<>();
    String text = TextFile.read(path, name, diagnostics);
    if (text == null) {
      return variables;
    }
    Optional<Node> root;
    try {
      root = YamlReader.compose(name, text);
    } catch (YamlProblem e) {
      diagnostics.error(e.location(), e.getMessage());
      return variables;
    }
    if (root.isEmpty()) {
      return variables;
    }
    if (!(root.get() instanceof MappingNode mapping)) {
      diagnostics.error(
          YamlReader.at(name, root.get().getStartMark()),
          "a variable file is a map of names to values, such as 'region: eu'");
      return variables;
    }
    Map<String, SourceLocation> seen = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      SourceLocation keyAt = YamlReader.at(name, tuple.getKeyNode().getStartMark());
      if (!(tuple.getKeyNode() instanceof ScalarNode key)
          || !Substitution.NAME.matcher(key.getValue()).matches()) {
        diagnostics.error(
            keyAt,
            "a variable name is letters, digits, '_', '.' and '-', not starting with a digit");
        continue;
      }
      SourceLocation first = seen.putIfAbsent(key.getValue(), keyAt);
      if (first != null) {
        diagnostics.error(
            keyAt, "duplicate key '" + key.getValue() + "' (first at line " + first.line() + ")");
        continue;
      }
      if (!(tuple.getValueNode() instanceof ScalarNode value)) {
        diagnostics.error(
            YamlReader.at(name, tuple.getValueNode().getStartMark()),
            "the value of variable " + key.getValue() + " must be a string, not a list or map");
        continue;
      }
      // Reported here, once, and kept: leaving it out would add "not defined" at every use.
      String problem =
          StorableText.problem("the value of variable " + key.getValue(), value.getValue());
      if (problem != null) {
        diagnostics.error(YamlReader.at(name, value.getStartMark()), problem);
      }
      variables.put(key.getValue(), value.getValue());
    }
    return variables;
  }
}
