package dev.kindeprops.render;

import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.apply.ChangeResult;
import dev.kindeprops.apply.Outcome;
import dev.kindeprops.live.Dashboard;
import dev.kindeprops.plan.ManualStep;
import dev.kindeprops.plan.ValueChange;
import dev.kindeprops.text.Words;
import java.util.List;
import java.util.Locale;

/**
 * What {@code apply} prints when it is done: each failed change with its reason, the changes not
 * started, a summary line, and the manual steps as a checklist; with {@code --verbose}, every
 * change and what became of it first. It shows addresses and property keys, never values, and masks
 * a sensitive value should a target's message repeat it.
 */
public final class ApplyTextRenderer implements Renderer<ApplyView> {
  /** Addresses of changes not started listed before the rest are only counted. */
  private static final int MAX_LISTED = 10;

  private final boolean verbose;

  /**
   * @param verbose whether to list every change with its outcome
   */
  public ApplyTextRenderer(boolean verbose) {
    this.verbose = verbose;
  }

  @Override
  public String render(ApplyView view) {
    ApplyReport report = view.report();
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
          .append(masked(view, failed))
          .append('\n');
    }
    List<String> notStarted =
        report.with(Outcome.NOT_STARTED).stream()
            .map(r -> r.change().address().toString())
            .toList();
    if (!notStarted.isEmpty()) {
      out.append("Not started: ").append(Words.names(notStarted, MAX_LISTED)).append('\n');
    }
    out.append(summary(report)).append('\n');
    out.append(manualSteps(view.manualSteps()));
    return out.toString();
  }

  /** The failure's reason, with the change's own values masked where its property is sensitive. */
  private static String masked(ApplyView view, ChangeResult failed) {
    String reason = failed.reason();
    if (failed.change() instanceof ValueChange value && view.sensitive().contains(value.key())) {
      for (String text : new String[] {value.before(), value.after()}) {
        if (text != null && !text.isEmpty()) {
          reason = reason.replace(text, Display.SENSITIVE);
        }
      }
    }
    return reason;
  }

  /** The line that says how apply went, such as {@code Apply complete: 3 changes made.} */
  public static String summary(ApplyReport report) {
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
  static String manualSteps(List<ManualStep> steps) {
    if (steps.isEmpty()) {
      return "";
    }
    StringBuilder out =
        new StringBuilder(
            "\nManual steps: Kinde's Management API cannot toggle M2M token claims, so a person"
                + " makes these\nin the Kinde dashboard, then saves:\n");
    for (ManualStep step : steps) {
      out.append("  [ ] ")
          .append(Dashboard.claimTogglePath(step.application()))
          .append(':')
          .append(PlanTextRenderer.toggles(step.turnOn(), step.turnOff()))
          .append(" (client id ")
          .append(step.applicationId())
          .append(")\n");
    }
    out.append(
        "Only public (non-private) properties can be turned on: the plan makes each claimed one\n"
            + "public before its toggle is needed. Until a toggle is done, it stays in every plan\n"
            + "that observes claims (kinde-props plan --observe-claims); kinde-props verify checks\n"
            + "the tokens.\n");
    return out.toString();
  }
}
