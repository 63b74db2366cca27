package dev.kindeprops.cli;

import dev.kindeprops.render.OutputFormat;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --format}, read as the help shows it (in lower case) and held to the formats the command
 * offers; a wrong value names them.
 */
public final class FormatOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  private final List<OutputFormat> offered;
  private OutputFormat format;

  /**
   * @param offered the formats the command writes its report in, {@code text} among them
   */
  FormatOption(OutputFormat... offered) {
    this.offered = List.of(offered);
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "The report's format: text (default), or another listed below.")
  void format(String value) {
    for (OutputFormat candidate : offered) {
      if (candidate.wireName().equals(value.toLowerCase(Locale.ROOT))) {
        format = candidate;
        return;
      }
    }
    List<String> names = offered.stream().map(OutputFormat::wireName).toList();
    String choices =
        String.join(", ", names.subList(0, names.size() - 1))
            + " or "
            + names.get(names.size() - 1);
    throw new ParameterException(
        command.commandLine(),
        "Invalid value for option '--format': expected " + choices + ", not '" + value + "'");
  }

  /** The format asked for. */
  OutputFormat get() {
    return format;
  }
}
