package dev.kindeprops.render;

import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.plan.ClaimCheck;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report of {@code kinde-props verify} as JSON: {@code target}, {@code applications} by name
 * (each with {@code application_id}, {@code status} and, as they apply, {@code missing}, {@code
 * unexpected}, {@code different} or {@code error}) and {@code summary}. Sensitive values are
 * masked.
 */
public final class VerifyJsonRenderer implements Renderer<VerifyView> {
  @Override
  public String render(VerifyView view) {
    Set<String> sensitive = view.sensitive();
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    root.put("target", view.target());
    ObjectNode applications = root.putObject("applications");
    for (ClaimCheck check : view.checks()) {
      applications.set(check.application(), check(check, sensitive));
    }
    VerifyView.Counts counts = view.counts();
    root.putObject("summary")
        .put("ok", counts.ok())
        .put("mismatch", counts.mismatch())
        .put("error", counts.error());
    return PrettyJson.write(root);
  }

  /**
   * One application's check: {@code application_id}, {@code status} and, as they apply, {@code
   * missing}, {@code unexpected}, {@code different} or {@code error}; sensitive values masked.
   */
  static ObjectNode check(ClaimCheck check, Set<String> sensitive) {
    ObjectNode app =
        JsonNodeFactory.instance
            .objectNode()
            .put("application_id", check.applicationId())
            .put("status", check.status().name().toLowerCase(Locale.ROOT));
    switch (check.status()) {
      case OK -> {}
      case ERROR -> app.put("error", check.problem());
      case MISMATCH -> {
        ObjectNode missing = app.putObject("missing");
        check.missing().forEach((key, value) -> missing.set(key, claim(sensitive, key, value)));
        ObjectNode unexpected = app.putObject("unexpected");
        check
            .unexpected()
            .forEach((key, value) -> unexpected.set(key, claim(sensitive, key, value)));
        ObjectNode different = app.putObject("different");
        check
            .different()
            .forEach(
                (key, difference) -> {
                  ObjectNode entry = different.putObject(key);
                  entry.set("expected", claim(sensitive, key, difference.expected()));
                  entry.set("actual", claim(sensitive, key, difference.actual()));
                });
      }
    }
    return app;
  }

  /** A claim entry as in the token: {@code {"v": value}}, or {@code {}} without a value. */
  private static ObjectNode claim(Set<String> sensitive, String key, ClaimValue value) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    if (value.v() != null) {
      entry.put("v", sensitive.contains(key) ? Display.SENSITIVE : value.v());
    }
    return entry;
  }
}
