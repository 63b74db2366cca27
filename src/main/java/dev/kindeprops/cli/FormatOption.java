package dev.kindeprops.cli;

import dev.kindeprops.render.OutputFormat;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --format} as the help shows it, in lower case, accepting only the formats a command
 * offers, and names them when the value is wrong. Each command offers its formats through a
 * subclass, as picocli makes converters from their class.
 */
abstract class FormatOption implements ITypeConverter<OutputFormat> {
  private final List<OutputFormat> offered;

  FormatOption(OutputFormat... offered) {
    this.offered = List.of(offered);
  }

  @Override
  public OutputFormat convert(String value) {
    for (OutputFormat format : offered) {
      if (format.wireName().equals(value.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    List<String> names = offered.stream().map(OutputFormat::wireName).toList();
    String last = names.get(names.size() - 1);
    String choices =
        names.size() == 1
            ? last
            : String.join(", ", names.subList(0, names.size() - 1)) + " or " + last;
    throw new TypeConversionException("expected " + choices + ", not '" + value + "'");
  }
}
