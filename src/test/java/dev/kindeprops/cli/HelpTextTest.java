package dev.kindeprops.cli;

import static dev.kindeprops.fixtures.InProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.engine.Version;
import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.fixtures.InProcess.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Help reads well in an 80-column terminal and each command's summary is a whole sentence. */
class HelpTextTest {
  private static final int WIDTH = 80;

  private static CommandLine commandLine() {
    return Cli.commandLine(InProcess.streams(Map.of(), "", false).console());
  }

  @Test
  void descriptionsAndFootersFitEightyColumns() {
    List<String> tooWide = new ArrayList<>();
    List<CommandSpec> specs = new ArrayList<>();
    CommandLine root = commandLine();
    specs.add(root.getCommandSpec());
    root.getSubcommands().values().forEach(sub -> specs.add(sub.getCommandSpec()));
    for (CommandSpec spec : specs) {
      List<String> lines = new ArrayList<>(List.of(spec.usageMessage().description()));
      lines.addAll(List.of(spec.usageMessage().footer()));
      for (String line : lines) {
        if (line.length() > WIDTH) {
          tooWide.add(spec.qualifiedName() + ": " + line);
        }
      }
    }
    assertThat(tooWide).isEmpty();
  }

  @Test
  void everyCommandSummaryIsOneWholeSentenceOnOneLineOfTheCommandList() {
    Map<String, CommandLine> commands = commandLine().getSubcommands();
    // The list indents by two, pads names to the longest, and leaves two spaces before the summary.
    int longest = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
    int room = WIDTH - 4 - longest;
    commands.forEach(
        (name, sub) -> {
          String summary = sub.getCommandSpec().usageMessage().description()[0];
          assertThat(summary).as(name).endsWith(".").hasSizeLessThanOrEqualTo(room);
        });
    List<String> help = run("--help").out().lines().toList();
    commands.forEach(
        (name, sub) -> {
          String summary = sub.getCommandSpec().usageMessage().description()[0];
          assertThat(help)
              .as(name)
              .contains("  " + name + " ".repeat(longest - name.length() + 2) + summary);
        });
  }

  @Test
  void everyCommandAnswersVersionAndSoDoesTheTopLevel() {
    List<String> commands = new ArrayList<>(commandLine().getSubcommands().keySet());
    commands.add("");
    for (String command : commands) {
      Run run = command.isEmpty() ? run("--version") : run(command, "--version");

      assertThat(run.code()).as(command).isZero();
      assertThat(run.out()).as(command).isEqualTo("kinde-props " + Version.current() + "\n");
    }
  }

  @Test
  void theOptionsEveryCommandTakesMayComeBeforeIt() {
    String[] plan = {
      "plan", "-f", "examples/quickstart", "--state", "examples/quickstart/kinde-state.json"
    };
    Run coloured = InProcess.run(Map.of(), "", true, plan);
    List<String> first = new ArrayList<>(List.of("--no-color"));
    first.addAll(List.of(plan));
    Run plain = InProcess.run(Map.of(), "", true, first.toArray(String[]::new));

    assertThat(coloured.out()).contains("\u001b[");
    assertThat(plain.code()).isZero();
    assertThat(plain.out())
        .doesNotContain("\u001b[")
        .isEqualTo(coloured.out().replaceAll("\u001b\\[[0-9;]*m", ""));
  }

  @Test
  void noCommandPrintsTheUsageOnStandardErrorAndFails() {
    Run run = run();

    assertThat(run.code()).isEqualTo(ExitCode.ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo(run("--help").out());
  }
}
