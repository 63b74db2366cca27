package dev.kindeprops.render;

import dev.kindeprops.json.PrettyJson;
import dev.kindeprops.plan.ApplicationClaims;
import dev.kindeprops.plan.ClaimValue;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The expected claims for {@code kinde-props claims}: one JSON object per application, keyed by its
 * name, holding its id and the {@code application_properties} claim its M2M token will carry.
 * Sensitive values are masked as {@code (sensitive)}: only the JSON plan carries them.
 */
public final class ClaimsRenderer {
  private ClaimsRenderer() {}

  /**
   * The claims as JSON text, such as {@code {"billing-worker": {"application_id": "…",
   * "application_properties": {"region": {"v": "eu"}}}}}.
   */
  public static String json(Map<String, ApplicationClaims> claims, Set<String> sensitive) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    claims.forEach(
        (name, app) -> {
          ObjectNode node = root.putObject(name).put("application_id", app.applicationId());
          ObjectNode properties = node.putObject("application_properties");
          for (Map.Entry<String, ClaimValue> claim : app.after().entrySet()) {
            ObjectNode entry = properties.putObject(claim.getKey());
            String v = claim.getValue().v();
            if (v != null) {
              entry.put("v", sensitive.contains(claim.getKey()) ? Display.SENSITIVE : v);
            }
          }
        });
    return PrettyJson.write(root);
  }
}
