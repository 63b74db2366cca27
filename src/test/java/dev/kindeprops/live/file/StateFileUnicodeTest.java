package dev.kindeprops.live.file;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.live.TargetException;
import org.junit.jupiter.api.Test;

/**
 * A state file whose text is not valid Unicode is refused, naming the JSON path: Java would write a
 * lone surrogate back as '?', so the file would no longer say what was applied.
 */
class StateFileUnicodeTest {
  private static final String STATE =
      """
      {"version": 1,
       "categories": [{"id": "cat_1", "name": "Tenancy"}],
       "properties": [{"id": "prop_1", "key": "region", "name": "Region",
                       "type": "single_line_text", "is_private": false, "category_id": "cat_1"}],
       "applications": [{"id": "app_1", "name": "billing-worker", "type": "m2m",
                         "values": {"region": "us"}, "claims": ["region"]}]}
      """;

  @Test
  void aLoneSurrogateEscapeIsRefusedAtItsJsonPath() {
    String text =
        STATE.replace("\"Tenancy\"", "\"Tenancy \\ud83d\"").replace("\"us\"", "\"u\\uFFFEs\"");

    assertThatThrownBy(() -> StateFile.parse("state.json", text))
        .isInstanceOf(TargetException.class)
        .hasMessage(
            "state.json: $.categories[0].name holds a lone UTF-16 surrogate U+D83D (character"
                + " 9), which is not Unicode text and would be stored as '?'; write the"
                + " character itself, or both halves of its surrogate pair\n"
                + "state.json: $.applications[0].values.region holds the Unicode noncharacter"
                + " U+FFFE (character 2), which is not meant for text interchange; remove it");
  }

  /** Jackson refuses a lone surrogate in a key itself; a noncharacter gets through to us. */
  @Test
  void aKeyIsCheckedToo() {
    String text = STATE.replace("\"region\": \"us\"", "\"re\\uFFFE\": \"us\"");

    assertThatThrownBy(() -> StateFile.parse("state.json", text))
        .hasMessageContaining(
            "state.json: $.applications[0].values: a key holds the Unicode noncharacter U+FFFE"
                + " (character 3)");
  }
}
