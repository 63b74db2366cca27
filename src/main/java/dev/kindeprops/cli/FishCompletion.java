package dev.kindeprops.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A fish completion script made from the command line's model, as picocli makes the bash one
 * (picocli has no fish generator): the commands with their summaries, then each command's options,
 * file names only where an option or parameter takes a path.
 */
final class FishCompletion {
  private FishCompletion() {}

  static String script(CommandSpec root) {
    String name = root.name();
    StringBuilder out =
        new StringBuilder()
            .append("# fish completion for ")
            .append(name)
            .append(", made by '")
            .append(name)
            .append(" completion fish'.\n")
            .append("# Install: ")
            .append(name)
            .append(" completion fish > ~/.config/fish/completions/")
            .append(name)
            .append(".fish\n\n")
            .append("complete -c ")
            .append(name)
            .append(" -f\n");
    String top = "__fish_use_subcommand";
    for (Map.Entry<String, CommandLine> command : root.subcommands().entrySet()) {
      CommandSpec spec = command.getValue().getCommandSpec();
      out.append(line(name, top, "-a " + command.getKey(), spec.usageMessage().description()));
    }
    arguments(out, name, top, root);
    for (Map.Entry<String, CommandLine> command : root.subcommands().entrySet()) {
      out.append('\n');
      arguments(
          out,
          name,
          "__fish_seen_subcommand_from " + command.getKey(),
          command.getValue().getCommandSpec());
    }
    return out.toString();
  }

  /** A line per option of the command, and one per parameter that completes to something. */
  private static void arguments(StringBuilder out, String name, String when, CommandSpec spec) {
    for (OptionSpec option : spec.options()) {
      List<String> flags = new ArrayList<>();
      for (String flag : option.names()) {
        if (flag.startsWith("--")) {
          flags.add("-l " + flag.substring(2));
        } else if (flag.length() == 2) {
          flags.add("-s " + flag.substring(1));
        } else {
          flags.add("-o " + flag.substring(1));
        }
      }
      if (option.arity().max() > 0) {
        flags.add(option.completionCandidates() != null || !takesPath(option) ? "-x" : "-r");
        flags.add(values(option));
      }
      out.append(line(name, when, String.join(" ", flags).strip(), option.description()));
    }
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      String values = values(parameter);
      if (!values.isEmpty()) {
        out.append(line(name, when, values, parameter.description()));
      }
    }
  }

  /** What an argument completes to: its candidates, file names for a path, else nothing. */
  private static String values(ArgSpec arg) {
    if (arg.completionCandidates() != null) {
      List<String> candidates = new ArrayList<>();
      arg.completionCandidates().forEach(candidates::add);
      return "-a " + quote(String.join(" ", candidates));
    }
    return takesPath(arg) ? "-F" : "";
  }

  private static boolean takesPath(ArgSpec arg) {
    Class<?> type = arg.auxiliaryTypes()[0];
    return Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type);
  }

  private static String line(String name, String when, String what, String[] description) {
    String text = description.length == 0 ? "" : " -d " + quote(firstSentence(description[0]));
    return "complete -c " + name + " -n " + quote(when) + " " + what + text + "\n";
  }

  /** The description up to its first full stop or semicolon: fish shows one short line. */
  private static String firstSentence(String description) {
    String sentence = description.split("[.;] ", 2)[0].replace("`", "");
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }

  /** A fish single-quoted string. */
  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
