package dev.kindeprops.plan;

import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import dev.kindeprops.json.PrettyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan JSON of {@code schemas/plan.schema.json}: what {@code plan --format json} prints and
 * {@code plan --out} saves. Fields come in a fixed order with two-space indentation and a final
 * newline, so the same plan always gives the same bytes. Values are never masked here.
 */
public final class PlanCodec {
  private static final JsonSchema SCHEMA = JsonSchema.load("/schemas/plan.schema.json");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Problems listed in one error before the rest are only counted. */
  private static final int MAX_PROBLEMS = 10;

  private PlanCodec() {}

  /** The plan as JSON text. */
  public static String write(Plan plan) {
    return PrettyJson.write(toJson(plan));
  }

  /** The plan as a JSON tree, in the order {@link #write} prints it. */
  public static ObjectNode toJson(Plan plan) {
    ObjectNode root = NODES.objectNode();
    root.put("format_version", Plan.FORMAT_VERSION);
    root.put("tool_version", plan.toolVersion());
    root.put("target", plan.target());
    root.put("manifest_digest", plan.manifestDigest());
    root.put("state_fingerprint", plan.stateFingerprint());
    ArrayNode changes = root.putArray("changes");
    plan.changes().forEach(change -> changes.add(change(change)));
    ObjectNode claims = root.putObject("claims");
    plan.claims()
        .forEach(
            (name, app) -> {
              ObjectNode node = claims.putObject(name).put("application_id", app.applicationId());
              node.set("before", app.before() == null ? NODES.nullNode() : token(app.before()));
              node.set("after", token(app.after()));
            });
    ObjectNode unmanaged = root.putObject("unmanaged");
    ArrayNode properties = unmanaged.putArray("properties");
    plan.unmanaged().properties().forEach(properties::add);
    unmanaged.put("applications", plan.unmanaged().applications());
    ArrayNode warnings = root.putArray("warnings");
    plan.warnings()
        .forEach(w -> warnings.addObject().put("address", w.address()).put("message", w.message()));
    ArrayNode sensitive = root.putArray("sensitive_properties");
    plan.sensitiveProperties().forEach(sensitive::add);
    Summary summary = plan.summary();
    root.putObject("summary")
        .put("create", summary.create())
        .put("update", summary.update())
        .put("replace", summary.replace())
        .put("delete", summary.delete())
        .put("manual", summary.manual());
    return root;
  }

  /** {@code {"application_properties": {"region": {"v": "eu"}, "tier": {}}}}. */
  public static ObjectNode token(SortedMap<String, ClaimValue> claims) {
    ObjectNode token = NODES.objectNode();
    ObjectNode properties = token.putObject("application_properties");
    claims.forEach(
        (key, value) -> {
          ObjectNode entry = properties.putObject(key);
          if (value.v() != null) {
            entry.put("v", value.v());
          }
        });
    return token;
  }

  private static ObjectNode change(Change change) {
    ObjectNode node =
        NODES
            .objectNode()
            .put("address", change.address())
            .put("kind", change.kind().wireName())
            .put("action", change.action().wireName());
    if (change.applicationId() != null) {
      node.put("application_id", change.applicationId());
    }
    if (change.key() != null) {
      node.put("key", change.key());
    }
    node.set("before", state(change.before()));
    node.set("after", state(change.after()));
    node.put("manual", change.manual());
    return node;
  }

  private static JsonNode state(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof String text) {
      return NODES.stringNode(text);
    }
    if (value instanceof Boolean flag) {
      return NODES.booleanNode(flag);
    }
    ObjectNode fields = NODES.objectNode();
    ((Map<?, ?>) value).forEach((name, field) -> fields.set(name.toString(), state(field)));
    return fields;
  }

  /**
   * Reads a plan saved by {@link #write}.
   *
   * @param name the file's name, for messages
   * @throws PlanFormatException when the text is not a plan this version can carry out
   */
  public static Plan read(String name, String text) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new PlanFormatException(name + ": not a plan file: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new PlanFormatException(name + ": not a plan file: expected a JSON object");
    }
    JsonNode version = root.get("format_version");
    if (version == null) {
      throw new PlanFormatException(
          name
              + ": not a plan file (it has no format_version); save one with kinde-props plan"
              + " --out");
    }
    if (version.isIntegralNumber() && version.asInt() != Plan.FORMAT_VERSION) {
      throw new PlanFormatException(
          name
              + ": plan format version "
              + version.asInt()
              + " is not supported (this kinde-props reads version "
              + Plan.FORMAT_VERSION
              + "); make the plan again with this version");
    }
    List<String> problems = SCHEMA.problems(root);
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder(name + ": not a valid plan file:");
      problems.stream()
          .limit(MAX_PROBLEMS)
          .forEach(problem -> message.append("\n").append(name).append(": ").append(problem));
      if (problems.size() > MAX_PROBLEMS) {
        message.append("\n").append(name).append(": and ");
        message.append(problems.size() - MAX_PROBLEMS).append(" more problems");
      }
      throw new PlanFormatException(message.toString());
    }
    Plan plan = fromJson(root);
    if (!plan.summary().equals(summary(root.get("summary")))) {
      throw new PlanFormatException(
          name + ": the summary does not match the changes; the plan file was edited");
    }
    return plan;
  }

  private static Plan fromJson(JsonNode root) {
    List<Change> changes = new ArrayList<>();
    for (JsonNode node : root.get("changes")) {
      Kind kind = Kind.valueOf(node.get("kind").asString().toUpperCase(Locale.ROOT));
      changes.add(
          new Change(
              node.get("address").asString(),
              kind,
              Action.valueOf(node.get("action").asString().toUpperCase(Locale.ROOT)),
              node.has("application_id") ? node.get("application_id").asString() : null,
              node.has("key") ? node.get("key").asString() : null,
              value(node.get("before")),
              value(node.get("after")),
              node.get("manual").asBoolean()));
    }
    SortedMap<String, ApplicationClaims> claims = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : root.get("claims").properties()) {
      JsonNode app = entry.getValue();
      claims.put(
          entry.getKey(),
          new ApplicationClaims(
              app.get("application_id").asString(),
              app.get("before").isNull() ? null : claims(app.get("before")),
              claims(app.get("after"))));
    }
    JsonNode unmanaged = root.get("unmanaged");
    TreeSet<String> unmanagedProperties = new TreeSet<>();
    unmanaged.get("properties").forEach(key -> unmanagedProperties.add(key.asString()));
    List<Warning> warnings = new ArrayList<>();
    for (JsonNode warning : root.get("warnings")) {
      JsonNode address = warning.get("address");
      warnings.add(
          new Warning(
              address.isNull() ? null : address.asString(), warning.get("message").asString()));
    }
    TreeSet<String> sensitive = new TreeSet<>();
    root.get("sensitive_properties").forEach(key -> sensitive.add(key.asString()));
    return new Plan(
        root.get("tool_version").asString(),
        root.get("target").asString(),
        root.get("manifest_digest").asString(),
        root.get("state_fingerprint").asString(),
        changes,
        claims,
        new Unmanaged(unmanagedProperties, unmanaged.get("applications").asInt()),
        warnings,
        sensitive);
  }

  private static Object value(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isString()) {
      return node.asString();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    node.properties().forEach(field -> fields.put(field.getKey(), value(field.getValue())));
    return fields;
  }

  private static SortedMap<String, ClaimValue> claims(JsonNode token) {
    SortedMap<String, ClaimValue> claims = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : token.get("application_properties").properties()) {
      JsonNode v = entry.getValue().get("v");
      claims.put(entry.getKey(), new ClaimValue(v == null ? null : v.asString()));
    }
    return claims;
  }

  private static Summary summary(JsonNode node) {
    return new Summary(
        node.get("create").asInt(),
        node.get("update").asInt(),
        node.get("replace").asInt(),
        node.get("delete").asInt(),
        node.get("manual").asInt());
  }
}
