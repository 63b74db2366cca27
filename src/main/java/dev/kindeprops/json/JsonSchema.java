package dev.kindeprops.json;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A JSON Schema (2020-12) packaged in the jar under {@code /schemas/}, checking documents and
 * naming each problem by its JSON path, as in {@code $.applications[2].values.region: must be a
 * string, not an integer}.
 */
public final class JsonSchema {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().pathType(PathType.LEGACY).build()));

  private final Schema schema;

  private JsonSchema(Schema schema) {
    this.schema = schema;
  }

  /** Loads a schema from the jar, such as {@code /schemas/plan.schema.json}. */
  public static JsonSchema load(String resource) {
    try (InputStream in = JsonSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the build");
      }
      Schema schema = REGISTRY.getSchema(Json.MAPPER.readTree(in));
      schema.initializeValidators();
      return new JsonSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every problem with the document as {@code $.path: message}, in the validator's order. */
  public List<String> problems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    for (Error error : schema.validate(document)) {
      problems.add(error.getInstanceLocation() + ": " + message(error));
    }
    return problems;
  }

  private static String message(Error error) {
    Object[] arguments = error.getArguments();
    if ("type".equals(error.getKeyword()) && arguments != null && arguments.length == 2) {
      return "must be " + article(arguments[1]) + ", not " + article(arguments[0]);
    }
    return error.getMessage();
  }

  private static String article(Object type) {
    String name = String.valueOf(type);
    return switch (name) {
      case "null" -> "null";
      case "array", "integer", "object" -> "an " + name;
      default -> "a " + name;
    };
  }
}
