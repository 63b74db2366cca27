package dev.kindeprops.engine;

import dev.kindeprops.diag.Diagnostic;
import dev.kindeprops.diag.InvalidInputException;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API audience of each token kinde-props mints as an application. Kinde needs one (its token
 * endpoint answers {@code invalid_request} without), and a token's {@code aud} is checked against
 * it, so a missing audience is an error before the first request.
 */
public final class Audiences {
  private Audiences() {}

  /**
   * By application id: {@code override} ({@code --audience}), else the application's own;
   * applications with neither are absent.
   */
  public static Map<String, String> of(DesiredState desired, String override) {
    Map<String, String> audiences = new HashMap<>();
    for (Application app : desired.applications().values()) {
      String audience = override != null ? override : app.audience();
      if (audience != null) {
        audiences.put(app.id(), audience);
      }
    }
    return audiences;
  }

  /**
   * Refuses, at each application's line in the manifests, the applications that have no audience.
   *
   * @param why what mints the tokens, such as {@code --observe-claims}
   * @throws InvalidInputException naming each application without one
   */
  static void require(
      Collection<Application> applications, Map<String, String> audiences, String why) {
    List<Diagnostic> errors = new ArrayList<>();
    for (Application app : applications) {
      if (!audiences.containsKey(app.id())) {
        errors.add(Diagnostic.error(app.location(), missing("application " + app.name(), why)));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Diagnostic.ORDER);
      throw new InvalidInputException(errors);
    }
  }

  /** The message for one application without an audience. */
  static String missing(String application, String why) {
    return application
        + ": "
        + why
        + " mints a token as it, and Kinde needs an API audience for that (and checks the token's"
        + " aud against it): set 'audience' on the application in the manifests, or pass"
        + " --audience";
  }
}
