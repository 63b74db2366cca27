package dev.kindeprops.export;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.manifest.LocalName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Local names for exported applications: slugs of their Kinde names ({@link LocalName}), made
 * unique deterministically. Names whose slug no other application shares keep it. Applications
 * whose names slug alike each get {@code -} and the first characters of their id appended: 8, or as
 * many as it takes to tell them apart. A name depends only on the applications that share its slug,
 * never on the order they were read in.
 */
final class LocalNames {
  private LocalNames() {}

  /** A local name for each application, by id. */
  static Map<String, String> of(Collection<LiveApplication> applications) {
    Map<String, List<LiveApplication>> bySlug = new TreeMap<>();
    for (LiveApplication app : applications) {
      bySlug.computeIfAbsent(LocalName.slug(app.name()), s -> new ArrayList<>()).add(app);
    }
    Map<String, String> names = new TreeMap<>();
    Set<String> taken = new HashSet<>();
    bySlug.forEach(
        (slug, apps) -> {
          if (apps.size() == 1) {
            names.put(apps.get(0).id(), slug);
            taken.add(slug);
          }
        });
    bySlug.forEach(
        (slug, apps) -> {
          if (apps.size() == 1) {
            return;
          }
          apps.sort(Comparator.comparing(LiveApplication::id));
          // The shortest id prefix (8 at least) that tells every one of them apart.
          int length = LocalName.ID_PREFIX;
          while (!distinct(slug, apps, length, taken)) {
            length++;
          }
          for (LiveApplication app : apps) {
            String name = LocalName.withId(slug, app.id(), length);
            String unique = name;
            for (int n = 2; taken.contains(unique); n++) {
              unique = name + "-" + n;
            }
            names.put(app.id(), unique);
            taken.add(unique);
          }
        });
    return names;
  }

  /** Whether these prefixes give distinct, free names; always once the whole ids are used. */
  private static boolean distinct(
      String slug, List<LiveApplication> apps, int length, Set<String> taken) {
    if (apps.stream().allMatch(app -> length >= app.id().length())) {
      return true;
    }
    Set<String> seen = new HashSet<>();
    for (LiveApplication app : apps) {
      String name = LocalName.withId(slug, app.id(), length);
      if (taken.contains(name) || !seen.add(name)) {
        return false;
      }
    }
    return true;
  }
}
