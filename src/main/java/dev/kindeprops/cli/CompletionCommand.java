package dev.kindeprops.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kinde-props completion}: prints a completion script for a shell. Picocli makes the bash
 * script, which zsh runs through its bash compatibility; {@link FishCompletion} makes the fish one.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print a shell completion script for bash, zsh or fish.",
      "Completes commands, options, and file names where an option takes a path."
    },
    footer = {
      "",
      "Install (for the command named kinde-props: put it, or an alias, on PATH):",
      "  bash  add to ~/.bashrc:  source <(kinde-props completion bash)",
      "  zsh   add to ~/.zshrc:   source <(kinde-props completion zsh)",
      "  fish  kinde-props completion fish \\",
      "            > ~/.config/fish/completions/kinde-props.fish",
      "",
      "Exit codes: 0 success, 1 error."
    })
final class CompletionCommand extends Subcommand {
  /** The shells there is a script for; also what the scripts complete SHELL to. */
  static final class Shells implements Iterable<String> {
    static final List<String> NAMES = List.of("bash", "zsh", "fish");

    @Override
    public Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }

  @Spec CommandSpec spec;

  private String shell;

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      completionCandidates = Shells.class,
      description = "bash, zsh or fish.")
  void shell(String value) {
    String name = value.toLowerCase(Locale.ROOT);
    if (!Shells.NAMES.contains(name)) {
      throw new ParameterException(
          spec.commandLine(), "unknown shell '" + value + "': expected bash, zsh or fish");
    }
    shell = name;
  }

  @Override
  public Integer call() {
    CommandSpec root = spec.root();
    print(
        shell.equals("fish")
            ? FishCompletion.script(root)
            : AutoComplete.bash(root.name(), root.commandLine()));
    return ExitCode.OK;
  }
}
