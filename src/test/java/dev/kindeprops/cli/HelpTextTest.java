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
  void everyCommandSummaryIsOneWholeSentence() {
    commandLine()
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              String summary = sub.getCommandSpec().usageMessage().description()[0];
              assertThat(summary).as(name).endsWith(".").hasSizeLessThanOrEqualTo(WIDTH - 12);
            });
  }

  @Test
  void everyCommandAnswersVersion() {
    for (String command : commandLine().getSubcommands().keySet()) {
      Run run = run(command, "--version");

      assertThat(run.code()).as(command).isZero();
      assertThat(run.out()).as(command).isEqualTo("kinde-props " + Version.current() + "\n");
    }
  }
}
