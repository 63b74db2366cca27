package dev.kindeprops.plan;

import java.util.Objects;

/**
 * Where a change or a warning applies, written {@code category.<name>}, {@code property.<key>},
 * {@code application.<name>}, {@code application.<name>.value.<key>} or {@code
 * application.<name>.claim.<key>}. Application names never hold a dot (manifests allow {@code
 * [a-z0-9_-]}), so the text reads back unambiguously.
 *
 * @param application the application's local name, or null for a category or property
 * @param kind what the address names; null for an application as a whole
 * @param key the property key, or the category's name; null for an application as a whole
 */
public record Address(String application, Kind kind, String key) implements Comparable<Address> {

  public Address {
    boolean ofApplication = kind == null || kind == Kind.VALUE || kind == Kind.CLAIM;
    if (ofApplication != (application != null) || (kind == null) != (key == null)) {
      throw new IllegalArgumentException("not an address: " + application + ", " + kind);
    }
  }

  public static Address category(String name) {
    return new Address(null, Kind.CATEGORY, Objects.requireNonNull(name, "name"));
  }

  public static Address property(String key) {
    return new Address(null, Kind.PROPERTY, Objects.requireNonNull(key, "key"));
  }

  public static Address application(String name) {
    return new Address(Objects.requireNonNull(name, "name"), null, null);
  }

  public static Address value(String application, String key) {
    return new Address(
        Objects.requireNonNull(application, "application"),
        Kind.VALUE,
        Objects.requireNonNull(key, "key"));
  }

  public static Address claim(String application, String key) {
    return new Address(
        Objects.requireNonNull(application, "application"),
        Kind.CLAIM,
        Objects.requireNonNull(key, "key"));
  }

  /**
   * Reads an address from its text.
   *
   * @throws IllegalArgumentException when the text is not an address
   */
  public static Address parse(String text) {
    if (text.startsWith("category.") && text.length() > "category.".length()) {
      return category(text.substring("category.".length()));
    }
    if (text.startsWith("property.") && text.length() > "property.".length()) {
      return property(text.substring("property.".length()));
    }
    if (text.startsWith("application.")) {
      String rest = text.substring("application.".length());
      int dot = rest.indexOf('.');
      if (dot < 0 && !rest.isEmpty()) {
        return application(rest);
      }
      if (dot > 0) {
        String application = rest.substring(0, dot);
        String tail = rest.substring(dot + 1);
        if (tail.startsWith("value.") && tail.length() > "value.".length()) {
          return value(application, tail.substring("value.".length()));
        }
        if (tail.startsWith("claim.") && tail.length() > "claim.".length()) {
          return claim(application, tail.substring("claim.".length()));
        }
      }
    }
    throw new IllegalArgumentException("\"" + text + "\" is not an address");
  }

  /** Addresses sort as their text does: the order of changes within a phase. */
  @Override
  public int compareTo(Address other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    if (kind == null) {
      return "application." + application;
    }
    return switch (kind) {
      case CATEGORY -> "category." + key;
      case PROPERTY -> "property." + key;
      case VALUE -> "application." + application + ".value." + key;
      case CLAIM -> "application." + application + ".claim." + key;
    };
  }
}
