package dev.kindeprops.live.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.model.PropertyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
  static final String VALID =
      """
      {
        "version": 1,
        "categories": [
          {
            "id": "cat_1",
            "name": "Tenancy"
          }
        ],
        "properties": [
          {
            "id": "prop_1",
            "key": "region",
            "name": "Region",
            "description": "Data residency region",
            "type": "single_line_text",
            "is_private": false,
            "category_id": "cat_1"
          }
        ],
        "applications": [
          {
            "id": "app_1",
            "name": "billing-worker",
            "type": "m2m",
            "values": {
              "region": "us"
            },
            "claims": [
              "region"
            ]
          }
        ]
      }
      """;

  @Test
  void readsAValidFile() {
    StateDocument document = StateFile.parse("state.json", VALID);

    assertThat(document.categories()).containsExactly(new LiveCategory("cat_1", "Tenancy"));
    assertThat(document.properties())
        .containsExactly(
            new LiveProperty(
                "prop_1",
                "region",
                "Region",
                "Data residency region",
                PropertyType.SINGLE_LINE_TEXT,
                false,
                "cat_1"));
    LiveApplication app = document.applications().get(0);
    assertThat(app.values()).isEqualTo(Map.of("region", "us"));
    assertThat(app.claims()).containsExactly("region");
  }

  @Test
  void formatsCanonicallySoThatRewritingChangesNothing() {
    assertThat(StateFile.format(StateFile.parse("state.json", VALID))).isEqualTo(VALID);
  }

  @Test
  void optionalFieldsDefaultToEmpty() {
    StateDocument document =
        StateFile.parse(
            "state.json",
            """
            {"version": 1, "categories": [{"id": "c", "name": "Ops"}],
             "properties": [{"id": "p", "key": "k", "name": "K", "type": "multi_line_text",
                             "is_private": true, "category_id": "c"}],
             "applications": [{"id": "a", "name": "web", "type": "spa"}]}
            """);

    assertThat(document.properties().get(0).description()).isEmpty();
    assertThat(document.applications().get(0).values()).isEmpty();
    assertThat(document.applications().get(0).claims()).isEmpty();
  }

  @Test
  void schemaErrorsNameTheFileAndTheJsonPath() {
    String text = VALID.replace("\"region\": \"us\"", "\"region\": 3");

    assertThatThrownBy(() -> StateFile.parse("state.json", text))
        .isInstanceOf(TargetException.class)
        .hasMessage(
            "state.json: $.applications[0].values.region: must be a string, not an integer");
  }

  @Test
  void everySchemaErrorIsListed() {
    String text =
        """
        {"version": 2, "categories": [], "properties": [{"id": "p"}], "applications": [],
         "extra": true}
        """;

    assertThatThrownBy(() -> StateFile.parse("s.json", text))
        .hasMessageContaining("s.json: $.version: must be the constant value '1'")
        .hasMessageContaining("s.json: $.properties[0]: required property 'key' not found")
        .hasMessageContaining("s.json: $: property 'extra' is not defined in the schema");
  }

  @Test
  void invalidJsonNamesTheLineAndColumn() {
    assertThatThrownBy(() -> StateFile.parse("s.json", "{\n  \"version\": 1,\n  oops\n}"))
        .hasMessageStartingWith("s.json:3:3: not valid JSON: ");
  }

  @Test
  void duplicatesAndDanglingReferencesAreErrors() {
    String text =
        """
        {"version": 1,
         "categories": [{"id": "c", "name": "Ops"}, {"id": "c", "name": "Ops"}],
         "properties": [
           {"id": "p", "key": "k", "name": "K", "type": "single_line_text",
            "is_private": true, "category_id": "nope"},
           {"id": "p2", "key": "k", "name": "K", "type": "single_line_text",
            "is_private": true, "category_id": "c"}],
         "applications": [
           {"id": "a", "name": "one", "type": "m2m", "values": {"x": "1"}, "claims": ["y"]},
           {"id": "a", "name": "two", "type": "m2m"}]}
        """;

    assertThatThrownBy(() -> StateFile.parse("s.json", text))
        .hasMessage(
            String.join(
                "\n",
                "s.json: $.categories[1].id: duplicate id \"c\" (also at $.categories[0])",
                "s.json: $.categories[1].name: duplicate name \"Ops\" (also at $.categories[0])",
                "s.json: $.properties[1].key: duplicate key \"k\" (also at $.properties[0])",
                "s.json: $.properties[0].category_id: no category has id \"nope\"",
                "s.json: $.applications[1].id: duplicate id \"a\" (also at $.applications[0])",
                "s.json: $.applications[0].values.x: no property has key \"x\"",
                "s.json: $.applications[0].claims[0]: no property has key \"y\""));
  }

  @Test
  void aMissingFileIsOneClearError(@TempDir Path dir) {
    Path missing = dir.resolve("none.json");

    assertThatThrownBy(() -> new StateFile(missing).read())
        .isInstanceOf(TargetException.class)
        .hasMessage("state file " + missing.toString().replace('\\', '/') + " does not exist");
  }

  @Test
  void writeReplacesTheFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("state.json");
    Files.writeString(path, VALID);
    StateFile file = new StateFile(path);
    StateDocument document = file.read();
    LiveApplication app = document.applications().get(0);
    TreeMap<String, String> values = new TreeMap<>(Map.of("region", "eu"));
    StateDocument changed =
        new StateDocument(
            document.categories(),
            document.properties(),
            List.of(
                new LiveApplication(app.id(), app.name(), app.type(), values, new TreeSet<>())));

    file.write(changed);

    assertThat(file.read()).isEqualTo(changed);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("state.json");
    }
  }
}
