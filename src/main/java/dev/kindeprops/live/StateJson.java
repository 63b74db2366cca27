package dev.kindeprops.live;

import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a live state, field by field in a fixed order: what a state file stores and what
 * a plan's state fingerprint hashes.
 */
public final class StateJson {
  private StateJson() {}

  /**
   * Adds {@code categories}, {@code properties} and {@code applications} to {@code root}, in the
   * order given.
   *
   * @param withClaims which applications' {@code claims} to write
   */
  public static ObjectNode fill(
      ObjectNode root,
      List<LiveCategory> categories,
      List<LiveProperty> properties,
      List<LiveApplication> applications,
      Predicate<LiveApplication> withClaims) {
    ArrayNode categoryList = root.putArray("categories");
    categories.forEach(c -> categoryList.addObject().put("id", c.id()).put("name", c.name()));
    ArrayNode propertyList = root.putArray("properties");
    for (LiveProperty p : properties) {
      propertyList
          .addObject()
          .put("id", p.id())
          .put("key", p.key())
          .put("name", p.name())
          .put("description", p.description())
          .put("type", p.type() == null ? null : p.type().wireName())
          .put("is_private", p.isPrivate())
          .put("category_id", p.categoryId());
    }
    ArrayNode applicationList = root.putArray("applications");
    for (LiveApplication a : applications) {
      ObjectNode app =
          applicationList.addObject().put("id", a.id()).put("name", a.name()).put("type", a.type());
      ObjectNode values = app.putObject("values");
      a.values().forEach(values::put);
      if (withClaims.test(a)) {
        ArrayNode claims = app.putArray("claims");
        a.claims().forEach(claims::add);
      }
    }
    return root;
  }
}
