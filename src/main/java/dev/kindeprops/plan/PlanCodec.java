package dev.kindeprops.plan;

import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.model.ValueRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan JSON of {@code schemas/plan.schema.json}: what {@code plan --format json} prints and
 * {@code plan --out} saves. Fields come in a fixed order with two-space indentation and a final
 * newline, so the same plan always gives the same bytes. Values are never masked here, but those of
 * sensitive properties are sealed ({@link Seal}); a plan read back is {@link Plan#sealed()}. The
 * file carries a digest of its own bytes, so that any edit is refused.
 */
public final class PlanCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Problems listed in one error before the rest are only counted. */
  private static final int MAX_PROBLEMS = 10;

  private PlanCodec() {}

  /**
   * The plan as JSON text, sensitive values sealed, ending in its own digest: the SHA-256 of the
   * text with {@code plan_digest} left empty.
   */
  public static String write(Plan plan) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    write(plan, bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Writes the text {@link #write(Plan)} gives, in UTF-8, to the stream (which stays open). The
   * JSON is made once, as UTF-8 bytes in blocks (never as one string, which would take twice the
   * memory, nor as one array, which would be copied as it grows); the digest of those bytes goes
   * into its empty {@code plan_digest}, the second field, on the way out.
   */
  public static void write(Plan plan, OutputStream out) {
    Blocks unsigned = new Blocks();
    try {
      PrettyJson.write(toJson(plan), unsigned);
      MessageDigest sha256 = Json.sha256();
      for (int i = 0; i < unsigned.count(); i++) {
        sha256.update(unsigned.block(i), 0, unsigned.length(i));
      }
      byte[] first = unsigned.block(0);
      int quote = indexOf(first, unsigned.length(0), EMPTY_DIGEST) + EMPTY_DIGEST.length - 1;
      out.write(first, 0, quote); // up to the closing quote of the empty digest
      out.write(Json.hex(sha256).getBytes(StandardCharsets.US_ASCII));
      out.write(first, quote, unsigned.length(0) - quote);
      for (int i = 1; i < unsigned.count(); i++) {
        out.write(unsigned.block(i), 0, unsigned.length(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final byte[] EMPTY_DIGEST =
      "\"plan_digest\": \"\"".getBytes(StandardCharsets.US_ASCII);

  /** Where {@code text} first starts in the first {@code length} bytes of {@code block}. */
  private static int indexOf(byte[] block, int length, byte[] text) {
    for (int i = 0; i + text.length <= length; i++) {
      if (Arrays.equals(block, i, i + text.length, text, 0, text.length)) {
        return i;
      }
    }
    throw new IllegalStateException("the plan's text has no empty plan_digest near its start");
  }

  /**
   * Bytes kept in blocks of 1 MiB (the first smaller while it holds all), in order. The plan's
   * digest field is in the first few hundred bytes, so it is always in the first block.
   */
  private static final class Blocks extends OutputStream {
    private static final int SIZE = 1 << 20;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] last = new byte[64 * 1024];
    private int used;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      while (length > 0) {
        if (used == last.length) {
          if (last.length < SIZE) {
            last = Arrays.copyOf(last, SIZE); // a small plan stays small
          } else {
            full.add(last);
            last = new byte[SIZE];
            used = 0;
          }
        }
        int n = Math.min(length, last.length - used);
        System.arraycopy(bytes, offset, last, used, n);
        used += n;
        offset += n;
        length -= n;
      }
    }

    int count() {
      return full.size() + 1;
    }

    byte[] block(int i) {
      return i < full.size() ? full.get(i) : last;
    }

    /** How many bytes of block {@code i} are written. */
    int length(int i) {
      return i < full.size() ? SIZE : used;
    }
  }

  /** The plan as a JSON tree, in the order {@link #write} prints it, its digest left empty. */
  private static ObjectNode toJson(Plan plan) {
    Sealer sealer = new Sealer(plan);
    ObjectNode root = NODES.objectNode();
    root.put("format_version", Plan.FORMAT_VERSION);
    root.put("plan_digest", "");
    root.put("tool_version", plan.toolVersion());
    root.put("target", plan.target());
    if (plan.environment() != null) {
      root.put("environment", plan.environment());
    }
    root.put("manifest_digest", plan.manifestDigest());
    root.put("state_fingerprint", plan.stateFingerprint());
    ArrayNode changes = root.putArray("changes");
    plan.changes().forEach(change -> changes.add(change(change, sealer)));
    ObjectNode claims = root.putObject("claims");
    plan.claims()
        .forEach(
            (name, app) -> {
              ObjectNode node = claims.putObject(name).put("application_id", app.applicationId());
              if (app.audience() != null) {
                node.put("audience", app.audience());
              }
              node.set(
                  "before",
                  app.before() == null ? NODES.nullNode() : token(name, app.before(), sealer));
              node.set("after", token(name, app.after(), sealer));
            });
    ObjectNode unmanaged = root.putObject("unmanaged");
    ArrayNode properties = unmanaged.putArray("properties");
    plan.unmanaged().properties().forEach(properties::add);
    unmanaged.put("applications", plan.unmanaged().applications());
    ArrayNode warnings = root.putArray("warnings");
    plan.warnings().forEach(w -> warnings.add(warning(w)));
    ArrayNode sensitive = root.putArray("sensitive_properties");
    plan.sensitiveProperties().forEach(sensitive::add);
    ObjectNode rules = root.putObject("value_rules");
    plan.valueRules()
        .forEach(
            (key, rule) -> {
              ObjectNode node = rules.putObject(key);
              if (!rule.allowed().isEmpty()) {
                rule.allowed().forEach(node.putArray("allowed")::add);
              }
              if (rule.pattern() != null) {
                node.put("pattern", rule.pattern());
              }
            });
    Summary summary = plan.summary();
    root.putObject("summary")
        .put("create", summary.create())
        .put("update", summary.update())
        .put("replace", summary.replace())
        .put("delete", summary.delete())
        .put("manual", summary.manual());
    return root;
  }

  /**
   * A warning as plan and drift JSON show it: {@code address} (null for none) and {@code message}.
   */
  public static ObjectNode warning(Warning warning) {
    return NODES
        .objectNode()
        .put("address", warning.address() == null ? null : warning.address().toString())
        .put("message", warning.message());
  }

  /** {@code {"application_properties": {"region": {"v": "eu"}, "tier": {}}}}, values sealed. */
  private static ObjectNode token(
      String application, SortedMap<String, ClaimValue> claims, Sealer sealer) {
    ObjectNode token = NODES.objectNode();
    ObjectNode properties = token.putObject("application_properties");
    claims.forEach(
        (key, value) -> {
          ObjectNode entry = properties.putObject(key);
          if (value.v() != null) {
            entry.set("v", sealer.value(Address.claim(application, key), key, value.v()));
          }
        });
    return token;
  }

  /** Writes the values of sensitive properties as seals, and the rest as they are. */
  private static final class Sealer {
    private final Plan plan;
    private final String salt;

    Sealer(Plan plan) {
      this.plan = plan;
      this.salt = Seal.salt(plan);
    }

    JsonNode value(Address address, String key, String value) {
      if (value == null) {
        return NODES.nullNode();
      }
      if (!plan.sensitiveProperties().contains(key)) {
        return NODES.stringNode(value);
      }
      String seal = plan.sealed() ? value : Seal.of(salt, address, value);
      return NODES.objectNode().put("sensitive", seal);
    }
  }

  private static ObjectNode change(Change change, Sealer sealer) {
    ObjectNode node = identity(change);
    if (change instanceof ApplicationChange toApplication) {
      node.put("application_id", toApplication.applicationId());
      node.put("key", toApplication.key());
    } else if (change instanceof PropertyChange property) {
      node.put("key", property.key());
    }
    if (change instanceof ValueChange value) {
      node.set("before", sealer.value(value.address(), value.key(), value.before()));
      node.set("after", sealer.value(value.address(), value.key(), value.after()));
    } else {
      node.set("before", side(change, true));
      node.set("after", side(change, false));
    }
    node.put("manual", change.manual());
    if (change instanceof ClaimChange claim && claim.stateUnknown()) {
      node.put("state_unknown", true);
    }
    return node;
  }

  /** A change's {@code address}, {@code kind} and {@code action}, as plan and drift JSON begin. */
  public static ObjectNode identity(Change change) {
    return NODES
        .objectNode()
        .put("address", change.address().toString())
        .put("kind", change.kind().wireName())
        .put("action", change.action().wireName());
  }

  /**
   * One side of a change as JSON: a category's name, a property's fields (those the target tells),
   * a value (in clear: callers mask sensitive ones), {@code true} for a toggle that is on; null
   * where there is nothing.
   *
   * @param before the side before the change, else the side after it
   */
  public static JsonNode side(Change change, boolean before) {
    if (before ? !change.hasBefore() : !change.hasAfter()) {
      return NODES.nullNode();
    }
    if (change instanceof CategoryChange category) {
      return NODES.objectNode().put("name", category.name());
    }
    if (change instanceof PropertyChange property) {
      return fields(before ? property.before() : property.after());
    }
    if (change instanceof ValueChange value) {
      return NODES.stringNode(before ? value.before() : value.after());
    }
    return NODES.booleanNode(true);
  }

  /** A property's fields under their wire names, leaving out those that are not known. */
  private static ObjectNode fields(PropertyFields fields) {
    ObjectNode node = NODES.objectNode().put("key", fields.key());
    for (PropertyFields.Field field : PropertyFields.Field.values()) {
      Object value = field.of(fields);
      if (value instanceof Boolean flag) {
        node.put(field.wireName(), flag);
      } else if (value != null) {
        node.put(field.wireName(), (String) value);
      }
    }
    return node;
  }

  /**
   * Reads a plan saved by {@link #write}.
   *
   * @param name the file's name, for messages
   * @throws PlanFormatException when the text is not a plan this version can carry out
   */
  public static Plan read(String name, String text) {
    if (text.startsWith("\uFEFF")) {
      throw changed(name); // kinde-props never writes a byte order mark
    }
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
    if (version.isIntegralNumber()
        && !version.bigIntegerValue().equals(BigInteger.valueOf(Plan.FORMAT_VERSION))) {
      throw new PlanFormatException(
          name
              + ": plan format version "
              + version.bigIntegerValue()
              + " is not supported (this kinde-props reads version "
              + Plan.FORMAT_VERSION
              + "); make the plan again with this version");
    }
    JsonNode digest = root.get("plan_digest");
    if (digest == null || !digest.isString()) {
      throw new PlanFormatException(
          name + ": the plan file has no plan_digest; save it again with kinde-props plan --out");
    }
    String unsigned =
        text.replaceFirst(
            Pattern.quote("\"plan_digest\": \"" + digest.asString() + "\""),
            Matcher.quoteReplacement("\"plan_digest\": \"\""));
    if (!Json.sha256(unsigned.getBytes(StandardCharsets.UTF_8)).equals(digest.asString())) {
      throw changed(name);
    }
    List<String> problems = Schema.PLAN.problems(root);
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
    return fromJson(name, root);
  }

  private static PlanFormatException changed(String name) {
    return new PlanFormatException(
        name
            + ": the plan file was changed after kinde-props wrote it (its plan_digest does not"
            + " match its content); make it again with kinde-props plan --out");
  }

  private static Plan fromJson(String name, JsonNode root) {
    List<Change> changes = new ArrayList<>();
    JsonNode list = root.get("changes");
    for (int i = 0; i < list.size(); i++) {
      changes.add(change(name, i, list.get(i)));
    }
    SortedMap<String, ApplicationClaims> claims = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : root.get("claims").properties()) {
      JsonNode app = entry.getValue();
      claims.put(
          entry.getKey(),
          new ApplicationClaims(
              app.get("application_id").asString(),
              app.has("audience") ? app.get("audience").asString() : null,
              app.get("before").isNull() ? null : claims(app.get("before")),
              claims(app.get("after"))));
    }
    JsonNode unmanaged = root.get("unmanaged");
    TreeSet<String> unmanagedProperties = new TreeSet<>();
    unmanaged.get("properties").forEach(key -> unmanagedProperties.add(key.asString()));
    List<Warning> warnings = new ArrayList<>();
    for (JsonNode warning : root.get("warnings")) {
      JsonNode address = warning.get("address");
      try {
        warnings.add(
            new Warning(
                address.isNull() ? null : Address.parse(address.asString()),
                warning.get("message").asString()));
      } catch (IllegalArgumentException e) {
        throw new PlanFormatException(
            name + ": not a valid plan file: a warning's address " + e.getMessage());
      }
    }
    TreeSet<String> sensitive = new TreeSet<>();
    root.get("sensitive_properties").forEach(key -> sensitive.add(key.asString()));
    SortedMap<String, ValueRules> rules = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : root.get("value_rules").properties()) {
      List<String> allowed = new ArrayList<>();
      entry.getValue().path("allowed").forEach(value -> allowed.add(value.asString()));
      rules.put(entry.getKey(), new ValueRules(allowed, text(entry.getValue(), "pattern")));
    }
    return new Plan(
        root.get("tool_version").asString(),
        root.get("target").asString(),
        root.get("manifest_digest").asString(),
        root.get("state_fingerprint").asString(),
        changes,
        claims,
        new Unmanaged(unmanagedProperties, unmanaged.get("applications").asInt()),
        warnings,
        sensitive,
        rules,
        true,
        text(root, "environment"));
  }

  /**
   * One change as the planner makes it, or a refusal naming it: the schema checks each field's
   * shape, this checks that its address, key and fields agree.
   */
  private static Change change(String name, int index, JsonNode node) {
    String address = node.get("address").asString();
    try {
      Address parsed = Address.parse(address);
      Kind kind = Kind.valueOf(node.get("kind").asString().toUpperCase(Locale.ROOT));
      Action action = Action.valueOf(node.get("action").asString().toUpperCase(Locale.ROOT));
      String key = text(node, "key");
      String applicationId = text(node, "application_id");
      boolean manual = node.get("manual").asBoolean();
      Change change =
          switch (kind) {
            case CATEGORY -> new CategoryChange(node.get("after").get("name").asString());
            case PROPERTY ->
                new PropertyChange(
                    action, key, fields(key, node.get("before")), fields(key, node.get("after")));
            case VALUE ->
                new ValueChange(
                    action,
                    parsed.application(),
                    applicationId,
                    key,
                    value(node.get("before")),
                    value(node.get("after")));
            case CLAIM ->
                new ClaimChange(
                    action,
                    parsed.application(),
                    applicationId,
                    key,
                    manual,
                    node.path("state_unknown").asBoolean(false));
          };
      if (!change.address().equals(parsed)) {
        throw new IllegalArgumentException("its address does not name what it changes");
      }
      if (change.manual() != manual) {
        throw new IllegalArgumentException("only a claim toggle can be manual");
      }
      if (node.has("state_unknown") && kind != Kind.CLAIM) {
        throw new IllegalArgumentException("only a claim toggle can have an unknown state");
      }
      return change;
    } catch (IllegalArgumentException e) {
      throw new PlanFormatException(
          name
              + ": not a valid plan file: $.changes["
              + index
              + "] ("
              + address
              + "): "
              + e.getMessage());
    }
  }

  /**
   * A property's fields from plan JSON, or null; the schema has checked their types.
   *
   * @throws IllegalArgumentException when they leave out the name
   */
  private static PropertyFields fields(String key, JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    String name = text(node, "name");
    if (name == null) {
      throw new IllegalArgumentException("the fields of property '" + key + "' have no name");
    }
    String type = text(node, "type");
    return new PropertyFields(
        Objects.requireNonNullElse(text(node, "key"), key),
        name,
        text(node, "description"),
        type == null ? null : PropertyType.fromWireName(type).orElseThrow(),
        text(node, "category"),
        node.path("is_private").asBoolean(true));
  }

  /** A value as plan JSON holds it: the value, the seal of a sensitive one, or null. */
  private static String value(JsonNode node) {
    if (node.isObject()) {
      return node.get("sensitive").asString();
    }
    return node.isNull() ? null : node.asString();
  }

  /** The string at {@code field}, or null when absent or null. */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static SortedMap<String, ClaimValue> claims(JsonNode token) {
    SortedMap<String, ClaimValue> claims = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : token.get("application_properties").properties()) {
      JsonNode v = entry.getValue().get("v");
      claims.put(entry.getKey(), new ClaimValue(v == null ? null : value(v)));
    }
    return claims;
  }

  /** The plan schema, loaded on first use: writing a plan never needs it. */
  private static final class Schema {
    static final JsonSchema PLAN = JsonSchema.load("/schemas/plan.schema.json");
  }
}
