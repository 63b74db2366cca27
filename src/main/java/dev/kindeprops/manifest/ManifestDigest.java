package dev.kindeprops.manifest;

import dev.kindeprops.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The digest of a desired state that a saved plan records, so that {@code apply -f} can refuse a
 * plan made from other manifests. It covers what the manifests mean, not how they are written:
 * comments, file layout and profiles (already folded into the applications) do not change it.
 */
public final class ManifestDigest {
  private ManifestDigest() {}

  /** {@code sha256:} and the hex digest of the desired state's canonical JSON form. */
  public static String of(DesiredState state) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    ObjectNode properties = root.putObject("properties");
    for (PropertyDefinition p : state.properties().values()) {
      ObjectNode property =
          properties
              .putObject(p.key())
              .put("name", p.name())
              .put("description", p.description())
              .put("type", p.type().wireName())
              .put("category", p.category())
              .put("private", p.isPrivate())
              .put("pattern", p.pattern())
              .put("sensitive", p.sensitive());
      ArrayNode allowed = property.putArray("allowed");
      p.allowed().forEach(allowed::add);
    }
    ObjectNode applications = root.putObject("applications");
    for (Application a : state.applications().values()) {
      ObjectNode app = applications.putObject(a.name()).put("id", a.id());
      app.put("audience", a.audience());
      ObjectNode values = app.putObject("values");
      a.values().forEach(values::put);
      ArrayNode claims = app.putArray("claims");
      a.claims().forEach(claims::add);
    }
    ArrayNode removed = root.putArray("removed_properties");
    state.removedProperties().forEach(removed::add);
    return Json.sha256(root);
  }
}
