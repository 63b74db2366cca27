package dev.kindeprops.export;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Manifests that declare exactly a live state, so that {@code plan} against the same target shows
 * no changes: every property but Kinde's own in {@code properties.yaml}, every M2M application with
 * its values and the toggles of public properties in {@code applications.yaml} (or, for more than
 * {@value #APPLICATIONS_PER_FILE} applications, in {@code applications/} grouped by the first
 * character of their local names, in files of at most that many). No profiles are invented. The
 * same state always gives the same bytes.
 *
 * @param files the files to write, properties first
 * @param properties how many properties were exported
 * @param applications how many applications were exported
 * @param warnings what could not be exported, one line each
 * @param variables the environment variables the files read sensitive values from, sorted: a
 *     sensitive value is never written, but {@code ${env:NAME}} in its place
 */
public record ManifestExport(
    List<ExportedFile> files,
    int properties,
    int applications,
    List<String> warnings,
    List<String> variables) {
  /** More applications than this go into a directory of files rather than one. */
  public static final int APPLICATIONS_PER_FILE = 200;

  private static final Pattern PROPERTY_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern APPLICATION_ID = Pattern.compile("[0-9a-f]{32}");

  public ManifestExport {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
    variables = List.copyOf(variables);
  }

  /**
   * Exports a completed live state.
   *
   * @param target the target's name, for the files' header
   * @param schema the schema reference for editors: a URL, or a path relative to the output
   *     directory (made relative to each file)
   */
  public static ManifestExport of(CompletedState completed, String target, String schema) {
    Objects.requireNonNull(completed, "completed");
    LiveState live = completed.state();
    List<String> warnings = new ArrayList<>();

    SortedMap<String, LiveProperty> properties = new TreeMap<>();
    for (LiveProperty property : live.properties()) {
      if (property.isKindeProperty()) {
        continue;
      }
      if (!PROPERTY_KEY.matcher(property.key()).matches()) {
        warnings.add(
            "property "
                + YamlText.quoted(property.key())
                + " is not exported: manifests need keys of a lower-case letter, then lower-case"
                + " letters, digits or '_' (at most 64); it stays unmanaged");
        continue;
      }
      properties.put(property.key(), property);
    }

    List<LiveApplication> applications = new ArrayList<>();
    for (LiveApplication app : live.applications()) {
      if (!app.isM2m()) {
        continue;
      }
      if (!APPLICATION_ID.matcher(app.id()).matches()) {
        warnings.add(
            "application "
                + YamlText.quoted(app.name())
                + " ("
                + YamlText.quoted(app.id())
                + ") is not exported: manifests need ids of 32 lower-case hexadecimal characters");
        continue;
      }
      applications.add(app);
    }
    Map<String, String> names = LocalNames.of(applications);
    applications.sort(Comparator.comparing(app -> names.get(app.id())));

    List<ExportedFile> files = new ArrayList<>();
    files.add(
        new ExportedFile(
            "properties.yaml", propertiesFile(completed, properties, target, schema, "")));
    for (Map.Entry<String, List<LiveApplication>> group : groups(applications, names).entrySet()) {
      String path = group.getKey();
      String up = path.contains("/") ? "../" : "";
      files.add(
          new ExportedFile(
              path,
              applicationsFile(
                  completed, properties, group.getValue(), names, target, schema, up)));
    }
    List<String> variables = new ArrayList<>();
    for (LiveApplication app : applications) {
      for (String key : app.values().keySet()) {
        if (properties.containsKey(key) && completed.sensitive().contains(key)) {
          variables.add(variable(names.get(app.id()), key));
        }
      }
    }
    variables.sort(null);
    return new ManifestExport(files, properties.size(), applications.size(), warnings, variables);
  }

  /** Applications by file: one file, or files by first character in chunks. */
  private static Map<String, List<LiveApplication>> groups(
      List<LiveApplication> applications, Map<String, String> names) {
    Map<String, List<LiveApplication>> files = new LinkedHashMap<>();
    if (applications.size() <= APPLICATIONS_PER_FILE) {
      files.put("applications.yaml", applications);
      return files;
    }
    Map<Character, List<LiveApplication>> byFirst = new TreeMap<>();
    for (LiveApplication app : applications) {
      byFirst.computeIfAbsent(names.get(app.id()).charAt(0), c -> new ArrayList<>()).add(app);
    }
    byFirst.forEach(
        (first, apps) -> {
          if (apps.size() <= APPLICATIONS_PER_FILE) {
            files.put("applications/" + first + ".yaml", apps);
            return;
          }
          int chunks = (apps.size() + APPLICATIONS_PER_FILE - 1) / APPLICATIONS_PER_FILE;
          for (int i = 0; i < chunks; i++) {
            int from = i * APPLICATIONS_PER_FILE;
            int to = Math.min(apps.size(), from + APPLICATIONS_PER_FILE);
            files.put("applications/" + first + "-" + (i + 1) + ".yaml", apps.subList(from, to));
          }
        });
    return files;
  }

  /**
   * The schema comment, the notes as comment lines, and {@code version: 1}.
   *
   * @param caveat a paragraph after the notes, or null for none
   */
  private static String header(String schema, String up, String notes, String caveat) {
    if (caveat != null) {
      notes += "\n" + caveat;
    }
    String reference = schema.contains("://") ? schema : up + schema;
    StringBuilder out = new StringBuilder("# yaml-language-server: $schema=" + reference + "\n#\n");
    for (String line : notes.stripTrailing().split("\n", -1)) {
      out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
    return out.append("version: 1\n").toString();
  }

  /** A target name is a path or URL; no control character may end a comment line early. */
  private static String commentSafe(String text) {
    return text.replaceAll("[\\p{Cntrl}\u0085\u2028\u2029]", "?");
  }

  private static String propertiesFile(
      CompletedState completed,
      SortedMap<String, LiveProperty> properties,
      String target,
      String schema,
      String up) {
    boolean assumed =
        !completed.assumedTypes().isEmpty() || !completed.assumedCategories().isEmpty();
    StringBuilder out =
        new StringBuilder(
            header(
                schema,
                up,
                """
                The application properties of %s,
                exported by `kinde-props export`.
                Mark properties whose values are secrets `sensitive: true`; add `allowed` or
                `pattern` where values must follow a rule.
                """
                    .formatted(commentSafe(target)),
                assumed
                    ? """
                      Kinde does not show a property's type or category. Where a line says
                      `# assumed`, the type is single_line_text and the category the first one by
                      name: correct them before the first apply, which sends the category with every
                      update of a property (a type cannot change without replacing the property).
                      """
                    : null));
    if (properties.isEmpty()) {
      return out.append("properties: {}\n").toString();
    }
    out.append("properties:\n");
    LiveState live = completed.state();
    for (LiveProperty property : properties.values()) {
      String key = property.key();
      out.append("  ").append(YamlText.scalar(key)).append(":\n");
      out.append("    name: ").append(YamlText.scalar(property.name())).append('\n');
      if (!property.description().isEmpty()) {
        out.append("    description:").append(block(property.description(), "      ")).append('\n');
      }
      out.append("    type: ").append(property.type().wireName());
      out.append(completed.assumedTypes().contains(key) ? "  # assumed\n" : "\n");
      String category =
          live.categoryById(property.categoryId()).map(LiveCategory::name).orElseThrow();
      out.append("    category: ").append(YamlText.scalar(category));
      out.append(completed.assumedCategories().contains(key) ? "  # assumed\n" : "\n");
      out.append("    private: ").append(property.isPrivate()).append('\n');
      if (completed.sensitive().contains(key)) {
        out.append("    sensitive: true\n");
      }
    }
    return out.toString();
  }

  private static String applicationsFile(
      CompletedState completed,
      SortedMap<String, LiveProperty> properties,
      List<LiveApplication> applications,
      Map<String, String> names,
      String target,
      String schema,
      String up) {
    StringBuilder out =
        new StringBuilder(
            header(
                schema,
                up,
                """
                The M2M applications of %s,
                exported by `kinde-props export`.
                Local names are slugs of the Kinde names (shown beside them where they differ).
                An application's values and claims are its complete set: plan removes any other
                value of a declared property, and turns off any other toggle.
                """
                    .formatted(commentSafe(target)),
                completed.togglesUnknown()
                    ? """
                      Kinde does not show which properties each M2M token carries, so no `claims` are
                      exported: check the tokens with `kinde-props verify` and add them.
                      """
                    : null));
    if (applications.isEmpty()) {
      return out.append("applications: {}\n").toString();
    }
    out.append("applications:\n");
    for (LiveApplication app : applications) {
      String name = names.get(app.id());
      out.append("  ").append(YamlText.scalar(name)).append(':');
      if (!app.name().equals(name)) {
        out.append("  # ").append(YamlText.comment(app.name()));
      }
      out.append('\n');
      out.append("    id: ").append(YamlText.scalar(app.id())).append('\n');
      SortedMap<String, String> values = new TreeMap<>(app.values());
      values.keySet().retainAll(properties.keySet());
      if (!values.isEmpty()) {
        out.append("    values:\n");
        values.forEach(
            (key, value) ->
                out.append("      ")
                    .append(YamlText.scalar(key))
                    .append(':')
                    .append(
                        completed.sensitive().contains(key)
                            ? " \"${env:" + variable(name, key) + "}\""
                            : block(value, "        "))
                    .append('\n'));
      }
      TreeSet<String> claims = new TreeSet<>(app.claims());
      // Only public properties can be claimed; a private one's toggle never reaches the token.
      claims.removeIf(key -> !properties.containsKey(key) || properties.get(key).isPrivate());
      if (!claims.isEmpty()) {
        List<String> keys = claims.stream().map(YamlText::scalar).toList();
        out.append("    claims: [").append(String.join(", ", keys)).append("]\n");
      }
    }
    return out.toString();
  }

  /**
   * The environment variable an exported manifest reads a sensitive value from: {@code
   * KINDE_PROPS_}, the application's local name and the property key, in capitals, with {@code _}
   * for anything but letters and digits.
   */
  public static String variable(String application, String key) {
    return ("KINDE_PROPS_" + application + "_" + key)
        .toUpperCase(java.util.Locale.ROOT)
        .replaceAll("[^A-Z0-9]", "_");
  }

  /** A value after {@code key:}: a space and a scalar, or a literal block. */
  private static String block(String text, String indent) {
    return " " + YamlText.value(text, indent);
  }
}
