package dev.kindeprops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.fixtures.InProcess.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts, run by the shells themselves: bash always (every system the launcher runs
 * on has it); zsh and fish where they are installed.
 */
class CompletionTest {
  @TempDir Path dir;

  private Path script(String shell) throws IOException {
    Run run = InProcess.run("completion", shell);
    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    return Files.writeString(dir.resolve("kinde-props." + shell), run.out());
  }

  /** What bash offers after the words typed so far, the last one being completed. */
  private List<String> bash(Path script, String... words) throws Exception {
    StringBuilder array = new StringBuilder();
    for (String word : words) {
      array.append(" '").append(word).append("'");
    }
    return shell(
        "bash",
        "source '"
            + script
            + "'; COMP_WORDS=(kinde-props"
            + array
            + "); COMP_CWORD="
            + words.length
            + "; COMP_LINE='kinde-props "
            + String.join(" ", words)
            + "'; _complete_kinde-props; printf '%s\\n' \"${COMPREPLY[@]}\"");
  }

  private static boolean installed(String shell) {
    try {
      return new ProcessBuilder(shell, "-c", "exit 0").start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Runs a script in the shell (from the project folder, as a user would) and returns its lines.
   */
  private static List<String> shell(String shell, String script) throws Exception {
    // Standard error is left out: bash's compopt complains outside a real completion.
    Process process =
        new ProcessBuilder(shell, "-c", script)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  @Test
  void bashCompletesCommandsOptionsShellsAndPaths() throws Exception {
    Path script = script("bash");

    assertThat(bash(script, "pl")).containsExactly("plan");
    assertThat(bash(script, "--no")).containsExactly("--no-color");
    assertThat(bash(script, "show", "--fo")).containsExactly("--format");
    assertThat(bash(script, "completion", "")).containsExactly("bash", "zsh", "fish");
    assertThat(bash(script, "plan", "-f", "examples/quick")).containsExactly("examples/quickstart");
  }

  @Test
  void zshLoadsTheScriptThroughItsBashCompletion() throws Exception {
    assumeTrue(installed("zsh"), "zsh is not installed");
    Path script = script("zsh");

    assertThat(shell("zsh", "source '" + script + "'; print -r -- ${_comps[kinde-props]}"))
        .last()
        .asString()
        .contains("_complete_kinde-props");
  }

  @Test
  void fishCompletesCommandsOptionsShellsAndPaths() throws Exception {
    assumeTrue(installed("fish"), "fish is not installed");
    Path script = script("fish");
    String source = "source '" + script + "'; ";

    assertThat(shell("fish", source + "complete -C 'kinde-props pl'"))
        .containsExactly("plan\tShow what apply would change and the token claims that result");
    assertThat(shell("fish", source + "complete -C 'kinde-props show --fo'"))
        .containsExactly("--format\tThe report's format: text (default), or another listed below");
    assertThat(shell("fish", source + "complete -C 'kinde-props completion '"))
        .containsExactlyInAnyOrder(
            "bash\tbash, zsh or fish", "zsh\tbash, zsh or fish", "fish\tbash, zsh or fish");
    assertThat(shell("fish", source + "complete -C 'kinde-props plan -f examples/quick'"))
        .containsExactly("examples/quickstart/");
  }
}
