package dev.kindeprops.model;

import java.util.Arrays;
import java.util.Optional;

/** The text type of a property. Kinde never changes it in place: a new type means replace. */
public enum PropertyType {
  SINGLE_LINE_TEXT("single_line_text"),
  MULTI_LINE_TEXT("multi_line_text");

  private final String wireName;

  PropertyType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in manifests, state files, plans and Kinde's API. */
  public String wireName() {
    return wireName;
  }

  public static Optional<PropertyType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
