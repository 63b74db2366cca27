package dev.kindeprops.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.LoadResult;
import dev.kindeprops.manifest.ManifestLoader;
import dev.kindeprops.manifest.Variables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every string the exporter writes reads back, through the manifest loader, as itself. */
class YamlTextTest {
  @TempDir Path dir;

  static final List<String> AWKWARD =
      List.of(
          "plain words",
          "true",
          "False",
          "null",
          "~",
          "yes",
          "on",
          "OFF",
          "443",
          "-1",
          "1.5",
          "1e3",
          "0x1F",
          "0o17",
          ".inf",
          ".NaN",
          "  leading and trailing  ",
          "trailing:",
          "key: value",
          "a #comment",
          "#hash",
          "- dash",
          "? question",
          "[flow]",
          "{map}",
          "*alias",
          "&anchor",
          "!tag",
          "|pipe",
          ">fold",
          "'single'",
          "\"double\"",
          "back\\slash",
          "%percent",
          "@at",
          "`tick`",
          "${env:HOME}",
          "$${already}",
          "price $5",
          "${",
          "line one\nline two",
          "line one\nline two\n",
          "two final newlines\n\n",
          "\nstarts with a newline",
          " indented first\nline",
          "trailing space \nnext",
          "tab\tinside",
          "carriage\r\nreturn",
          "bell\u0007",
          "nel\u0085ls\u2028ps\u2029",
          "bom\uFEFF",
          "Café Ünïcödé",
          "e\u0301 combining",
          "日本語の名前",
          "emoji 🚀 outside the BMP",
          "https://api.example.com/path?q=1",
          "a: b: c",
          "---",
          "...",
          "<<",
          "=",
          "text with \"quotes\" and 'apostrophes'");

  @Test
  void scalarsAndBlocksReadBackExactly() throws IOException {
    StringBuilder yaml = new StringBuilder("version: 1\nproperties:\n");
    StringBuilder values = new StringBuilder();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < AWKWARD.size(); i++) {
      String key = "p" + i;
      keys.add(key);
      String text = AWKWARD.get(i);
      yaml.append("  ").append(key).append(":\n");
      yaml.append("    name: ").append(YamlText.scalar(text)).append('\n');
      yaml.append("    description: ").append(YamlText.value(text, "      ")).append('\n');
      yaml.append("    category: ").append(YamlText.scalar(text)).append('\n');
      values.append("      ").append(key).append(": ");
      values.append(YamlText.value(text, "        ")).append('\n');
    }
    yaml.append("applications:\n  ").append(YamlText.scalar("true")).append(":\n");
    yaml.append("    id: 3b0b5c6c8fcc464fab397f4969b5f482\n    values:\n").append(values);
    Path file = dir.resolve("awkward.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);

    LoadResult result = ManifestLoader.load(List.of(file), Variables.ofEnv(Map.of()));

    assertThat(result.diagnostics()).isEmpty();
    DesiredState state = result.state();
    for (int i = 0; i < AWKWARD.size(); i++) {
      String text = AWKWARD.get(i);
      String key = keys.get(i);
      assertThat(state.properties().get(key).name()).as(key).isEqualTo(text);
      assertThat(state.properties().get(key).description()).as(key).isEqualTo(text);
      assertThat(state.properties().get(key).category()).as(key).isEqualTo(text);
      assertThat(state.applications().get("true").values().get(key)).as(key).isEqualTo(text);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Billing notes           | Billing notes
          https://api.example.com | https://api.example.com
          Café                    | Café
          v2                      | v2
          443                     | "443"
          on                      | "on"
          ${env:X}                | "$${env:X}"
          """)
  void plainWhereThatIsSafeAndReadable(String text, String yaml) {
    assertThat(YamlText.scalar(text)).isEqualTo(yaml);
  }

  @Test
  void multiLineTextIsABlockUnlessALineEndsInASpace() {
    assertThat(YamlText.value("a\nb\n", "  ")).isEqualTo("|\n  a\n  b");
    assertThat(YamlText.value("a\n\nb", "  ")).isEqualTo("|-\n  a\n\n  b");
    assertThat(YamlText.value("a \nb", "  ")).isEqualTo("\"a \\nb\"");
  }
}
