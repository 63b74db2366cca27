package dev.kindeprops.render;

import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ClaimCheck.Status;
import dev.kindeprops.plan.ClaimValue;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report of {@code kinde-props verify}: per application {@code ok}, a mismatch with its
 * missing, unexpected and different claim entries, or an error; then how to fix mismatches and a
 * summary. Sensitive values are masked in both forms: the report is for logs, not for applying.
 */
public final class VerifyRenderer {
  private static final int STATUS_WIDTH = 10;

  private VerifyRenderer() {}

  /**
   * What fixes a mismatch on the target the claims came from.
   *
   * @see #text
   */
  public enum Fix {
    /** Toggles are switched in the Kinde dashboard; values and privacy by {@code apply}. */
    DASHBOARD,
    /** The target stores toggles: {@code plan} shows the changes and {@code apply} makes them. */
    APPLY
  }

  /** The report as text; ANSI colours only when {@code color} is set. */
  public static String text(
      String target, List<ClaimCheck> checks, Set<String> sensitive, Fix fix, boolean color) {
    Style style = new Style(color);
    StringBuilder out = new StringBuilder();
    out.append("Target: ").append(target).append("\n\n");
    String indent = " ".repeat(STATUS_WIDTH + 2);
    for (ClaimCheck check : checks) {
      Status status = check.status();
      String label = pad(status.name().toLowerCase(Locale.ROOT));
      switch (status) {
        case OK -> out.append(style.green(label)).append(check.application()).append('\n');
        case ERROR ->
            out.append(style.red(label))
                .append(check.application())
                .append(": ")
                .append(check.problem())
                .append('\n');
        case MISMATCH -> {
          out.append(style.yellow(label)).append(check.application()).append('\n');
          check
              .missing()
              .forEach(
                  (key, value) ->
                      out.append(indent)
                          .append(style.red("missing     "))
                          .append(key)
                          .append(" = ")
                          .append(value(sensitive, key, value))
                          .append('\n'));
          check
              .unexpected()
              .forEach(
                  (key, value) ->
                      out.append(indent)
                          .append(style.red("unexpected  "))
                          .append(key)
                          .append(" = ")
                          .append(value(sensitive, key, value))
                          .append('\n'));
          check
              .different()
              .forEach(
                  (key, difference) ->
                      out.append(indent)
                          .append(style.yellow("different   "))
                          .append(key)
                          .append(": expected ")
                          .append(value(sensitive, key, difference.expected()))
                          .append(", actual ")
                          .append(value(sensitive, key, difference.actual()))
                          .append('\n'));
        }
      }
    }
    Map<Status, Integer> counts = counts(checks);
    if (counts.get(Status.MISMATCH) > 0) {
      out.append('\n');
      switch (fix) {
        case DASHBOARD ->
            out.append(
                """
                To fix a mismatch, switch missing properties on and unexpected ones off in the
                Kinde dashboard (only non-private properties reach a token) under
                  Applications > <application> > Tokens > Customize M2M token > Properties
                and let `kinde-props apply` fix values and privacy.
                """);
        case APPLY ->
            out.append(
                "To fix a mismatch: `kinde-props plan` shows the changes and `kinde-props apply`"
                    + " makes them.\n");
      }
    }
    out.append('\n')
        .append(style.bold("Verify: "))
        .append(counts.get(Status.OK))
        .append(" ok, ")
        .append(Display.count(counts.get(Status.MISMATCH), "mismatch", "mismatches"))
        .append(", ")
        .append(Display.count(counts.get(Status.ERROR), "error", "errors"))
        .append(".\n");
    return out.toString();
  }

  /**
   * The report as JSON: {@code target}, {@code applications} by name (each with {@code
   * application_id}, {@code status} and, as they apply, {@code missing}, {@code unexpected}, {@code
   * different} or {@code error}) and {@code summary}.
   */
  public static String json(String target, List<ClaimCheck> checks, Set<String> sensitive) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    root.put("target", target);
    ObjectNode applications = root.putObject("applications");
    for (ClaimCheck check : checks) {
      ObjectNode app =
          applications
              .putObject(check.application())
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
    }
    Map<Status, Integer> counts = counts(checks);
    root.putObject("summary")
        .put("ok", counts.get(Status.OK))
        .put("mismatch", counts.get(Status.MISMATCH))
        .put("error", counts.get(Status.ERROR));
    return PrettyJson.write(root);
  }

  private static Map<Status, Integer> counts(List<ClaimCheck> checks) {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      counts.put(status, 0);
    }
    checks.forEach(check -> counts.merge(check.status(), 1, Integer::sum));
    return counts;
  }

  /** A claim entry as in the token: {@code {"v": value}}, or {@code {}} without a value. */
  private static ObjectNode claim(Set<String> sensitive, String key, ClaimValue value) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    if (value.v() != null) {
      entry.put("v", sensitive.contains(key) ? Display.SENSITIVE : value.v());
    }
    return entry;
  }

  private static String value(Set<String> sensitive, String key, ClaimValue value) {
    if (value.v() == null) {
      return "{}";
    }
    return sensitive.contains(key) ? Display.SENSITIVE : Display.quote(value.v());
  }

  private static String pad(String label) {
    return label + " ".repeat(Math.max(1, STATUS_WIDTH - label.length()));
  }
}
