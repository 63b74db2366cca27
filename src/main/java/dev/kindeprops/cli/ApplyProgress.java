package dev.kindeprops.cli;

import dev.kindeprops.apply.ApplyListener;
import dev.kindeprops.apply.ChangeResult;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimChange;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.ValueChange;
import dev.kindeprops.render.PlanTextRenderer;
import dev.kindeprops.render.PlanView;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What apply prints while it works, the same on a terminal and in a CI log: for a saved plan, the
 * changes it is about to make (a plan made from {@code -f} was shown whole before); then a line per
 * change as it finishes, such as {@code property.region: updated}, in plan order, so that the same
 * apply always prints the same lines.
 */
final class ApplyProgress implements ApplyListener {
  private final PrintStream out;
  private final Path savedPlan;
  private final boolean color;

  /** The changes kinde-props carries out, in plan order, by address. */
  private final Map<String, Integer> positions = new HashMap<>();

  /** Finished changes whose line waits for an earlier change to finish. */
  private final Map<Integer, ChangeResult> waiting = new HashMap<>();

  private int printed;

  /**
   * @param out where the lines go: standard output, or standard error when standard output carries
   *     a report for scripts
   * @param savedPlan the saved plan being applied, or null for a plan made from {@code -f}
   * @param color whether to colour the changes of a saved plan
   */
  ApplyProgress(PrintStream out, Path savedPlan, boolean color) {
    this.out = out;
    this.savedPlan = savedPlan;
    this.color = color;
  }

  @Override
  public synchronized void starting(Plan plan) {
    List<Change> carriedOut = plan.changes().stream().filter(c -> !c.manual()).toList();
    for (int i = 0; i < carriedOut.size(); i++) {
      positions.put(carriedOut.get(i).address().toString(), i);
    }
    StringBuilder text = new StringBuilder();
    if (savedPlan != null && plan.hasChanges()) {
      // Only an apply given --allow-delete gets this far with a delete.
      PlanView view = PlanView.of(plan, true);
      text.append("Applying the saved plan ")
          .append(savedPlan)
          .append(" to ")
          .append(plan.target())
          .append(":\n\n")
          .append(new PlanTextRenderer(color).renderChanges(view))
          .append(view.summaryLine())
          .append("\n\n");
    } else if (!carriedOut.isEmpty()) {
      text.append('\n');
    }
    out.print(text);
    out.flush();
  }

  @Override
  public synchronized void finished(ChangeResult result, int finished, int total) {
    waiting.put(positions.get(result.change().address().toString()), result);
    while (waiting.containsKey(printed)) {
      out.println(line(waiting.remove(printed)));
      printed++;
    }
    out.flush();
  }

  /**
   * Prints the lines of changes that finished after one that never did, and a blank line before the
   * report when there were lines.
   */
  synchronized void end() {
    waiting.keySet().stream().sorted().forEach(i -> out.println(line(waiting.get(i))));
    if (printed > 0 || !waiting.isEmpty()) {
      out.println();
    }
    waiting.clear();
    out.flush();
  }

  /** {@code property.region: updated}, or {@code …: failed} (the report says why). */
  static String line(ChangeResult result) {
    Change change = result.change();
    String what =
        switch (result.outcome()) {
          case DONE -> done(change);
          case FAILED -> "failed";
          case NOT_STARTED -> "not started";
          case MANUAL -> "manual";
        };
    return change.address() + ": " + what;
  }

  private static String done(Change change) {
    if (change instanceof ClaimChange claim) {
      return claim.on() ? "turned on" : "turned off";
    }
    return switch (change.action()) {
      case CREATE -> "created";
      case UPDATE -> "updated";
      case REPLACE -> "replaced";
      case DELETE -> change instanceof ValueChange ? "unset" : "deleted";
    };
  }
}
