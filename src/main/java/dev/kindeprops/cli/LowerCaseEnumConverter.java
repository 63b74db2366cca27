package dev.kindeprops.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an option's enum value as the help shows it, in lower case ({@code --format json}), and
 * names the accepted values in lower case when it is wrong.
 */
abstract class LowerCaseEnumConverter<E extends Enum<E>> implements ITypeConverter<E> {
  private final Class<E> type;

  LowerCaseEnumConverter(Class<E> type) {
    this.type = type;
  }

  @Override
  public E convert(String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names =
          Arrays.stream(type.getEnumConstants())
              .map(c -> c.name().toLowerCase(Locale.ROOT))
              .toList();
      String last = names.get(names.size() - 1);
      String choices =
          names.size() == 1
              ? last
              : String.join(", ", names.subList(0, names.size() - 1)) + " or " + last;
      throw new TypeConversionException("expected " + choices + ", not '" + value + "'");
    }
  }
}
