package dev.kindeprops.manifest;

import dev.kindeprops.diag.Diagnostics;
import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.model.PropertyType;
import dev.kindeprops.model.ValuePattern;
import dev.kindeprops.text.Spelling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Merges manifest documents into one desired state and checks the rules of DESIGN.md section 2 that
 * a schema cannot express, reporting every problem of the run at once.
 *
 * <p>The documents may still hold schema errors (already reported): every check reads defensively
 * and skips what is malformed, so that one mistake gives one message. When some file could not be
 * read at all, checks that need every declaration (an undeclared property, an unknown profile) are
 * skipped, since the declaration may be in that file.
 */
final class DesiredStateBuilder {
  private static final Pattern PROPERTY_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern LOCAL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final boolean complete;
  private final Diagnostics diagnostics;
  private final Map<String, Entry> properties = new TreeMap<>();
  private final Map<String, Entry> profiles = new TreeMap<>();
  private final Map<String, Entry> applications = new TreeMap<>();
  private final Map<String, SourceLocation> removed = new TreeMap<>();
  private final Map<String, ValuePattern> patterns = new HashMap<>();

  /**
   * One declared property, profile or application: its JSON and where it is written.
   *
   * @param map the map that declares it (its name is a key of that map)
   */
  private record Entry(String name, ManifestDocument document, JsonNode map, JsonNode node) {
    SourceLocation location() {
      return document.keyAt(map, name);
    }

    /** Where the value of one of its fields is written. */
    SourceLocation valueAt(String field) {
      return document.valueAt(node, field);
    }
  }

  private DesiredStateBuilder(boolean complete, Diagnostics diagnostics) {
    this.complete = complete;
    this.diagnostics = diagnostics;
  }

  /**
   * Merges and checks the documents.
   *
   * @param complete whether every given file was read, so that a missing declaration is an error
   * @return the desired state, or null when the run has errors (reported to {@code diagnostics})
   */
  static DesiredState build(
      List<ManifestDocument> documents, boolean complete, Diagnostics diagnostics) {
    DesiredStateBuilder builder = new DesiredStateBuilder(complete, diagnostics);
    for (ManifestDocument document : documents) {
      builder.collect(document);
    }
    builder.checkProperties();
    builder.profiles.values().forEach(p -> builder.checkValuesAndClaims(p, "profile"));
    builder.applications.values().forEach(builder::checkApplication);
    builder.checkApplicationIds();
    builder.warnUnusedProfiles();
    return diagnostics.hasErrors() ? null : builder.desiredState();
  }

  private void collect(ManifestDocument document) {
    JsonNode root = document.root();
    collect(document, root.path("properties"), "property", properties);
    collect(document, root.path("profiles"), "profile", profiles);
    collect(document, root.path("applications"), "application", applications);
    JsonNode list = root.path("removed").path("properties");
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      if (list.get(i).isString()) {
        removed.putIfAbsent(list.get(i).stringValue(), document.valueAt(list, i));
      }
    }
  }

  private void collect(
      ManifestDocument document, JsonNode map, String kind, Map<String, Entry> into) {
    if (!map.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : map.properties()) {
      Entry entry = new Entry(field.getKey(), document, map, field.getValue());
      Entry first = into.putIfAbsent(field.getKey(), entry);
      if (first != null) {
        diagnostics.error(
            entry.location(),
            kind + " '" + field.getKey() + "' is already declared at " + first.location());
      }
    }
  }

  private void checkProperties() {
    for (Entry property : properties.values()) {
      JsonNode pattern = property.node().path("pattern");
      ValuePattern compiled = null;
      if (pattern.isString()) {
        compiled =
            ValuePattern.compile(
                pattern.stringValue(),
                problem ->
                    diagnostics.error(
                        property.valueAt("pattern"),
                        "invalid pattern for '" + property.name() + "': " + problem));
        if (compiled != null) {
          patterns.put(property.name(), compiled);
        }
      }
      JsonNode allowed = property.node().path("allowed");
      for (int i = 0; compiled != null && allowed.isArray() && i < allowed.size(); i++) {
        JsonNode value = allowed.get(i);
        if (value.isString() && !compiled.matches(value.stringValue())) {
          diagnostics.error(
              property.document().valueAt(allowed, i),
              "allowed value '"
                  + value.stringValue()
                  + "' does not match the pattern of '"
                  + property.name()
                  + "'");
        }
      }
      SourceLocation removal = removed.get(property.name());
      if (removal != null) {
        diagnostics.error(
            removal,
            "property '"
                + property.name()
                + "' is listed under 'removed' but declared at "
                + property.location()
                + "; keep one of them");
      }
    }
  }

  private void checkApplication(Entry application) {
    checkValuesAndClaims(application, "application");
    JsonNode list = application.node().path("profiles");
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      JsonNode profile = list.get(i);
      if (complete
          && profile.isString()
          && LOCAL_NAME.matcher(profile.stringValue()).matches()
          && !profiles.containsKey(profile.stringValue())) {
        diagnostics.error(
            application.document().valueAt(list, i),
            "application '"
                + application.name()
                + "' uses unknown profile '"
                + profile.stringValue()
                + "'"
                + Spelling.hint(profile.stringValue(), profiles.keySet()));
      }
    }
  }

  private void checkValuesAndClaims(Entry owner, String kind) {
    String ownerName = kind + " '" + owner.name() + "'";
    ManifestDocument document = owner.document();
    JsonNode values = owner.node().path("values");
    if (values.isObject()) {
      for (Map.Entry<String, JsonNode> value : values.properties()) {
        String key = value.getKey();
        Entry property = properties.get(key);
        if (property == null) {
          if (complete && isPropertyKey(key)) {
            diagnostics.error(
                document.keyAt(values, key), ownerName + " sets '" + key + "', " + undeclared(key));
          }
        } else if (value.getValue().isString() && !document.place(values, key).unresolved()) {
          checkValue(property, value.getValue().stringValue(), () -> document.valueAt(values, key));
        }
      }
    }
    JsonNode claims = owner.node().path("claims");
    for (int i = 0; claims.isArray() && i < claims.size(); i++) {
      if (!claims.get(i).isString()) {
        continue;
      }
      String key = claims.get(i).stringValue();
      Entry property = properties.get(key);
      if (property == null) {
        if (complete && isPropertyKey(key)) {
          diagnostics.error(
              document.valueAt(claims, i), ownerName + " claims '" + key + "', " + undeclared(key));
        }
      } else if (isPrivate(property)) {
        diagnostics.error(
            document.valueAt(claims, i),
            ownerName
                + " claims '"
                + key
                + "', which is private; set 'private: false' on the property ("
                + property.location()
                + ") so that tokens may carry it");
      }
    }
  }

  private String undeclared(String key) {
    if (removed.containsKey(key)) {
      return "which is listed under 'removed'";
    }
    return "which is not declared under 'properties'" + Spelling.hint(key, properties.keySet());
  }

  /** Checks one value where it is written, against its property's allowed values and pattern. */
  private void checkValue(Entry property, String value, Supplier<SourceLocation> at) {
    String key = property.name();
    Supplier<String> shown =
        () ->
            flag(property.node(), "sensitive", false)
                ? "the value for '" + key + "' (sensitive, not shown)"
                : "value '" + value + "' for '" + key + "'";
    if (value.isEmpty()) {
      diagnostics.error(
          at.get(), "the value for '" + key + "' is empty; leave it out for no value");
      return;
    }
    List<String> allowed = strings(property.node().path("allowed"));
    if (!allowed.isEmpty() && !allowed.contains(value)) {
      diagnostics.error(
          at.get(), shown.get() + " is not allowed; allowed: " + String.join(", ", allowed));
    }
    ValuePattern pattern = patterns.get(key);
    if (pattern != null && !pattern.matches(value)) {
      diagnostics.error(at.get(), shown.get() + " does not match the pattern " + pattern.text());
    }
  }

  private void checkApplicationIds() {
    Map<String, Entry> byId = new HashMap<>();
    for (Entry application : applications.values()) {
      JsonNode id = application.node().path("id");
      if (!id.isString()) {
        continue;
      }
      Entry first = byId.putIfAbsent(id.stringValue(), application);
      if (first != null) {
        diagnostics.error(
            application.valueAt("id"),
            "application '"
                + application.name()
                + "' has the same id as application '"
                + first.name()
                + "' ("
                + first.valueAt("id")
                + ")");
      }
    }
  }

  private void warnUnusedProfiles() {
    if (!complete) {
      return;
    }
    Set<String> used = new HashSet<>();
    applications.values().forEach(a -> used.addAll(strings(a.node().path("profiles"))));
    for (Entry profile : profiles.values()) {
      if (!used.contains(profile.name())) {
        diagnostics.warning(
            profile.location(), "profile '" + profile.name() + "' is not used by any application");
      }
    }
  }

  private DesiredState desiredState() {
    Map<String, PropertyDefinition> definitions = new TreeMap<>();
    for (Entry p : properties.values()) {
      JsonNode node = p.node();
      definitions.put(
          p.name(),
          new PropertyDefinition(
              p.name(),
              text(node, "name"),
              text(node, "description"),
              PropertyType.fromWireName(text(node, "type")).orElse(PropertyType.SINGLE_LINE_TEXT),
              text(node, "category"),
              isPrivate(p),
              strings(node.path("allowed")),
              text(node, "pattern"),
              flag(node, "sensitive", false),
              p.location()));
    }
    Map<String, Profile> bundles = new TreeMap<>();
    for (Entry p : profiles.values()) {
      bundles.put(
          p.name(),
          new Profile(
              p.name(),
              values(p.node()),
              new TreeSet<>(strings(p.node().path("claims"))),
              p.location()));
    }
    Map<String, Application> apps = new TreeMap<>();
    for (Entry a : applications.values()) {
      List<String> listed = strings(a.node().path("profiles"));
      // Sorted maps throughout: a sorted map copied into an empty one is copied in linear time.
      TreeMap<String, String> values = new TreeMap<>();
      TreeSet<String> claims = new TreeSet<>();
      TreeMap<String, SourceLocation> valuesAt = new TreeMap<>();
      TreeMap<String, SourceLocation> claimsAt = new TreeMap<>();
      for (String name : listed) {
        values.putAll(bundles.get(name).values());
        claims.addAll(bundles.get(name).claims());
        valuesAt.putAll(valueLocations(profiles.get(name)));
        claimsAt.putAll(claimLocations(profiles.get(name)));
      }
      values.putAll(values(a.node()));
      claims.addAll(strings(a.node().path("claims")));
      valuesAt.putAll(valueLocations(a));
      claimsAt.putAll(claimLocations(a));
      apps.put(
          a.name(),
          new Application(
              a.name(),
              text(a.node(), "id"),
              listed,
              values,
              claims,
              text(a.node(), "audience"),
              a.location(),
              valuesAt,
              claimsAt));
    }
    return new DesiredState(
        new TreeMap<>(definitions),
        new TreeMap<>(bundles),
        new TreeMap<>(apps),
        new TreeSet<>(removed.keySet()));
  }

  /** Where a profile's or application's values are written: each key's place. */
  private static SortedMap<String, SourceLocation> valueLocations(Entry owner) {
    SortedMap<String, SourceLocation> places = new TreeMap<>();
    JsonNode map = owner.node().path("values");
    if (map.isObject()) {
      for (Map.Entry<String, JsonNode> value : map.properties()) {
        if (value.getValue().isString()) {
          places.put(value.getKey(), owner.document().keyAt(map, value.getKey()));
        }
      }
    }
    return places;
  }

  /** Where a profile's or application's claims are listed: each item's place. */
  private static SortedMap<String, SourceLocation> claimLocations(Entry owner) {
    SortedMap<String, SourceLocation> places = new TreeMap<>();
    JsonNode list = owner.node().path("claims");
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      if (list.get(i).isString()) {
        places.putIfAbsent(list.get(i).stringValue(), owner.document().valueAt(list, i));
      }
    }
    return places;
  }

  private static boolean isPropertyKey(String key) {
    return PROPERTY_KEY.matcher(key).matches() && !key.startsWith("kp_");
  }

  /**
   * Properties are private unless they say {@code private: false}; a malformed flag (reported by
   * the schema) counts as not private, so that it gives no second message.
   */
  private static boolean isPrivate(Entry property) {
    JsonNode flag = property.node().path("private");
    return flag.isMissingNode() || (flag.isBoolean() && flag.booleanValue());
  }

  private static boolean flag(JsonNode node, String field, boolean otherwise) {
    JsonNode value = node.path(field);
    return value.isBoolean() ? value.booleanValue() : otherwise;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.stringValue() : null;
  }

  private static List<String> strings(JsonNode list) {
    List<String> strings = new ArrayList<>();
    for (int i = 0; list.isArray() && i < list.size(); i++) {
      if (list.get(i).isString()) {
        strings.add(list.get(i).stringValue());
      }
    }
    return strings;
  }

  private static TreeMap<String, String> values(JsonNode owner) {
    TreeMap<String, String> values = new TreeMap<>();
    JsonNode map = owner.path("values");
    if (map.isObject()) {
      for (Map.Entry<String, JsonNode> value : map.properties()) {
        if (value.getValue().isString()) {
          values.put(value.getKey(), value.getValue().stringValue());
        }
      }
    }
    return values;
  }
}
