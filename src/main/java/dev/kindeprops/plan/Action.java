package dev.kindeprops.plan;

import java.util.Locale;

/** What a change does. */
public enum Action {
  CREATE("+"),
  UPDATE("~"),
  /** Delete then create: the only way to change a property's type. */
  REPLACE("-/+"),
  DELETE("-");

  private final String symbol;

  Action(String symbol) {
    this.symbol = symbol;
  }

  /** Terraform's symbol for the action. */
  public String symbol() {
    return symbol;
  }

  /** The lower-case name used in plan JSON. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the change destroys something, and so needs {@code --allow-delete}. */
  public boolean isDestructive() {
    return this == REPLACE || this == DELETE;
  }
}
