package dev.kindeprops.export;

import dev.kindeprops.live.LiveApplication;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Local names for exported applications: slugs of their Kinde names, made unique deterministically.
 *
 * <p>A slug is the name with accents dropped, lower-cased, every run of characters other than
 * {@code a-z}, {@code 0-9} and {@code _} turned into one {@code -}, trimmed of {@code -} and {@code
 * _} at both ends and cut to 64 characters; {@code app} when nothing is left. Names whose slug no
 * other application shares keep it. Applications whose names slug alike each get {@code -} and the
 * first characters of their id appended: 8, or as many as it takes to tell them apart. A name
 * depends only on the applications that share its slug, never on the order they were read in.
 */
final class LocalNames {
  private static final int MAX_LENGTH = 64;
  private static final int ID_PREFIX = 8;

  private LocalNames() {}

  /** A local name for each application, by id. */
  static Map<String, String> of(Collection<LiveApplication> applications) {
    Map<String, List<LiveApplication>> bySlug = new TreeMap<>();
    for (LiveApplication app : applications) {
      bySlug.computeIfAbsent(slug(app.name()), s -> new ArrayList<>()).add(app);
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
          int length = ID_PREFIX;
          while (!distinct(slug, apps, length, taken)) {
            length++;
          }
          for (LiveApplication app : apps) {
            String name = withId(slug, app.id(), length);
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
      String name = withId(slug, app.id(), length);
      if (taken.contains(name) || !seen.add(name)) {
        return false;
      }
    }
    return true;
  }

  static String slug(String name) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String slug =
        folded
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]+", "-")
            .replaceAll("^[-_]+", "")
            .replaceAll("[-_]+$", "");
    if (slug.length() > MAX_LENGTH) {
      slug = slug.substring(0, MAX_LENGTH).replaceAll("[-_]+$", "");
    }
    return slug.isEmpty() ? "app" : slug;
  }

  /**
   * The slug, cut where needed, then {@code -} and the first {@code length} characters of the id.
   */
  private static String withId(String slug, String id, int length) {
    String suffix = "-" + id.substring(0, Math.min(length, id.length()));
    String base =
        slug.length() + suffix.length() > MAX_LENGTH
            ? slug.substring(0, MAX_LENGTH - suffix.length()).replaceAll("[-_]+$", "")
            : slug;
    return base + suffix;
  }
}
