package dev.kindeprops.render;

import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.plan.ApplicationChange;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.DriftedChange;
import dev.kindeprops.plan.IgnoreRule;
import dev.kindeprops.plan.PlanCodec;
import dev.kindeprops.plan.PropertyChange;
import dev.kindeprops.plan.ValueChange;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A drift report as JSON ({@code schemas/drift.schema.json}): fields in a fixed order, two-space
 * indentation, a final newline. Sensitive values are masked here too.
 */
public final class DriftJsonRenderer implements Renderer<DriftView> {
  /** The version of the drift JSON format. */
  public static final int FORMAT_VERSION = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Override
  public String render(DriftView view) {
    ObjectNode root =
        NODES
            .objectNode()
            .put("format_version", FORMAT_VERSION)
            .put("tool_version", view.plan().toolVersion())
            .put("target", view.plan().target());
    if (view.plan().environment() != null) {
      root.put("environment", view.plan().environment());
    }
    root.put("baseline", view.report().baseline()).put("has_drift", view.report().hasDrift());
    Set<String> sensitive = view.plan().sensitiveProperties();
    ArrayNode drifted = root.putArray("drifted");
    view.report().drifted().forEach(d -> drifted.add(change(sensitive, d)));
    ArrayNode ignored = root.putArray("ignored");
    view.report().ignored().forEach(d -> ignored.add(change(sensitive, d)));
    ArrayNode stale = root.putArray("stale_ignores");
    view.report().staleRules().forEach(rule -> stale.add(rule(rule)));
    ArrayNode warnings = root.putArray("warnings");
    view.plan().warnings().forEach(w -> warnings.add(PlanCodec.warning(w)));
    ObjectNode summary =
        root.putObject("summary")
            .put("drifted", view.drifted().size())
            .put("ignored", view.ignored().size())
            .put("stale_ignores", view.report().staleRules().size());
    view.report().countsByAttribution().forEach((side, n) -> summary.put(side.wireName(), n));
    return PrettyJson.write(root);
  }

  private static ObjectNode change(Set<String> sensitive, DriftedChange drifted) {
    Change change = drifted.change();
    ObjectNode node = PlanCodec.identity(change);
    ApplicationChange toApplication =
        change instanceof ApplicationChange application ? application : null;
    node.put("application_id", toApplication == null ? null : toApplication.applicationId());
    node.put(
        "key",
        toApplication != null
            ? toApplication.key()
            : change instanceof PropertyChange property ? property.key() : null);
    node.set("live", masked(sensitive, change, PlanCodec.side(change, true)));
    node.set("manifests", masked(sensitive, change, PlanCodec.side(change, false)));
    node.put("manual", change.manual());
    node.put("moved", drifted.moved().wireName());
    if (drifted.ignoredBy() != null) {
      node.set("ignored_by", rule(drifted.ignoredBy()));
    }
    return node;
  }

  private static JsonNode masked(Set<String> sensitive, Change change, JsonNode value) {
    if (change instanceof ValueChange v && !value.isNull() && sensitive.contains(v.key())) {
      return NODES.stringNode(Display.SENSITIVE);
    }
    return value;
  }

  private static ObjectNode rule(IgnoreRule rule) {
    SourceLocation at = rule.location();
    ObjectNode node =
        NODES.objectNode().put("pattern", rule.pattern()).put("reason", rule.reason());
    node.put("file", at == null ? null : at.file());
    if (at == null || at.line() == 0) {
      node.putNull("line");
    } else {
      node.put("line", at.line());
    }
    return node;
  }
}
