package dev.kindeprops.manifest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.kindeprops.diag.Diagnostic;
import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.json.Json;
import dev.kindeprops.text.Spelling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Validates manifest documents against {@code schemas/kinde-props.schema.json}, the source of truth
 * for their shape, and turns each schema error into a plain-English diagnostic at the line and
 * column where the offending key or value is written.
 */
public final class ManifestSchema {
  /** Where the schema sits in the jar (the build copies {@code schemas/} there). */
  static final String RESOURCE = "/schemas/kinde-props.schema.json";

  private ManifestSchema() {}

  /** The schema's text, as {@code kinde-props schema} prints it and export copies it. */
  public static String text() {
    try (InputStream in = ManifestSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the manifest schema is missing from the build");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every schema error of the document, as diagnostics. */
  static List<Diagnostic> validate(ManifestDocument document) {
    List<Error> errors = Validator.SCHEMA.validate(document.root());
    Set<String> misspelt = misspeltRequiredFields(errors);
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Error error : errors) {
      List<Object> path = elements(error.getInstanceLocation());
      if (document.isUnresolved(pointer(path))) {
        continue; // the failed substitution is reported already
      }
      if ("required".equals(error.getKeyword())
          && misspelt.contains(pointer(path) + "/" + error.getProperty())) {
        continue; // "unknown field 'categroy' …; did you mean 'category'?" says it already
      }
      diagnostics.add(describe(document, error, path));
    }
    return diagnostics;
  }

  /**
   * The fields, as {@code pointer/field}, that an unknown field beside them is a misspelling of: a
   * missing required field that is misspelt needs one error, not two.
   */
  private static Set<String> misspeltRequiredFields(List<Error> errors) {
    Set<String> misspelt = new HashSet<>();
    for (Error error : errors) {
      if ("additionalProperties".equals(error.getKeyword())) {
        String schemaPath = error.getSchemaLocation().getFragment().toString();
        String pointer = pointer(elements(error.getInstanceLocation()));
        Spelling.closest(error.getProperty(), allowedFields(schemaPath))
            .ifPresent(field -> misspelt.add(pointer + "/" + field));
      }
    }
    return misspelt;
  }

  private static Diagnostic describe(ManifestDocument document, Error error, List<Object> path) {
    String pointer = pointer(path);
    JsonNode instance = document.root().at(JsonPointer.compile(pointer));
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    String property = error.getProperty();
    String schemaPath = error.getSchemaLocation().getFragment().toString();
    return switch (keyword) {
      case "additionalProperties" -> {
        String at = ManifestDocument.child(pointer, property);
        yield Diagnostic.error(document.keyAt(at), unknownField(property, path, schemaPath));
      }
      case "propertyNames" -> {
        String at = ManifestDocument.child(pointer, property);
        yield Diagnostic.error(document.keyAt(at), badName(property, namedBy(path)));
      }
      case "required" -> {
        SourceLocation at = document.keyAt(pointer);
        if (path.isEmpty()) {
          yield Diagnostic.error(
              new SourceLocation(document.file(), Math.max(at.line(), 1), Math.max(at.column(), 1)),
              "missing 'version: 1'; every manifest file says which format it is written in");
        }
        yield Diagnostic.error(
            at, ownerName(path) + " is missing the required field '" + property + "'");
      }
      case "uniqueItems" -> duplicateItem(document, pointer, path, instance);
      default ->
          Diagnostic.error(
              document.valueAt(pointer),
              valueMessage(keyword, error, path, instance, document.raw(pointer), schemaPath));
    };
  }

  private static String valueMessage(
      String keyword,
      Error error,
      List<Object> path,
      JsonNode instance,
      String raw,
      String schemaPath) {
    String subject = subject(path);
    return switch (keyword) {
      case "type" -> typeMessage(error, subject, instance, isValue(path) ? null : raw);
      case "const" ->
          path.equals(List.of("version"))
              ? "'version' must be the number 1, not "
                  + (instance.isString() ? "the string '" + instance.stringValue() + "'" : raw)
              : subject + " must be " + error.getArguments()[0];
      case "enum" ->
          subject
              + " must be one of "
              + allowedList(error.getSchemaNode())
              + ", not "
              + describeValue(instance, raw);
      case "pattern", "not" -> patternMessage(path, instance, raw, schemaPath);
      case "minLength" -> subject + " must not be empty";
      case "minItems" -> subject + " must list at least one item; remove it to allow any value";
      default -> subject + ": " + error.getMessage();
    };
  }

  /**
   * Whether the path names a property value; its text is left out of messages, since whether the
   * property is sensitive is only known once every file is read.
   */
  private static boolean isValue(List<Object> path) {
    return path.size() >= 2 && "values".equals(path.get(path.size() - 2));
  }

  /** {@code raw} is the scalar's text as written, or null where it must not be shown. */
  private static String typeMessage(Error error, String subject, JsonNode instance, String raw) {
    Object[] arguments = error.getArguments();
    String expected = arguments != null && arguments.length > 1 ? arguments[1].toString() : "";
    String found = kind(instance);
    if (instance.isNull()) {
      return switch (expected) {
        case "object" -> subject + " is empty; give it entries or remove it";
        case "array" -> subject + " is empty; list items or remove it";
        default -> subject + " has no value; write one or remove it";
      };
    }
    return switch (expected) {
      case "string" ->
          instance.isNumber() || instance.isBoolean()
              ? raw == null
                  ? "the value for " + subject + " is " + found + "; quote it"
                  : "value "
                      + raw
                      + " for "
                      + subject
                      + " is "
                      + found
                      + "; quote it: \""
                      + raw
                      + "\""
              : subject + " must be a string, not " + found;
      case "boolean" -> subject + " must be true or false, not " + describeValue(instance, raw);
      case "array" ->
          instance.isString()
              ? subject + " must be a list, not a string; write [" + raw + "]"
              : subject + " must be a list, not " + found;
      case "object" -> subject + " must be a map, not " + found;
      default -> subject + " must be " + expected + ", not " + found;
    };
  }

  private static String patternMessage(
      List<Object> path, JsonNode instance, String raw, String schemaPath) {
    String value = instance.isString() ? instance.stringValue() : raw;
    if (schemaPath.endsWith("/id/pattern")) {
      return "application id '"
          + value
          + "' is not a Kinde application id (32 lower-case hexadecimal characters)";
    }
    if (schemaPath.startsWith("/$defs/localName")) {
      return badName(value, "profile name");
    }
    return badName(value, "property key");
  }

  /** Why a key or name is not allowed: Kinde's reserved prefix, or the wrong characters. */
  static String badName(String name, String what) {
    if (what.equals("property key") && name.startsWith("kp_")) {
      return "property key '" + name + "' is reserved: keys starting with 'kp_' belong to Kinde";
    }
    String rule =
        what.equals("property key")
            ? "a lower-case letter, then up to 63 lower-case letters, digits or '_'"
            : "a lower-case letter or digit, then up to 63 lower-case letters, digits, '-' or '_'";
    return what + " '" + name + "' is malformed: use " + rule;
  }

  private static String unknownField(String field, List<Object> path, String schemaPath) {
    String where = path.isEmpty() ? " at the top level" : " in " + ownerName(path);
    if (field.equals("<<")) {
      return "YAML merge keys ('<<') are not supported" + where + "; use profiles to share values";
    }
    Set<String> allowed = allowedFields(schemaPath);
    String hint =
        Spelling.closest(field, allowed)
            .map(c -> "; did you mean '" + c + "'?")
            .orElse(" (allowed: " + String.join(", ", allowed) + ")");
    return "unknown field '" + field + "'" + where + hint;
  }

  /** The field names the schema allows where {@code additionalProperties: false} failed. */
  private static Set<String> allowedFields(String schemaPath) {
    String parent = schemaPath.substring(0, schemaPath.lastIndexOf('/'));
    JsonNode properties = Validator.SCHEMA_JSON.at(JsonPointer.compile(parent)).path("properties");
    return new java.util.LinkedHashSet<>(properties.propertyNames());
  }

  private static Diagnostic duplicateItem(
      ManifestDocument document, String pointer, List<Object> path, JsonNode list) {
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!seen.add(list.get(i))) {
        String at = ManifestDocument.child(pointer, i);
        String shown = list.get(i).isString() ? list.get(i).stringValue() : document.raw(at);
        return Diagnostic.error(
            document.valueAt(at), "'" + shown + "' is listed twice in " + subject(path));
      }
    }
    return Diagnostic.error(document.valueAt(pointer), subject(path) + " lists an item twice");
  }

  /** How a message names the node at this path: {@code 'name'} or {@code item 2 of 'allowed'}. */
  static String subject(List<Object> path) {
    if (path.isEmpty()) {
      return "the file";
    }
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer index && path.size() > 1) {
      return "item " + (index + 1) + " of '" + path.get(path.size() - 2) + "'";
    }
    if (path.size() == 1 && path.get(0).equals("version")) {
      return "'version'";
    }
    if (path.size() == 2) {
      return ownerName(path);
    }
    return "'" + last + "'";
  }

  /** How a message names the map at this path, such as {@code property 'region'}. */
  static String ownerName(List<Object> path) {
    if (path.size() == 2) {
      String name = String.valueOf(path.get(1));
      switch (String.valueOf(path.get(0))) {
        case "properties":
          return "property '" + name + "'";
        case "profiles":
          return "profile '" + name + "'";
        case "applications":
          return "application '" + name + "'";
        default:
          break;
      }
    }
    if (path.isEmpty()) {
      return "the file";
    }
    String field = "'" + path.get(path.size() - 1) + "'";
    return path.size() > 2 ? field + " of " + ownerName(path.subList(0, 2)) : field;
  }

  /** What the keys of the map at this path are, for messages about a malformed key. */
  private static String namedBy(List<Object> path) {
    if (path.equals(List.of("profiles"))) {
      return "profile name";
    }
    if (path.equals(List.of("applications"))) {
      return "application name";
    }
    return "property key";
  }

  private static String kind(JsonNode node) {
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a map";
    }
    return "empty";
  }

  private static String describeValue(JsonNode node, String raw) {
    if (node.isString()) {
      return "'" + node.stringValue() + "'";
    }
    return raw != null ? raw + " (" + kind(node) + ")" : kind(node);
  }

  private static String allowedList(JsonNode enumNode) {
    List<String> values = new ArrayList<>();
    enumNode.values().forEach(v -> values.add(v.isString() ? v.stringValue() : v.toString()));
    return values.stream().collect(Collectors.joining(", "));
  }

  private static List<Object> elements(NodePath path) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      elements.add(path.getElement(i));
    }
    return elements;
  }

  private static String pointer(List<Object> path) {
    String pointer = "";
    for (Object element : path) {
      pointer =
          element instanceof Integer index
              ? ManifestDocument.child(pointer, index)
              : ManifestDocument.child(pointer, element.toString());
    }
    return pointer;
  }

  private static JsonNode readSchema() {
    try (InputStream in = ManifestSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the manifest schema is missing from the build");
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The schema and its validator, built on first use: {@code kinde-props schema} prints the text
   * and needs neither.
   */
  private static final class Validator {
    static final JsonNode SCHEMA_JSON = readSchema();
    static final Schema SCHEMA = schema();

    /** The schema with every validator made now: files are validated on several threads. */
    private static Schema schema() {
      Schema schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(SCHEMA_JSON);
      schema.initializeValidators();
      return schema;
    }
  }
}
