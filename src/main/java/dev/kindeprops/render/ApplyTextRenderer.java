package dev.kindeprops.render;

import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.apply.ChangeResult;
import dev.kindeprops.apply.Outcome;
import dev.kindeprops.live.Dashboard;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ManualStep;
import dev.kindeprops.text.Words;
import java.util.List;

/**
 * What {@code apply} prints when it is done: each failed change with its reason, the changes not
 * started, a summary line, and the manual steps as a checklist (each change's own line was printed
 * as it finished). It shows addresses and property keys, never values, and masks a sensitive value
 * should a target's message repeat it.
 */
public final class ApplyTextRenderer implements Renderer<ApplyView> {
  /** Addresses of changes not started listed before the rest are only counted. */
  private static final int MAX_LISTED = 10;

  @Override
  public String render(ApplyView view) {
    ApplyReport report = view.report();
    StringBuilder out = new StringBuilder();
    for (ChangeResult failed : report.with(Outcome.FAILED)) {
      out.append("Failed: ")
          .append(failed.change().address())
          .append(": ")
          .append(view.reason(failed))
          .append('\n');
    }
    List<String> notStarted =
        report.with(Outcome.NOT_STARTED).stream()
            .map(r -> r.change().address().toString())
            .toList();
    if (!notStarted.isEmpty()) {
      out.append("Not started: ").append(Words.names(notStarted, MAX_LISTED)).append('\n');
    }
    out.append(summary(view)).append('\n');
    if (view.checked()) {
      out.append(tokenCheck(view));
    } else {
      out.append(manualSteps(view.manualSteps()));
    }
    return out.toString();
  }

  /** What the closing check found in the tokens. */
  private static String tokenCheck(ApplyView view) {
    List<ClaimCheck> checks = view.tokenCheck();
    long ok = checks.stream().filter(c -> c.status() == ClaimCheck.Status.OK).count();
    String found =
        checks.size() == 1
            ? (ok == 1 ? "it carries" : "it does not carry")
            : (ok == checks.size() ? "all carry" : ok + " of " + checks.size() + " carry");
    StringBuilder out =
        new StringBuilder("\nClosing check: minted the token of ")
            .append(Words.count(checks.size(), "application", "applications"))
            .append(" whose claims this apply changed; ")
            .append(found)
            .append(" the declared claims.\n");
    if (!view.manualSteps().isEmpty()) {
      out.append(
          "\nToggles still to make: the tokens show them not made. In the Kinde dashboard, toggle"
              + " and save:\n");
      out.append(checklist(view.manualSteps()));
    }
    for (ClaimCheck check : view.otherFindings()) {
      if (check.problem() != null) {
        out.append("  ! ")
            .append(check.application())
            .append(": could not check its token: ")
            .append(check.problem())
            .append('\n');
      } else {
        check
            .different()
            .forEach(
                (key, difference) ->
                    out.append("  ! ")
                        .append(check.application())
                        .append(": the token carries ")
                        .append(key)
                        .append(" = ")
                        .append(Display.claim(view.sensitive(), key, difference.actual()))
                        .append(", not ")
                        .append(Display.claim(view.sensitive(), key, difference.expected()))
                        .append('\n'));
      }
    }
    if (view.anythingLeft()) {
      out.append("Once they are made, kinde-props verify checks every application's token.\n");
    }
    return out.toString();
  }

  /**
   * The line that says how apply went; it counts the manual steps left where the closing check did
   * not look at the tokens (which list their own).
   */
  static String summary(ApplyView view) {
    return view.checked() ? summary(view.report(), 0) : summary(view.report());
  }

  /** The line that says how apply went, such as {@code Apply complete: 3 changes made.} */
  public static String summary(ApplyReport report) {
    return summary(report, report.count(Outcome.MANUAL));
  }

  /**
   * @param manual how many manual steps to say are left
   */
  private static String summary(ApplyReport report, int manual) {
    int done = report.count(Outcome.DONE);
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
    out.append(checklist(steps));
    if (ManualStep.anyStateUnknown(steps)) {
      out.append(PlanTextRenderer.STATE_UNKNOWN_NOTE).append('\n');
    }
    out.append(
        "Only public (non-private) properties can be turned on: the plan makes each claimed one\n"
            + "public before its toggle is needed. Until a toggle is done, it stays in every plan\n"
            + "that observes claims (kinde-props plan --observe-claims); kinde-props verify checks\n"
            + "the tokens.\n");
    return out.toString();
  }

  /** One checklist line per application. */
  private static String checklist(List<ManualStep> steps) {
    StringBuilder out = new StringBuilder();
    for (ManualStep step : steps) {
      out.append("  [ ] ")
          .append(Dashboard.claimTogglePath(step.application()))
          .append(':')
          .append(PlanTextRenderer.toggles(step, k -> k))
          .append(" (client id ")
          .append(step.applicationId())
          .append(")\n");
    }
    return out.toString();
  }
}
