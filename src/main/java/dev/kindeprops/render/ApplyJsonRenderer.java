package dev.kindeprops.render;

import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.apply.ChangeResult;
import dev.kindeprops.apply.Outcome;
import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.live.Dashboard;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ManualStep;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report of {@code apply} as JSON: {@code target}, {@code complete}, {@code summary}, each
 * change with its {@code outcome} (and {@code reason} where it failed), the {@code manual_steps}
 * left, and the closing check's {@code token_check} by application (as {@code verify --format json}
 * writes each; null where it did not run). Values appear only masked where sensitive.
 */
public final class ApplyJsonRenderer implements Renderer<ApplyView> {
  @Override
  public String render(ApplyView view) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ApplyReport report = view.report();
    ObjectNode root = nodes.objectNode();
    root.put("target", view.target());
    root.put("complete", report.complete());
    ObjectNode summary = root.putObject("summary");
    for (Outcome outcome : Outcome.values()) {
      summary.put(name(outcome), report.count(outcome));
    }
    ArrayNode changes = root.putArray("changes");
    for (ChangeResult result : report.results()) {
      ObjectNode change =
          changes
              .addObject()
              .put("address", result.change().address().toString())
              .put("outcome", name(result.outcome()));
      if (result.reason() != null) {
        change.put("reason", view.reason(result));
      }
    }
    ArrayNode steps = root.putArray("manual_steps");
    for (ManualStep step : view.manualSteps()) {
      ObjectNode node =
          steps
              .addObject()
              .put("application", step.application())
              .put("application_id", step.applicationId())
              .put("dashboard_path", Dashboard.claimTogglePath(step.application()));
      strings(node.putArray("turn_on"), step.turnOn());
      strings(node.putArray("turn_off"), step.turnOff());
      strings(node.putArray("state_unknown"), step.stateUnknown());
    }
    if (view.tokenCheck() == null) {
      root.putNull("token_check");
    } else {
      ObjectNode checks = root.putObject("token_check");
      for (ClaimCheck check : view.tokenCheck()) {
        checks.set(check.application(), VerifyJsonRenderer.check(check, view.sensitive()));
      }
    }
    return PrettyJson.write(root);
  }

  private static String name(Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
