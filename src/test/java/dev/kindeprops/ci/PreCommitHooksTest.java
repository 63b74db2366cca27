package dev.kindeprops.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.Folder;
import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.fixtures.InProcess.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The hooks pre-commit users run: {@code .pre-commit-hooks.yaml} names the launcher, which
 * pre-commit runs from its clone of this repository in the user's own checkout, with the hook's
 * arguments.
 */
class PreCommitHooksTest {
  private static final Path HOOKS = Path.of(".pre-commit-hooks.yaml");

  @TempDir Path checkout;

  private static Map<String, Object> validateHook() throws IOException {
    Object hooks =
        new Load(LoadSettings.builder().setLabel(HOOKS.toString()).build())
            .loadFromString(Files.readString(HOOKS));
    List<Object> list = Yaml.list(hooks);
    assertThat(list).hasSize(1);
    return Yaml.map(list.get(0));
  }

  /** The command pre-commit runs: the entry's words, then the hook's arguments. */
  private static List<String> command(Map<String, Object> hook) {
    List<String> words = new ArrayList<>(Arrays.asList(Yaml.text(hook.get("entry")).split(" ")));
    Yaml.list(hook.get("args")).forEach(arg -> words.add(Yaml.text(arg)));
    return words;
  }

  @Test
  void theHookRunsTheLauncherOnTheWholeManifestFolderWhenYamlChanges() throws IOException {
    Map<String, Object> hook = validateHook();

    assertThat(hook)
        .containsEntry("id", "kinde-props-validate")
        .containsEntry("language", "script")
        .containsEntry("pass_filenames", false)
        .containsKeys("name", "description");
    List<String> command = command(hook);
    assertThat(command.subList(0, 2)).containsExactly("kinde-props", "validate");
    // language: script runs the entry's first word as a path in the hook repository.
    assertThat(Path.of(command.get(0))).isRegularFile().isExecutable();
    Pattern files = Pattern.compile(Yaml.text(hook.get("files")));
    assertThat(Set.of("kinde/applications.yaml", "kinde/properties.yml"))
        .allMatch(name -> files.matcher(name).find());
    assertThat(files.matcher("README.md").find()).isFalse();
  }

  @Test
  void theHooksArgumentsPassValidManifestsAndStopTheCommitOnInvalidOnes() throws IOException {
    List<String> command = command(validateHook());
    // The launcher runs the jar with the rest; -f kinde is relative to the user's checkout.
    List<String> args = new ArrayList<>(command.subList(1, command.size()));
    Path kinde = checkout.resolve(args.get(args.indexOf("-f") + 1));
    args.set(args.indexOf("-f") + 1, kinde.toString());
    Folder.write(kinde, Folder.texts(Path.of("examples/quickstart")));

    Run valid = InProcess.run(args);
    Files.writeString(
        kinde.resolve("applications.yaml"),
        Files.readString(kinde.resolve("applications.yaml")).replace("region: eu", "region: mars"));
    Run invalid = InProcess.run(args);

    assertThat(valid.code()).as(valid.err()).isZero();
    assertThat(invalid.code()).isEqualTo(1);
    assertThat(invalid.err()).contains("value 'mars' for 'region' is not allowed");
  }
}
