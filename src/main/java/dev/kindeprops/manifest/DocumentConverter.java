package dev.kindeprops.manifest;

import dev.kindeprops.diag.Diagnostics;
import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.manifest.ManifestDocument.Place;
import dev.kindeprops.model.StorableText;
import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a composed YAML node tree into JSON for schema validation, recording where every key and
 * value is written, substituting variables in string values, and reporting what YAML allows but a
 * manifest does not: duplicate keys, non-string keys, tags, and aliases that expand too far.
 */
final class DocumentConverter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<Tag> STANDARD_SCALAR_TAGS =
      Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

  private final String file;
  private final Substitution substitution;
  private final Diagnostics diagnostics;
  private final Map<String, Place> places = new HashMap<>();
  private final Set<String> unresolved = new HashSet<>();
  private long budget;

  private DocumentConverter(
      String file, Substitution substitution, Diagnostics diagnostics, long budget) {
    this.file = file;
    this.substitution = substitution;
    this.diagnostics = diagnostics;
    this.budget = budget;
  }

  /**
   * The document as JSON with its places.
   *
   * @param textLength the length of the file's text: without aliases a document cannot have more
   *     nodes than characters, so anything beyond that plus a margin is an alias bomb
   * @throws YamlProblem when aliases expand the document too far
   */
  static ManifestDocument convert(
      String file, Node root, int textLength, Substitution substitution, Diagnostics diagnostics)
      throws YamlProblem {
    DocumentConverter converter =
        new DocumentConverter(
            file, substitution, diagnostics, (long) textLength + Limits.ALIAS_EXPANSION_NODES);
    JsonNode json;
    try {
      json = converter.convert(root, "", null, 0);
    } catch (ExpansionLimit e) {
      throw new YamlProblem(
          SourceLocation.ofFile(file),
          "aliases expand this file to more than "
              + ((long) textLength + Limits.ALIAS_EXPANSION_NODES)
              + " nodes; refusing it (an alias bomb?)");
    }
    return new ManifestDocument(
        file,
        json,
        Collections.unmodifiableMap(converter.places),
        Collections.unmodifiableSet(converter.unresolved));
  }

  private JsonNode convert(Node node, String pointer, SourceLocation key, int depth) {
    if (--budget < 0) {
      throw new ExpansionLimit();
    }
    SourceLocation at = YamlComposer.at(file, node.getStartMark());
    if (depth > Limits.MAX_DEPTH) {
      // Only a recursive alias gets here: the composer already bounds plain nesting.
      diagnostics.error(at, "an alias refers to a list or map that contains it; remove the loop");
      places.put(pointer, new Place(key, at, null));
      return JSON.nullNode();
    }
    if (node instanceof ScalarNode scalar) {
      places.put(pointer, new Place(key, at, scalar.getValue()));
      checkText("this value", scalar.getValue(), at);
      return scalar(scalar, pointer, at);
    }
    places.put(pointer, new Place(key, at, null));
    if (node instanceof SequenceNode sequence) {
      checkTag(node, Tag.SEQ, at);
      ArrayNode array = JSON.arrayNode();
      int index = 0;
      for (Node item : sequence.getValue()) {
        array.add(convert(item, ManifestDocument.child(pointer, index++), null, depth + 1));
      }
      return array;
    }
    MappingNode mapping = (MappingNode) node;
    checkTag(node, Tag.MAP, at);
    ObjectNode object = JSON.objectNode();
    Map<String, SourceLocation> seen = new HashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      SourceLocation keyAt = YamlComposer.at(file, keyNode.getStartMark());
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        diagnostics.error(keyAt, "a key must be a plain string, not a list or map");
        continue;
      }
      checkTag(keyNode, Tag.STR, keyAt);
      String name = keyScalar.getValue();
      checkText("this key", name, keyAt);
      SourceLocation first = seen.putIfAbsent(name, keyAt);
      if (first != null) {
        diagnostics.error(
            keyAt,
            "duplicate key '"
                + name
                + "' (first at line "
                + first.line()
                + ", column "
                + first.column()
                + ")");
        continue;
      }
      object.set(
          name,
          convert(tuple.getValueNode(), ManifestDocument.child(pointer, name), keyAt, depth + 1));
    }
    return object;
  }

  /**
   * A scalar as JSON by its YAML 1.2 core-schema type, so that the schema can tell a number or
   * boolean from a string and the message can say to quote it.
   */
  private JsonNode scalar(ScalarNode scalar, String pointer, SourceLocation at) {
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (!scalar.isResolved() && !tag.equals(Tag.STR)) {
      // An explicit standard tag must agree with what the text is; any other tag is refused.
      if (!STANDARD_SCALAR_TAGS.contains(tag)) {
        checkTag(scalar, Tag.STR, at);
        return string(text, pointer, at);
      }
      if (!YamlComposer.resolve(text).equals(tag)) {
        diagnostics.error(at, "'" + text + "' is not a valid " + shown(tag));
        return string(text, pointer, at);
      }
    }
    if (tag.equals(Tag.INT)) {
      return integer(text);
    }
    if (tag.equals(Tag.FLOAT)) {
      return JSON.numberNode(floating(text));
    }
    if (tag.equals(Tag.BOOL)) {
      return JSON.booleanNode(text.equalsIgnoreCase("true"));
    }
    if (tag.equals(Tag.NULL)) {
      return JSON.nullNode();
    }
    // Plain strings, and ${NAME}, which snakeyaml-engine tags as an environment variable.
    return string(text, pointer, at);
  }

  private JsonNode string(String text, String pointer, SourceLocation at) {
    if (substitution == null) {
      return JSON.stringNode(text);
    }
    Substitution.Expanded expanded = substitution.expand(text);
    if (!expanded.ok()) {
      expanded.problems().forEach(problem -> diagnostics.error(at, problem));
      unresolved.add(pointer);
    }
    return JSON.stringNode(expanded.text());
  }

  /** Every scalar as written, before substitution: variables are checked where they are given. */
  private void checkText(String subject, String text, SourceLocation at) {
    String problem = StorableText.problem(subject, text);
    if (problem != null) {
      diagnostics.error(at, problem);
    }
  }

  private void checkTag(Node node, Tag expected, SourceLocation at) {
    if (node.isResolved() || node.getTag().equals(expected)) {
      return;
    }
    diagnostics.error(
        at,
        "tag '"
            + shown(node.getTag())
            + "' is not allowed; a manifest holds only strings, lists and maps");
  }

  /** A tag as written in YAML: {@code !!int} for the standard ones. */
  private static String shown(Tag tag) {
    String name = tag.getValue();
    return name.startsWith(Tag.PREFIX) ? "!!" + name.substring(Tag.PREFIX.length()) : name;
  }

  private static JsonNode integer(String text) {
    String digits = text.replace("_", "");
    boolean negative = digits.startsWith("-");
    if (digits.startsWith("-") || digits.startsWith("+")) {
      digits = digits.substring(1);
    }
    int radix = 10;
    String lower = digits.toLowerCase(Locale.ROOT);
    if (lower.startsWith("0x")) {
      radix = 16;
      digits = digits.substring(2);
    } else if (lower.startsWith("0o")) {
      radix = 8;
      digits = digits.substring(2);
    }
    try {
      BigInteger value = new BigInteger(digits, radix);
      return JSON.numberNode(negative ? value.negate() : value);
    } catch (NumberFormatException e) {
      return JSON.numberNode(Double.NaN);
    }
  }

  private static double floating(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".inf")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Thrown when aliases have expanded the document past its budget of nodes. */
  private static final class ExpansionLimit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExpansionLimit() {
      super(null, null, false, false);
    }
  }
}
