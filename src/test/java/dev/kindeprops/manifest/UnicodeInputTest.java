package dev.kindeprops.manifest;

import static dev.kindeprops.manifest.Manifests.lines;
import static dev.kindeprops.manifest.Manifests.load;
import static dev.kindeprops.manifest.Manifests.manifest;
import static dev.kindeprops.manifest.Manifests.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text that is not valid Unicode (a lone UTF-16 surrogate, a noncharacter) is refused where it is
 * written, in manifests and in variables: Kinde would store it mangled, and the next plan would
 * make it again.
 */
class UnicodeInputTest {
  private static final String LONE =
      "holds a lone UTF-16 surrogate U+D83D (character 5), which is not Unicode text and would"
          + " be stored as '?'; write the character itself, or both halves of its surrogate pair";

  @TempDir Path dir;

  private static String property(String category) {
    return manifest("properties:\n  region:\n    name: Region\n    category: " + category + "\n");
  }

  /** The reproduction from issue 12: the category was created again on every apply. */
  @Test
  void aLoneSurrogateEscapeInACategoryIsRefusedWhereItIs() {
    Path file = write(dir, "a.yaml", property("\"Cat \\ud83d\""));

    LoadResult result = load(file);

    assertThat(result.ok()).isFalse();
    assertThat(lines(result)).containsExactly(file + ":5:15: error: this value " + LONE);
  }

  @Test
  void aSurrogatePairWrittenAsTwoEscapesIsOneCharacterAndValid() {
    Path file = write(dir, "a.yaml", property("\"Cat \\ud83d\\ude00\""));

    LoadResult result = load(file);

    assertThat(lines(result)).isEmpty();
    assertThat(result.state().properties().get("region").category()).isEqualTo("Cat \uD83D\uDE00");
  }

  @Test
  void noncharactersAreRefusedInValuesAndKeys() {
    Path file =
        write(
            dir,
            "a.yaml",
            manifest(
                "properties:\n"
                    + "  region:\n"
                    + "    name: \"Re\\uFFFEgion\"\n"
                    + "    description: Tenancy \uFDD0 zone\n"
                    + "    category: C\n"
                    + "    \"x\\U0010FFFF\": y\n"));

    assertThat(lines(load(file)))
        .contains(
            file
                + ":4:11: error: this value holds the Unicode noncharacter U+FFFE (character 3),"
                + " which is not meant for text interchange; remove it",
            file
                + ":5:18: error: this value holds the Unicode noncharacter U+FDD0 (character 9),"
                + " which is not meant for text interchange; remove it",
            file
                + ":7:5: error: this key holds the Unicode noncharacter U+10FFFF (character 2),"
                + " which is not meant for text interchange; remove it");
  }

  /** YAML itself refuses U+FFFE and U+FFFF written as they are; it is no control character. */
  @Test
  void aRawNoncharacterThatYamlRefusesIsNamedPlainly() {
    Path file = write(dir, "a.yaml", "version: 1\nx: \"a\uFFFEb\"\n");

    assertThat(lines(load(file)))
        .containsExactly(file + ":2:6: error: character U+FFFE is not allowed in YAML; remove it");
  }

  @Test
  void aLoneSurrogateInAVariableIsRefusedAtTheVariable() {
    Path file =
        write(
            dir,
            "a.yaml",
            Manifests.PROPERTIES
                + "applications:\n"
                + "  a:\n"
                + "    id: 3b0b5c6c8fcc464fab397f4969b5f482\n"
                + "    values: {tier: \"${var:tier}\", notes: \"${env:NOTES}\"}\n");
    Path varFile = write(dir, "vars.yaml", "tier: \"Pro \\ud83d\"\n");

    LoadResult fromFile =
        ManifestLoader.load(
            List.of(file), new Variables(Map.of("NOTES", "fine"), varFile, Map.of()));
    LoadResult fromFlag =
        ManifestLoader.load(
            List.of(file),
            new Variables(Map.of("NOTES", "fine"), null, Map.of("tier", "Pro \uD83D")));
    LoadResult fromEnv =
        ManifestLoader.load(
            List.of(file),
            new Variables(Map.of("NOTES", "Ops \uD83D"), null, Map.of("tier", "pro")));

    assertThat(lines(fromFile))
        .containsExactly(varFile + ":1:7: error: the value of variable tier " + LONE);
    assertThat(lines(fromFlag)).containsExactly("error: --var tier: the value " + LONE);
    assertThat(lines(fromEnv))
        .containsExactly(
            file + ":24:42: error: environment variable NOTES (in ${env:NOTES}) " + LONE);
  }
}
