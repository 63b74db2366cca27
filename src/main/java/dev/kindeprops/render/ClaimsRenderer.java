package dev.kindeprops.render;

import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.live.ClaimValue;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The expected claims as JSON: one object per application, keyed by its name, holding its id and
 * the {@code application_properties} claim its M2M token will carry, such as {@code
 * {"billing-worker": {"application_id": "…", "application_properties": {"region": {"v": "eu"}}}}}.
 * Sensitive values are masked as {@code (sensitive)}: only the JSON plan carries them.
 */
public final class ClaimsRenderer implements Renderer<ClaimsView> {
  @Override
  public String render(ClaimsView view) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    view.claims()
        .forEach(
            (name, app) -> {
              ObjectNode node = root.putObject(name).put("application_id", app.applicationId());
              ObjectNode properties = node.putObject("application_properties");
              for (Map.Entry<String, ClaimValue> claim : app.after().entrySet()) {
                ObjectNode entry = properties.putObject(claim.getKey());
                String v = claim.getValue().v();
                if (v != null) {
                  entry.put("v", view.sensitive().contains(claim.getKey()) ? Display.SENSITIVE : v);
                }
              }
            });
    return PrettyJson.write(root);
  }
}
