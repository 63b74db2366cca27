package dev.kindeprops.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.kindeprops.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The manifest schema is valid JSON Schema 2020-12, documents every field, and fits the examples.
 */
class SchemaTest {
  private static final Path SCHEMA = Path.of("schemas/kinde-props.schema.json");

  @Test
  void schemaIsValidAgainstTheDraft202012MetaSchema() throws IOException {
    JsonNode schema = Json.MAPPER.readTree(Files.readString(SCHEMA));
    Schema metaSchema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    assertThat(metaSchema.validate(schema)).isEmpty();
    assertThat(schema.path("$schema").stringValue())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("$id").isString()).isTrue();
    assertThat(schema.path("title").isString()).isTrue();
  }

  @Test
  void metaSchemaCatchesABrokenSchema() throws IOException {
    JsonNode broken = Json.MAPPER.readTree("{\"type\": \"thing\", \"required\": \"version\"}");
    Schema metaSchema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    assertThat(metaSchema.validate(broken)).isNotEmpty();
  }

  @Test
  void everyFieldHasADescriptionAndEveryObjectIsClosed() throws IOException {
    JsonNode schema = Json.MAPPER.readTree(Files.readString(SCHEMA));
    List<String> problems = new ArrayList<>();
    check(schema, "", problems);
    schema
        .path("$defs")
        .properties()
        .forEach(e -> check(e.getValue(), "/$defs/" + e.getKey(), problems));
    assertThat(problems).isEmpty();
  }

  private static void check(JsonNode node, String at, List<String> problems) {
    if (!node.has("description")) {
      problems.add(at + " has no description");
    }
    if (node.path("type").asString("").equals("object") && !node.has("additionalProperties")) {
      problems.add(at + " does not say additionalProperties");
    }
    for (Map.Entry<String, JsonNode> field : node.path("properties").properties()) {
      check(field.getValue(), at + "/properties/" + field.getKey(), problems);
    }
    JsonNode items = node.path("items");
    if (items.isObject() && !items.has("$ref")) {
      check(items, at + "/items", problems);
    }
    JsonNode additional = node.path("additionalProperties");
    if (additional.isObject() && !additional.has("$ref")) {
      check(additional, at + "/additionalProperties", problems);
    }
  }

  @Test
  void everyExampleManifestIsValid() throws IOException {
    List<Path> examples;
    try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
      // examples/github holds GitHub workflows, not manifests.
      examples =
          dirs.filter(Files::isDirectory).filter(dir -> !dir.endsWith("github")).sorted().toList();
    }
    assertThat(examples).isNotEmpty();
    for (Path example : examples) {
      if (Files.isDirectory(example.resolve("shared"))) {
        // Several environments (docs/environments.md): each is shared/, its own folder and its
        // variable file.
        for (String environment : List.of("production", "staging")) {
          LoadResult result =
              ManifestLoader.load(
                  List.of(example.resolve("shared"), example.resolve(environment)),
                  new Variables(
                      Map.of(),
                      example.resolve("variables").resolve(environment + ".yaml"),
                      Map.of()));
          assertThat(result.diagnostics()).as(example + " " + environment).isEmpty();
          assertThat(result.ok()).isTrue();
        }
        continue;
      }
      LoadResult result = ManifestLoader.load(List.of(example), Variables.ofEnv(Map.of()));
      assertThat(result.diagnostics()).as(example.toString()).isEmpty();
      assertThat(result.ok()).isTrue();
    }
  }

  @Test
  void everyExampleManifestNamesTheSchemaForEditors() throws IOException {
    List<Path> manifests;
    try (Stream<Path> files = Files.walk(Path.of("examples"))) {
      // Variable files (--var-file) are not manifests.
      manifests =
          files
              .filter(f -> f.toString().endsWith(".yaml"))
              .filter(f -> !f.getParent().endsWith("variables"))
              .toList();
    }
    for (Path manifest : manifests) {
      String first = Files.readAllLines(manifest).get(0);
      assertThat(first).startsWith("# yaml-language-server: $schema=");
      Path schema =
          manifest.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
      assertThat(schema).as(manifest.toString()).isEqualTo(SCHEMA);
    }
  }

  @Test
  void quickstartResolvesAsDocumented() {
    DesiredState state =
        ManifestLoader.load(List.of(Path.of("examples/quickstart")), Variables.ofEnv(Map.of()))
            .state();
    assertThat(state.properties()).hasSize(4);
    assertThat(state.categories()).containsExactly("AI", "Tenancy");
    assertThat(state.profiles()).containsOnlyKeys("pro");
    assertThat(state.applications())
        .containsOnlyKeys("billing-worker", "ml-scorer", "report-generator");
    Application worker = state.applications().get("billing-worker");
    assertThat(worker.values()).containsEntry("tier", "pro").containsEntry("region", "eu");
    assertThat(worker.claims()).containsExactly("model_version", "region", "tier");
    assertThat(state.properties().get("billing_notes").sensitive()).isTrue();
  }
}
