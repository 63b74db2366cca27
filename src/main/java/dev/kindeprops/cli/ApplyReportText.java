package dev.kindeprops.cli;

import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.apply.ChangeResult;
import dev.kindeprops.apply.Outcome;
import dev.kindeprops.live.Dashboard;
import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code apply} prints when it is done: each failed change with its reason, the changes not
 * started, a summary line, and the manual steps as a checklist; with {@code --verbose}, every
 * change and what became of it first. It shows addresses and property keys, never values, and masks
 * a sensitive value should a target's message repeat it.
 */
final class ApplyReportText {
  /** Addresses of changes not started listed before the rest are only counted. */
  private static final int MAX_LISTED = 10;

  private static final String SENSITIVE = "(sensitive)";

  private ApplyReportText() {}

  /**
   * @param sensitive the keys of properties whose values are masked
   * @param verbose whether to list every change with its outcome
   */
  static String render(ApplyReport report, Set<String> sensitive, boolean verbose) {
    StringBuilder out = new StringBuilder();
    if (verbose) {
      for (ChangeResult result : report.results()) {
        String outcome = result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        out.append("  ")
            .append(String.format(Locale.ROOT, "%-12s", outcome))
            .append(result.change().address())
            .append('\n');
      }
    }
    for (ChangeResult failed : report.with(Outcome.FAILED)) {
      out.append("Failed: ")
          .append(failed.change().address())
          .append(": ")
          .append(masked(failed, sensitive))
          .append('\n');
    }
    List<String> notStarted =
        report.with(Outcome.NOT_STARTED).stream().map(r -> r.change().address()).toList();
    if (!notStarted.isEmpty()) {
      out.append("Not started: ").append(names(notStarted)).append('\n');
    }
    out.append(summary(report)).append('\n');
    out.append(manualSteps(report.with(Outcome.MANUAL)));
    return out.toString();
  }

  /** The failure's reason, with the change's own values masked where its property is sensitive. */
  private static String masked(ChangeResult failed, Set<String> sensitive) {
    Change change = failed.change();
    String reason = failed.reason();
    if (change.kind() == Kind.VALUE && sensitive.contains(change.key())) {
      for (Object value : new Object[] {change.before(), change.after()}) {
        if (value instanceof String text && !text.isEmpty()) {
          reason = reason.replace(text, SENSITIVE);
        }
      }
    }
    return reason;
  }

  static String summary(ApplyReport report) {
    int done = report.count(Outcome.DONE);
    int manual = report.count(Outcome.MANUAL);
    String left =
        manual == 0
            ? ""
            : " "
                + manual
                + (manual == 1 ? " manual step is" : " manual steps are")
                + " left to do (below).";
    if (!report.complete()) {
      return "Apply failed: "
          + done
          + " done, "
          + report.count(Outcome.FAILED)
          + " failed, "
          + report.count(Outcome.NOT_STARTED)
          + " not started. Run kinde-props plan to see what is left."
          + left;
    }
    if (done == 0) {
      return "Apply complete: nothing for kinde-props to change." + left;
    }
    return "Apply complete: " + done + (done == 1 ? " change" : " changes") + " made." + left;
  }

  /** The claim toggles a person makes in the dashboard, one checklist line per application. */
  static String manualSteps(List<ChangeResult> manual) {
    if (manual.isEmpty()) {
      return "";
    }
    Map<String, List<Change>> byApplication = new LinkedHashMap<>();
    manual.forEach(
        r ->
            byApplication
                .computeIfAbsent(r.change().applicationName(), name -> new ArrayList<>())
                .add(r.change()));
    StringBuilder out =
        new StringBuilder(
            "\nManual steps: Kinde's Management API cannot toggle M2M token claims, so a person"
                + " makes these\nin the Kinde dashboard, then saves:\n");
    byApplication.forEach(
        (name, changes) -> {
          List<String> on = new ArrayList<>();
          List<String> off = new ArrayList<>();
          changes.forEach(c -> (c.action() == Action.CREATE ? on : off).add(c.key()));
          out.append("  [ ] ").append(Dashboard.claimTogglePath(name)).append(':');
          if (!on.isEmpty()) {
            out.append(" turn on ").append(String.join(", ", on));
          }
          if (!off.isEmpty()) {
            out.append(on.isEmpty() ? "" : ";").append(" turn off ").append(String.join(", ", off));
          }
          out.append(" (client id ").append(changes.get(0).applicationId()).append(")\n");
        });
    out.append(
        "Only public (non-private) properties can be turned on: the plan makes each claimed one\n"
            + "public before its toggle is needed. Until a toggle is done, it stays in every plan\n"
            + "that observes claims (kinde-props plan --observe-claims); kinde-props verify checks\n"
            + "the tokens.\n");
    return out.toString();
  }

  private static String names(List<String> names) {
    if (names.size() <= MAX_LISTED) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_LISTED))
        + " and "
        + (names.size() - MAX_LISTED)
        + " more";
  }
}
