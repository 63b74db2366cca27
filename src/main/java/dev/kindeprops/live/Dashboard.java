package dev.kindeprops.live;

/** Where in the Kinde dashboard a person makes the changes no API can: claim toggles. */
public final class Dashboard {
  private Dashboard() {}

  /** The dashboard path to the page where an application's M2M token claims are toggled. */
  public static String claimTogglePath(String application) {
    return "Applications > " + application + " > Tokens > Customize M2M token > Properties";
  }
}
