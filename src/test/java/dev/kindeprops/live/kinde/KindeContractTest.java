package dev.kindeprops.live.kinde;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.kindeprops.json.Json;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.PropertyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every request the client sends and every answer the fake server gives in a representative run
 * (reads over several pages, every write, claim observation, and the declared errors 400, 403 and
 * 429) must be what Kinde's OpenAPI spec declares: a declared path, method and query parameters
 * with valid values, request bodies valid against the operation's schema, a declared status, and
 * response bodies valid against the schema for that status and content type. The token endpoint and
 * the JWKS are OAuth/OIDC endpoints outside the spec.
 */
class KindeContractTest {
  /**
   * Kinde's spec: {@code KINDE_SPEC} names it ({@code .ci/run} and the GitHub workflow set it),
   * else it is looked for in {@code ../shared/reference/}. It stays out of this repository: it is
   * Kinde's file.
   */
  private static final Path SPEC =
      Path.of(
          Objects.requireNonNullElse(
              System.getenv("KINDE_SPEC"),
              "../shared/reference/kinde-management-api.openapi.yaml"));

  private static final String SPEC_IRI = "https://kinde-props.test/kinde-management-api.json";

  /**
   * The one departure the client makes knowingly: it asks the category list for {@code
   * context=app}, which the create call accepts but the list's enum omits (kinde-api-notes 2.2,
   * UNCONFIRMED), and lists without a filter if Kinde refuses it.
   */
  private static final Set<String> KNOWN_DEPARTURES = Set.of();

  /** For the parameters' small inline schemas, which hold no references. */
  private static final SchemaRegistry INLINE =
      SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());

  private static JsonNode spec;
  private static SchemaRegistry schemas;

  @BeforeAll
  static void loadSpec() throws IOException {
    if (!Files.isRegularFile(SPEC)) {
      return;
    }
    Object yaml =
        new Load(LoadSettings.builder().setCodePointLimit(20_000_000).build())
            .loadFromString(Files.readString(SPEC));
    spec = Json.MAPPER.valueToTree(yaml);
    String text = Json.MAPPER.writeValueAsString(spec);
    schemas =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi30(), builder -> builder.schemas(Map.of(SPEC_IRI, text)));
  }

  /**
   * Under CI ({@code CI=true}) a missing spec fails the test, so that no CI run passes without
   * checking the contract; elsewhere each test reports itself skipped, not silently absent.
   */
  @BeforeEach
  void specIsThere() {
    String missing =
        "Kinde's OpenAPI spec is not at "
            + SPEC.toAbsolutePath().normalize()
            + " (set KINDE_SPEC to the file; docs/kinde.md says where to get it)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(spec).as(missing).isNotNull();
    }
    Assumptions.assumeTrue(spec != null, missing + "; skipped");
  }

  @Test
  void everyRequestAndAnswerOfARepresentativeRunMatchesTheSpec() {
    List<FakeKinde.Exchange> exchanges = representativeRun();
    List<String> violations = new ArrayList<>();
    Set<String> departures = new TreeSet<>();
    Set<String> operations = new HashSet<>();
    Set<Integer> statuses = new HashSet<>();

    for (FakeKinde.Exchange exchange : exchanges) {
      operations.add(exchange.operation());
      statuses.add(exchange.status());
      if (exchange.operation().equals("token") || exchange.operation().equals("jwks")) {
        continue;
      }
      check(exchange, violations, departures);
    }

    assertThat(violations).isEmpty();
    assertThat(departures).isEqualTo(KNOWN_DEPARTURES);
    assertThat(operations)
        .contains(
            "GetProperties",
            "CreateProperty",
            "UpdateProperty",
            "DeleteProperty",
            "GetCategories",
            "CreateCategory",
            "getApplications",
            "getApplication",
            "getApplicationPropertyValues",
            "updateApplicationsProperty");
    assertThat(statuses).contains(200, 201, 400, 403, 429);
  }

  /** Reads, writes, observes claims and meets the errors the spec declares; returns the log. */
  private static List<FakeKinde.Exchange> representativeRun() {
    try (FakeKinde fake = FakeKinde.start()) {
      for (int i = 0; i < 120; i++) {
        fake.addProperty(String.format("p%03d", i), "P" + i, "Category " + (i % 3), i % 2 == 0);
      }
      for (int i = 0; i < 105; i++) {
        fake.addCategory("Extra " + i);
      }
      fake.addProperty("kp_app_flag", "Kinde's own", "Kinde", true);
      List<String> m2m = fake.addApplications(110, "m2m", "m2m");
      List<String> spa = fake.addApplications(5, "spa", "spa");
      fake.setValue(m2m.get(0), "p001", "eu").toggleClaim(m2m.get(0), "p001", true);
      fake.record();
      fake.inject(Fault.throttled("GetProperties", "RateLimit-Reset", "1"));
      fake.inject(Fault.throttled("getApplications", "RateLimit-Reset", "1"));

      KindeTarget target =
          new KindeTarget(
              new KindeClient(
                  fake.settings(1000, 4), null, new SimulatedTime().timing(), RetryPolicy.DEFAULT),
              Timing.SYSTEM);
      LiveState state = target.read(Set.of(m2m.get(0), m2m.get(1), spa.get(0), "missing-app"));
      target.observeClaims(List.of(m2m.get(0), m2m.get(1)), Map.of());
      target.apply(new Operation.CreateCategory("Tenancy"));
      PropertyFields region =
          new PropertyFields(
              "region", "Region", "Where", PropertyType.SINGLE_LINE_TEXT, "Tenancy", true);
      target.apply(new Operation.CreateProperty(region));
      target.apply(
          new Operation.UpdateProperty(
              new PropertyFields(
                  "region", "Region", "", PropertyType.MULTI_LINE_TEXT, "Category 1", false)));
      target.apply(new Operation.SetValue(m2m.get(1), "region", "eu"));
      target.apply(new Operation.DeleteValue(m2m.get(1), "region"));
      target.apply(new Operation.DeleteProperty("region"));
      expectFailure(() -> target.apply(new Operation.SetValue("missing-app", "p001", "x")));

      Set<String> scopes = new HashSet<>(FakeKinde.ALL_SCOPES);
      scopes.remove("read:properties");
      fake.grantScopes(scopes);
      // A new client gets a new token with fewer scopes (401 is in Kinde's docs, not its spec).
      KindeTarget narrower =
          new KindeTarget(
              new KindeClient(
                  fake.settings(1000, 1), null, new SimulatedTime().timing(), RetryPolicy.DEFAULT),
              Timing.SYSTEM);
      expectFailure(() -> narrower.read(Set.of()));
      return fake.exchanges();
    }
  }

  private static void expectFailure(Runnable action) {
    try {
      action.run();
    } catch (TargetException expected) {
      return;
    }
    throw new AssertionError("expected a failure");
  }

  private static void check(
      FakeKinde.Exchange exchange, List<String> violations, Set<String> departures) {
    String where = exchange.method() + " " + exchange.path();
    String pathTemplate = pathTemplate(exchange.path());
    if (pathTemplate == null) {
      violations.add(where + ": no such path in the spec");
      return;
    }
    JsonNode pathItem = spec.path("paths").path(pathTemplate);
    JsonNode operation = pathItem.path(exchange.method().toLowerCase(java.util.Locale.ROOT));
    if (!operation.isObject()) {
      violations.add(where + ": the spec has no " + exchange.method() + " on " + pathTemplate);
      return;
    }
    String pointer =
        "/paths/"
            + escape(pathTemplate)
            + "/"
            + exchange.method().toLowerCase(java.util.Locale.ROOT);
    if (!exchange.operation().equals(operation.path("operationId").asString())) {
      violations.add(where + ": expected operation " + operation.path("operationId").asString());
    }
    checkQuery(exchange, pathItem, operation, pointer, violations, departures);

    if (!exchange.requestBody().isEmpty()) {
      JsonNode content = operation.path("requestBody").path("content").path("application/json");
      if (content.isMissingNode()) {
        violations.add(where + ": sends a body the spec does not declare");
      } else {
        validate(
            where + " request",
            pointer + "/requestBody/content/application~1json/schema",
            exchange.requestBody(),
            violations);
      }
    }

    String status = Integer.toString(exchange.status());
    JsonNode response = resolve(operation.path("responses").path(status));
    if (response.isMissingNode()) {
      violations.add(where + ": answers " + status + ", which the spec does not declare");
      return;
    }
    String responsePointer = responsePointer(operation, pointer, status);
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      return; // the spec declares no body for this status (429 and 403 on some calls)
    }
    String type = exchange.responseContentType();
    if (!content.has(type)) {
      violations.add(
          where + ": answers " + status + " as " + type + ", not " + content.propertyNames());
      return;
    }
    validate(
        where + " " + status,
        responsePointer + "/content/" + escape(type) + "/schema",
        exchange.responseBody(),
        violations);
  }

  private static void checkQuery(
      FakeKinde.Exchange exchange,
      JsonNode pathItem,
      JsonNode operation,
      String pointer,
      List<String> violations,
      Set<String> departures) {
    for (Map.Entry<String, String> parameter : exchange.query().entrySet()) {
      JsonNode declared = queryParameter(operation, parameter.getKey());
      if (declared == null) {
        declared = queryParameter(pathItem, parameter.getKey());
      }
      String where = exchange.method() + " " + exchange.path() + " query " + parameter.getKey();
      if (declared == null) {
        violations.add(where + ": not a parameter the spec declares");
        continue;
      }
      JsonNode schema = declared.path("schema");
      JsonNode value =
          "integer".equals(schema.path("type").asString())
              ? parseInteger(parameter.getValue())
              : JsonNodeFactory.instance.stringNode(parameter.getValue());
      List<Error> errors = INLINE.getSchema(schema).validate(value);
      if (!errors.isEmpty()) {
        String departure =
            exchange.operation() + " " + parameter.getKey() + "=" + parameter.getValue();
        if (KNOWN_DEPARTURES.contains(departure)) {
          departures.add(departure);
        } else {
          violations.add(where + "=" + parameter.getValue() + ": " + errors);
        }
      }
    }
  }

  private static JsonNode queryParameter(JsonNode holder, String name) {
    for (JsonNode parameter : holder.path("parameters")) {
      JsonNode resolved = resolve(parameter);
      if ("query".equals(resolved.path("in").asString())
          && name.equals(resolved.path("name").asString())) {
        return resolved;
      }
    }
    return null;
  }

  private static JsonNode parseInteger(String text) {
    try {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return JsonNodeFactory.instance.stringNode(text);
    }
  }

  private static void validate(String where, String pointer, String body, List<String> violations) {
    Schema schema = schemas.getSchema(SchemaLocation.of(SPEC_IRI + "#" + pointer));
    List<Error> errors = schema.validate(Json.MAPPER.readTree(body));
    if (!errors.isEmpty()) {
      violations.add(where + ": " + errors);
    }
  }

  /** The spec's path template that matches a concrete path, such as /api/v1/properties/{id}. */
  private static String pathTemplate(String path) {
    for (String template : spec.path("paths").propertyNames()) {
      String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      if (path.matches(regex)) {
        return template;
      }
    }
    return null;
  }

  /** Where the response object lives: inline, or under components when it is a $ref. */
  private static String responsePointer(JsonNode operation, String pointer, String status) {
    JsonNode response = operation.path("responses").path(status);
    if (response.has("$ref")) {
      return response.path("$ref").asString().substring(1);
    }
    return pointer + "/responses/" + status;
  }

  private static JsonNode resolve(JsonNode node) {
    if (node.has("$ref")) {
      return spec.at(node.path("$ref").asString().substring(1));
    }
    return node;
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
