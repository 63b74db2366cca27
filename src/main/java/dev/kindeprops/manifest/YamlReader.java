package dev.kindeprops.manifest;

import dev.kindeprops.diag.SourceLocation;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Parses YAML 1.2 with source marks into events, bounded: nesting and aliases are counted as the
 * events are read (snakeyaml-engine has no depth limit of its own), and every error of the parser
 * becomes a {@link YamlProblem} at its line and column. No tag ever constructs an object. Manifests
 * are converted from the events directly ({@link DocumentConverter}); variable files, small by
 * nature, are composed into a node tree.
 */
final class YamlReader {
  /** What reads the events of a file: {@code events} starts before the stream-start event. */
  interface EventReader<T> {
    T read(Parser events) throws YamlProblem;
  }

  /**
   * YAML 1.2's core schema, except that {@code <<} stays a plain key: merge keys copy maps while
   * composing, which would let a small file grow large before any limit of ours applies.
   */
  private static final Schema CORE_WITHOUT_MERGE =
      new Schema() {
        private final CoreSchema core = new CoreSchema();

        @Override
        public ScalarResolver getScalarResolver() {
          ScalarResolver resolver = core.getScalarResolver();
          return (value, implicit) -> {
            if (implicit && isPlainWord(value)) {
              return Tag.STR; // most scalars: skip the core schema's regular expressions
            }
            Tag tag = resolver.resolve(value, implicit);
            return tag.equals(Tag.MERGE) ? Tag.STR : tag;
          };
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
          return core.getSchemaTagConstructors();
        }
      };

  private static final ScalarResolver RESOLVER = CORE_WITHOUT_MERGE.getScalarResolver();

  private YamlReader() {}

  /**
   * The core-schema tag of an untagged scalar with this text: {@code implicit} for a plain one (a
   * quoted scalar is always a string).
   */
  static Tag resolve(String text, boolean implicit) {
    return RESOLVER.resolve(text, implicit);
  }

  /**
   * Whether a plain scalar starts with a letter that no null, boolean or number of the core schema
   * starts with ({@code null}, {@code true}, {@code false} and their capitalised forms start with
   * n, t or f), so that it is a string.
   */
  static boolean isPlainWord(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    boolean letter = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
    return letter && "nNtTfF".indexOf(first) < 0;
  }

  /**
   * The file's events as {@code reader} reads them.
   *
   * @throws YamlProblem for a syntax error or a limit exceeded, and whatever {@code reader} throws
   */
  static <T> T read(String name, String text, EventReader<T> reader) throws YamlProblem {
    LoadSettings settings = settings(name);
    try {
      return reader.read(
          new BoundedParser(new ParserImpl(settings, new StreamReader(settings, text))));
    } catch (LimitExceeded e) {
      throw new YamlProblem(at(name, e.mark()), e.getMessage());
    } catch (ReaderException e) {
      throw new YamlProblem(
          atCodePoint(name, text, e.getPosition()),
          String.format(
              "%s U+%04X is not allowed in YAML; remove it",
              Character.getType(e.getCodePoint()) == Character.CONTROL
                  ? "control character"
                  : "character",
              e.getCodePoint()));
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      throw new YamlProblem(at(name, mark), syntaxMessage(e));
    } catch (YamlEngineException e) {
      throw new YamlProblem(SourceLocation.ofFile(name), "cannot load YAML: " + e.getMessage());
    }
  }

  /**
   * The document's root node, or empty when the file holds no document (only comments or nothing).
   *
   * @throws YamlProblem for a syntax error, a limit exceeded, or more than one document
   */
  static Optional<Node> compose(String name, String text) throws YamlProblem {
    return read(
        name,
        text,
        events -> {
          Composer composer = new Composer(settings(name), events);
          if (!composer.hasNext()) {
            return Optional.empty();
          }
          Node root = composer.next();
          if (composer.hasNext()) {
            throw secondDocument(name, events);
          }
          return Optional.of(root);
        });
  }

  private static LoadSettings settings(String name) {
    return LoadSettings.builder()
        .setLabel(name)
        .setSchema(CORE_WITHOUT_MERGE)
        .setAllowNonScalarKeys(true)
        .setUseMarks(true)
        .setParseComments(false)
        .setAllowRecursiveKeys(false)
        .setMaxAliasesForCollections(Limits.MAX_ALIASES)
        .setCodePointLimit((int) Limits.MAX_FILE_BYTES)
        .build();
  }

  /** The problem of a second document in a file, which {@code events} is about to start. */
  static YamlProblem secondDocument(String name, Parser events) {
    return new YamlProblem(
        at(name, events.peekEvent().getStartMark()),
        "a second YAML document starts here; put each manifest in its own file");
  }

  /** A position from a mark (0-based) as a 1-based location; the whole file without one. */
  static SourceLocation at(String name, Optional<Mark> mark) {
    return mark.map(m -> new SourceLocation(name, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourceLocation.ofFile(name));
  }

  private static SourceLocation atCodePoint(String name, String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int index = 0;
    for (int i = 0; i < text.length() && index < codePointIndex; index++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SourceLocation(name, line, column);
  }

  private static String syntaxMessage(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem().strip();
    if (problem.contains("(TAB)")) {
      return "tab character used for indentation; YAML indents with spaces only";
    }
    StringBuilder message = new StringBuilder("YAML syntax error: ").append(problem);
    if (problem.startsWith("mapping values are not allowed")) {
      message.append(" (quote a value that holds ': ')");
    }
    String context = e.getContext();
    if (context != null && !context.isBlank() && e.getProblemMark().isPresent()) {
      message.append(" (").append(context.strip());
      e.getContextMark()
          .ifPresent(
              m ->
                  message
                      .append(" that starts at line ")
                      .append(m.getLine() + 1)
                      .append(", column ")
                      .append(m.getColumn() + 1));
      message.append(')');
    }
    return message.toString();
  }

  /** Stops composition before snakeyaml-engine's recursion could overflow the stack. */
  private static final class LimitExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<Mark> mark;

    LimitExceeded(String message, Optional<Mark> mark) {
      super(message, null, false, false);
      this.mark = mark;
    }

    Optional<Mark> mark() {
      return mark;
    }
  }

  /** A parser that counts nesting and aliases as the composer pulls events through it. */
  private static final class BoundedParser implements Parser {
    private final Parser parser;
    private int depth;
    private int aliases;

    BoundedParser(Parser parser) {
      this.parser = parser;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
      return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
      return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
      return parser.hasNext();
    }

    @Override
    public Event next() {
      Event event = parser.next();
      switch (event.getEventId()) {
        case MappingStart, SequenceStart -> {
          if (++depth > Limits.MAX_DEPTH) {
            throw new LimitExceeded(
                "lists and maps nest more than "
                    + Limits.MAX_DEPTH
                    + " levels deep; a manifest needs only four",
                event.getStartMark());
          }
        }
        case MappingEnd, SequenceEnd -> depth--;
        case Alias -> {
          if (++aliases > Limits.MAX_ALIASES) {
            throw new LimitExceeded(
                "more than "
                    + Limits.MAX_ALIASES
                    + " aliases in one file; aliases are limited to keep loading safe",
                event.getStartMark());
          }
        }
        default -> {}
      }
      return event;
    }
  }
}
