package dev.kindeprops.live.file;

import dev.kindeprops.io.AtomicFile;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.StateJson;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.model.StorableText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A state file on disk ({@code schemas/kinde-state.schema.json}). Reading checks the schema and
 * what a schema cannot say (unique ids and keys, references between entries), and names each
 * problem by file and JSON path. Writing is atomic: a crash leaves the old file or the new one.
 */
public final class StateFile {
  /** Problems listed in one error before the rest are only counted. */
  private static final int MAX_PROBLEMS = 20;

  private static final JsonSchema SCHEMA = JsonSchema.load("/schemas/kinde-state.schema.json");

  private final Path path;
  private final String displayName;

  public StateFile(Path path) {
    this.path = path;
    this.displayName = path.normalize().toString().replace('\\', '/');
  }

  public Path path() {
    return path;
  }

  /** The path as the user gave it, with forward slashes. */
  public String displayName() {
    return displayName;
  }

  /**
   * Reads and checks the file.
   *
   * @throws TargetException when it cannot be read or is not a valid state file
   */
  public StateDocument read() {
    return parse(readBytes());
  }

  /** The file's bytes as they are on disk, for {@link #parse(byte[])}. */
  byte[] readBytes() {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new TargetException("state file " + displayName + " does not exist");
    } catch (IOException e) {
      throw new TargetException("cannot read state file " + displayName + ": " + e.getMessage(), e);
    }
  }

  /** Parses and checks bytes read from this file. */
  StateDocument parse(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new TargetException("cannot read state file " + displayName + ": not UTF-8 text");
    }
    return parse(displayName, text);
  }

  /**
   * The file this path names, symbolic links followed: the file that is locked and replaced. A path
   * that names nothing yet is its own.
   */
  Path realPath() {
    try {
      return path.toRealPath();
    } catch (NoSuchFileException e) {
      return path.toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new TargetException("cannot read state file " + displayName + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the document atomically: a temporary file beside the real file (a symbolic link is
   * followed), synced, renamed over it, and the directory synced.
   */
  public void write(StateDocument document) {
    write(format(document).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a snapshot of a live state, which may hold secrets, atomically and readable by its owner
   * alone.
   */
  public void writeSnapshot(StateDocument document) {
    try {
      AtomicFile.writeOwnerOnly(realPath(), format(document).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TargetException(
          "cannot write state file " + displayName + ": " + e.getMessage(), e);
    }
  }

  /** Writes a document's bytes ({@link #format}) atomically. */
  void write(byte[] content) {
    try {
      AtomicFile.write(realPath(), content);
    } catch (IOException e) {
      throw new TargetException(
          "cannot write state file " + displayName + ": " + e.getMessage(), e);
    }
  }

  /** Parses and checks the text of a state file; {@code name} prefixes every problem. */
  public static StateDocument parse(String name, String text) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where = at == null ? name : name + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new TargetException(where + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new TargetException(name + ": empty file; a state file is a JSON object");
    }
    List<String> problems = new ArrayList<>();
    textProblems(root, () -> "$", problems);
    problems.addAll(SCHEMA.problems(root));
    if (problems.isEmpty()) {
      problems = crossReferenceProblems(root);
    }
    if (!problems.isEmpty()) {
      throw new TargetException(describe(name, problems));
    }
    return toDocument(root);
  }

  /** The file text of a document: fixed field order, two-space indentation, final newline. */
  public static String format(StateDocument document) {
    return PrettyJson.write(
        StateJson.fill(
            JsonNodeFactory.instance.objectNode().put("version", 1),
            document.categories(),
            document.properties(),
            document.applications(),
            application -> true));
  }

  private static String describe(String name, List<String> problems) {
    StringBuilder message = new StringBuilder();
    int shown = Math.min(problems.size(), MAX_PROBLEMS);
    for (int i = 0; i < shown; i++) {
      message.append(i == 0 ? "" : "\n").append(name).append(": ").append(problems.get(i));
    }
    if (problems.size() > shown) {
      message.append("\n").append(name).append(": and ");
      message.append(problems.size() - shown).append(" more problems");
    }
    return message.toString();
  }

  /**
   * Every key and string that is not text Kinde can hold, by JSON path. The path is made only for a
   * problem: a state file holds hundreds of thousands of texts.
   */
  private static void textProblems(JsonNode node, Supplier<String> path, List<String> problems) {
    if (node.isString()) {
      check(path, node.stringValue(), problems);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        int index = i;
        textProblems(node.get(i), () -> path.get() + "[" + index + "]", problems);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        check(() -> path.get() + ": a key", key, problems);
        textProblems(field.getValue(), () -> path.get() + "." + key, problems);
      }
    }
  }

  /** Adds the problem of one text, if any, naming it {@code subject}. */
  private static void check(Supplier<String> subject, String text, List<String> problems) {
    if (StorableText.problem("", text) != null) {
      problems.add(StorableText.problem(subject.get(), text));
    }
  }

  /** Unique ids, keys and names, and references that name an existing entry. */
  private static List<String> crossReferenceProblems(JsonNode root) {
    List<String> problems = new ArrayList<>();
    JsonNode categories = root.get("categories");
    unique(categories, "categories", "id", problems);
    unique(categories, "categories", "name", problems);
    JsonNode properties = root.get("properties");
    unique(properties, "properties", "id", problems);
    unique(properties, "properties", "key", problems);
    Set<String> categoryIds = texts(categories, "id");
    for (int i = 0; i < properties.size(); i++) {
      String categoryId = properties.get(i).get("category_id").asString();
      if (!categoryIds.contains(categoryId)) {
        problems.add(
            "$.properties[" + i + "].category_id: no category has id \"" + categoryId + "\"");
      }
    }
    JsonNode applications = root.get("applications");
    unique(applications, "applications", "id", problems);
    Set<String> keys = texts(properties, "key");
    for (int i = 0; i < applications.size(); i++) {
      JsonNode app = applications.get(i);
      JsonNode values = app.get("values");
      if (values != null) {
        for (String key : values.propertyNames()) {
          if (!keys.contains(key)) {
            problems.add(
                "$.applications["
                    + i
                    + "].values."
                    + key
                    + ": no property has key \""
                    + key
                    + "\"");
          }
        }
      }
      JsonNode claims = app.get("claims");
      if (claims != null) {
        for (int j = 0; j < claims.size(); j++) {
          String key = claims.get(j).asString();
          if (!keys.contains(key)) {
            problems.add(
                "$.applications[" + i + "].claims[" + j + "]: no property has key \"" + key + "\"");
          }
        }
      }
    }
    return problems;
  }

  private static void unique(JsonNode items, String list, String field, List<String> problems) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String value = items.get(i).get(field).asString();
      Integer earlier = first.putIfAbsent(value, i);
      if (earlier != null) {
        problems.add(
            "$."
                + list
                + "["
                + i
                + "]."
                + field
                + ": duplicate "
                + field
                + " \""
                + value
                + "\" (also at $."
                + list
                + "["
                + earlier
                + "])");
      }
    }
  }

  private static Set<String> texts(JsonNode items, String field) {
    Set<String> texts = new TreeSet<>();
    items.forEach(item -> texts.add(item.get(field).asString()));
    return texts;
  }

  private static StateDocument toDocument(JsonNode root) {
    List<LiveCategory> categories =
        map(root.get("categories"), c -> new LiveCategory(text(c, "id"), text(c, "name")));
    List<LiveProperty> properties =
        map(
            root.get("properties"),
            p ->
                new LiveProperty(
                    text(p, "id"),
                    text(p, "key"),
                    text(p, "name"),
                    p.has("description") ? text(p, "description") : "",
                    PropertyType.fromWireName(text(p, "type")).orElseThrow(),
                    p.get("is_private").asBoolean(),
                    text(p, "category_id")));
    List<LiveApplication> applications =
        map(
            root.get("applications"),
            a -> {
              TreeMap<String, String> values = new TreeMap<>();
              JsonNode given = a.get("values");
              if (given != null) {
                given.properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
              }
              TreeSet<String> claims = new TreeSet<>();
              JsonNode toggles = a.get("claims");
              if (toggles != null) {
                toggles.forEach(c -> claims.add(c.asString()));
              }
              return new LiveApplication(
                  text(a, "id"), text(a, "name"), text(a, "type"), values, claims);
            });
    return new StateDocument(categories, properties, applications);
  }

  private static String text(JsonNode node, String field) {
    return node.get(field).asString();
  }

  private static <T> List<T> map(JsonNode items, Function<JsonNode, T> read) {
    List<T> list = new ArrayList<>(items.size());
    items.forEach(item -> list.add(read.apply(item)));
    return list;
  }
}
