package dev.kindeprops.manifest;

import dev.kindeprops.diag.Diagnostic;
import dev.kindeprops.diag.Diagnostics;
import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.manifest.ManifestDocument.Place;
import dev.kindeprops.model.StorableText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the YAML events of one manifest straight into JSON for schema validation, with no node tree
 * in between: it records where every key and value is written, substitutes variables in string
 * values, and reports what YAML allows but a manifest does not: duplicate keys, non-string keys,
 * tags, and aliases that loop or expand too far.
 *
 * <p>An alias repeats its anchored node: the same JSON node, whose places are kept with it.
 */
final class DocumentConverter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<Tag> STANDARD_SCALAR_TAGS =
      Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

  private final String file;
  private final Parser events;
  private final Substitution substitution;
  private final List<Diagnostic> problems = new ArrayList<>();
  private final Map<JsonNode, Map<String, Place>> fields = new IdentityHashMap<>();
  private final Map<JsonNode, List<Place>> items = new IdentityHashMap<>();

  /** Anchored nodes, by anchor, once read. */
  private final Map<Anchor, Anchored> anchors = new HashMap<>();

  /** The anchors whose nodes are being read, innermost last. */
  private final List<Anchor> open = new ArrayList<>();

  /** Nodes still allowed, aliases' repetitions included. */
  private long budget;

  /** The deepest nesting of lists and maps reached so far (the root map is 1). */
  private int deepest;

  /**
   * Above 0 while reading what the document leaves out (the value of a duplicate key, a key that is
   * a list or map and its value): read for its anchors and limits, but not reported.
   */
  private int muted;

  /** Set when the last string's substitution failed (already reported). */
  private boolean substitutionFailed;

  /**
   * An anchored node as an alias repeats it.
   *
   * @param place where it is written
   * @param nodes how many nodes it holds, counted against the budget at each alias
   * @param height how deep its lists and maps nest (0 for a scalar)
   */
  private record Anchored(JsonNode node, Place place, long nodes, int height) {}

  private DocumentConverter(String file, Parser events, Substitution substitution, long budget) {
    this.file = file;
    this.events = events;
    this.substitution = substitution;
    this.budget = budget;
  }

  /**
   * The file's one document as JSON with its places; what YAML allows but a manifest does not goes
   * to {@code diagnostics}, once the whole file has been read.
   *
   * @param substitution expands {@code ${NAME}} in string values
   * @throws YamlProblem when the file holds no document, or a list or single value, or a second
   *     document; for a syntax error; and when aliases expand the document too far (without aliases
   *     a document cannot have more nodes than characters, so anything beyond that plus a margin is
   *     an alias bomb)
   */
  static ManifestDocument read(
      String file, String text, Substitution substitution, Diagnostics diagnostics)
      throws YamlProblem {
    long budget = (long) text.length() + Limits.ALIAS_EXPANSION_NODES;
    return YamlReader.read(
        file,
        text,
        events -> {
          DocumentConverter converter = new DocumentConverter(file, events, substitution, budget);
          Placed root;
          try {
            root = converter.document(text.isBlank());
          } catch (ExpansionLimit e) {
            throw new YamlProblem(
                SourceLocation.ofFile(file),
                "aliases expand this file to more than "
                    + budget
                    + " nodes; refusing it (an alias bomb?)");
          }
          diagnostics.addAll(converter.problems);
          return new ManifestDocument(
              file,
              root.node(),
              root.place(),
              Collections.unmodifiableMap(converter.fields),
              Collections.unmodifiableMap(converter.items));
        });
  }

  private Placed document(boolean blank) throws YamlProblem {
    events.next(); // the stream's start
    if (events.checkEvent(Event.ID.StreamEnd)) {
      throw new YamlProblem(
          SourceLocation.ofFile(file),
          (blank ? "file is empty" : "file holds only comments")
              + "; a manifest holds at least 'version: 1'");
    }
    events.next(); // the document's start
    Event first = events.peekEvent();
    if (first.getEventId() == Event.ID.SequenceStart || first.getEventId() == Event.ID.Scalar) {
      throw new YamlProblem(
          YamlReader.at(file, first.getStartMark()),
          "the file holds "
              + (first.getEventId() == Event.ID.SequenceStart ? "a list" : "a single value")
              + "; a manifest is a map that starts with 'version: 1'");
    }
    Placed root = node(0, 0, 0);
    events.next(); // the document's end
    if (!events.checkEvent(Event.ID.StreamEnd)) {
      throw YamlReader.secondDocument(file, events);
    }
    return root;
  }

  /** A node as JSON, and where it is written. */
  private record Placed(JsonNode node, Place place) {}

  /**
   * The next node as JSON.
   *
   * @param keyLine the line of its key, or 0 for the root and list items
   * @param keyColumn the column of its key
   * @param depth how many lists and maps it is inside
   */
  private Placed node(int keyLine, int keyColumn, int depth) {
    Event event = events.next();
    if (event instanceof AliasEvent alias) {
      return alias(alias, keyLine, keyColumn, depth);
    }
    spend(1);
    Optional<Anchor> anchor = ((NodeEvent) event).getAnchor();
    if (anchor.isEmpty()) {
      return content(event, keyLine, keyColumn, depth);
    }
    open.add(anchor.get());
    long budgetBefore = budget;
    int deepestBefore = deepest;
    deepest = depth;
    Placed placed = content(event, keyLine, keyColumn, depth);
    anchors.put(
        anchor.get(),
        new Anchored(placed.node(), placed.place(), budgetBefore - budget + 1, deepest - depth));
    deepest = Math.max(deepest, deepestBefore);
    open.remove(open.size() - 1);
    return placed;
  }

  private Placed content(Event event, int keyLine, int keyColumn, int depth) {
    Mark mark = event.getStartMark().orElseThrow();
    int line = mark.getLine() + 1;
    int column = mark.getColumn() + 1;
    if (event instanceof ScalarEvent scalar) {
      String text = scalar.getValue();
      checkText("this value", text, line, column);
      substitutionFailed = false;
      JsonNode json = scalar(scalar, line, column);
      return new Placed(
          json, new Place(keyLine, keyColumn, line, column, text, substitutionFailed));
    }
    Place place = new Place(keyLine, keyColumn, line, column, null, false);
    deepest = Math.max(deepest, depth + 1);
    if (event instanceof MappingStartEvent mapping) {
      checkTag(mapping, Tag.MAP, line, column);
      return new Placed(mapping(depth), place);
    }
    checkTag((CollectionStartEvent) event, Tag.SEQ, line, column);
    ArrayNode array = JSON.arrayNode();
    List<Place> places = new ArrayList<>();
    while (!events.checkEvent(Event.ID.SequenceEnd)) {
      Placed item = node(0, 0, depth + 1);
      array.add(item.node());
      places.add(item.place());
    }
    events.next();
    items.put(array, places);
    return new Placed(array, place);
  }

  private ObjectNode mapping(int depth) {
    ObjectNode object = JSON.objectNode();
    Map<String, Place> places = new HashMap<>();
    while (!events.checkEvent(Event.ID.MappingEnd)) {
      Event key = events.peekEvent();
      Mark mark = key.getStartMark().orElseThrow();
      int line = mark.getLine() + 1;
      int column = mark.getColumn() + 1;
      String name = keyName(line, column, depth);
      if (name == null) {
        skip(depth); // the value of a key that is a list or map
        continue;
      }
      checkText("this key", name, line, column);
      Place first = places.get(name);
      if (first != null) {
        error(
            line,
            column,
            "duplicate key '"
                + name
                + "' (first at line "
                + first.keyLine()
                + ", column "
                + first.keyColumn()
                + ")");
        skip(depth);
        continue;
      }
      Placed value = node(line, column, depth + 1);
      object.set(name, value.node());
      places.put(name, value.place());
    }
    events.next();
    fields.put(object, places);
    return object;
  }

  /**
   * The next key's text, or null when it is a list or map (reported, and read without a trace).
   * Keys are never substituted: a variable is a value.
   */
  private String keyName(int line, int column, int depth) {
    Event event = events.peekEvent();
    if (event instanceof ScalarEvent scalar) {
      events.next();
      spend(1);
      if (scalar.getAnchor().isPresent()) {
        anchors.put(
            scalar.getAnchor().get(),
            new Anchored(
                JSON.stringNode(scalar.getValue()),
                new Place(0, 0, line, column, scalar.getValue(), false),
                1,
                0));
      }
      if (!isResolved(scalar.getTag()) && !scalar.getTag().get().equals(Tag.STR.getValue())) {
        tagError(scalar.getTag().get(), line, column);
      }
      return scalar.getValue();
    }
    if (event instanceof AliasEvent alias) {
      Anchored anchored = anchors.get(alias.getAlias());
      if (anchored != null && anchored.height() == 0) {
        events.next();
        spend(1);
        return anchored.place().raw();
      }
    }
    error(line, column, "a key must be a plain string, not a list or map");
    skip(depth);
    return null;
  }

  /** Reads the next node for its anchors and limits only: it is not part of the document. */
  private void skip(int depth) {
    muted++;
    node(0, 0, depth + 1);
    muted--;
  }

  private Placed alias(AliasEvent event, int keyLine, int keyColumn, int depth) {
    Anchor name = event.getAlias();
    Mark mark = event.getStartMark().orElseThrow();
    int line = mark.getLine() + 1;
    int column = mark.getColumn() + 1;
    if (open.contains(name)) {
      error(line, column, "an alias refers to a list or map that contains it; remove the loop");
      return new Placed(JSON.nullNode(), new Place(keyLine, keyColumn, line, column, null, false));
    }
    Anchored anchored = anchors.get(name);
    if (anchored == null) {
      // snakeyaml-engine's parser leaves this check to its composer, which is not used here.
      throw new ComposerException(
          "alias *" + name.getValue() + " refers to no anchor &" + name.getValue() + " before it",
          event.getStartMark());
    }
    spend(anchored.nodes());
    if (depth + anchored.height() > Limits.MAX_DEPTH) {
      error(
          line,
          column,
          "through this alias, lists and maps nest more than "
              + Limits.MAX_DEPTH
              + " levels deep; a manifest needs only four");
      return new Placed(JSON.nullNode(), new Place(keyLine, keyColumn, line, column, null, false));
    }
    deepest = Math.max(deepest, depth + anchored.height());
    return new Placed(anchored.node(), anchored.place().withKey(keyLine, keyColumn));
  }

  /**
   * A scalar as JSON by its YAML 1.2 core-schema type, so that the schema can tell a number or
   * boolean from a string and the message can say to quote it. Untagged scalars are resolved as
   * snakeyaml-engine's composer resolves them.
   */
  private JsonNode scalar(ScalarEvent scalar, int line, int column) {
    String text = scalar.getValue();
    Tag tag;
    if (isResolved(scalar.getTag())) {
      tag = YamlReader.resolve(text, scalar.getImplicit().canOmitTagInPlainScalar());
    } else {
      tag = new Tag(scalar.getTag().get());
      // An explicit standard tag must agree with what the text is; any other tag is refused.
      if (!tag.equals(Tag.STR) && !STANDARD_SCALAR_TAGS.contains(tag)) {
        tagError(scalar.getTag().get(), line, column);
        return string(text, line, column);
      }
      if (!tag.equals(Tag.STR) && !YamlReader.resolve(text, true).equals(tag)) {
        error(line, column, "'" + text + "' is not a valid " + shown(tag.getValue()));
        return string(text, line, column);
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
    return string(text, line, column);
  }

  private JsonNode string(String text, int line, int column) {
    if (substitution == null) {
      return JSON.stringNode(text);
    }
    Substitution.Expanded expanded = substitution.expand(text);
    if (!expanded.ok()) {
      expanded.problems().forEach(problem -> error(line, column, problem));
      substitutionFailed = true;
    }
    return JSON.stringNode(expanded.text());
  }

  private void spend(long nodes) {
    budget -= nodes;
    if (budget < 0) {
      throw new ExpansionLimit();
    }
  }

  /** Every scalar as written, before substitution: variables are checked where they are given. */
  private void checkText(String subject, String text, int line, int column) {
    String problem = StorableText.problem(subject, text);
    if (problem != null) {
      error(line, column, problem);
    }
  }

  private void checkTag(CollectionStartEvent event, Tag expected, int line, int column) {
    Optional<String> tag = event.getTag();
    if (!isResolved(tag) && !tag.get().equals(expected.getValue())) {
      tagError(tag.get(), line, column);
    }
  }

  private void tagError(String tag, int line, int column) {
    error(
        line,
        column,
        "tag '" + shown(tag) + "' is not allowed; a manifest holds only strings, lists and maps");
  }

  private void error(int line, int column, String message) {
    if (muted == 0) {
      problems.add(Diagnostic.error(new SourceLocation(file, line, column), message));
    }
  }

  /** Whether a node has no tag of its own (none, or the non-specific {@code !}). */
  private static boolean isResolved(Optional<String> tag) {
    return tag.isEmpty() || tag.get().equals("!");
  }

  /** A tag as written in YAML: {@code !!int} for the standard ones. */
  private static String shown(String tag) {
    return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
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
