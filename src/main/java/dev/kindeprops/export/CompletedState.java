package dev.kindeprops.export;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.PropertyDefinition;
import dev.kindeprops.model.PropertyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A live state with every field known, as manifests and state files need, and a record of what had
 * to be assumed. Kinde shows neither a property's type nor its category, nor any application's
 * token toggles; where manifests are given, what they declare fills those in (that is what a plan
 * against Kinde assumes too, as it compares neither), otherwise:
 *
 * <ul>
 *   <li>an unknown type is {@code single_line_text};
 *   <li>an unknown category is the first category by name (every Kinde property has one, and
 *       choosing a live one means no category is created);
 *   <li>unknown toggles are none.
 * </ul>
 *
 * @param state the completed state; every property has a type and a category, every application its
 *     claims
 * @param assumedTypes keys of properties whose type was assumed
 * @param assumedCategories keys of properties whose category was assumed
 * @param togglesUnknown whether some application's toggles were unknown and taken as none
 * @param sensitive keys of properties whose values are secrets: declared {@code sensitive} in the
 *     manifests, or named by the user; their values are never written out
 */
public record CompletedState(
    LiveState state,
    SortedSet<String> assumedTypes,
    SortedSet<String> assumedCategories,
    boolean togglesUnknown,
    SortedSet<String> sensitive) {

  /** The category kinde-props names when a tenant lists none at all. */
  static final LiveCategory FALLBACK_CATEGORY =
      new LiveCategory("cat_kinde_props_exported", "Properties");

  public CompletedState {
    Objects.requireNonNull(state, "state");
    assumedTypes = Collections.unmodifiableSortedSet(new TreeSet<>(assumedTypes));
    assumedCategories = Collections.unmodifiableSortedSet(new TreeSet<>(assumedCategories));
    sensitive = Collections.unmodifiableSortedSet(new TreeSet<>(sensitive));
  }

  /**
   * Completes a live state.
   *
   * @param manifests what fills in unknown fields where they declare it, or null for none
   * @param masked keys of properties the user names sensitive besides the manifests' own
   */
  public static CompletedState of(LiveState live, DesiredState manifests, Set<String> masked) {
    List<LiveCategory> categories = new ArrayList<>(live.categories());
    Optional<LiveCategory> first =
        categories.stream().min(Comparator.comparing(LiveCategory::name));
    SortedSet<String> assumedTypes = new TreeSet<>();
    SortedSet<String> assumedCategories = new TreeSet<>();
    List<LiveProperty> properties = new ArrayList<>();
    for (LiveProperty p : live.properties()) {
      PropertyDefinition declared = manifests == null ? null : manifests.properties().get(p.key());
      PropertyType type = p.type();
      if (type == null && declared != null) {
        type = declared.type();
      } else if (type == null) {
        type = PropertyType.SINGLE_LINE_TEXT;
        assumedTypes.add(p.key());
      }
      String categoryId = p.categoryId();
      if (categoryId == null || live.categoryById(categoryId).isEmpty()) {
        Optional<LiveCategory> named =
            declared == null ? Optional.empty() : live.categoryByName(declared.category());
        if (named.isPresent()) {
          categoryId = named.get().id();
        } else {
          if (first.isEmpty()) {
            first = Optional.of(FALLBACK_CATEGORY);
            categories.add(FALLBACK_CATEGORY);
          }
          categoryId = first.get().id();
          assumedCategories.add(p.key());
        }
      }
      String name = p.name().isBlank() ? p.key() : p.name();
      properties.add(
          new LiveProperty(
              p.id(), p.key(), name, p.description(), type, p.isPrivate(), categoryId));
    }
    boolean togglesUnknown = false;
    List<LiveApplication> applications = new ArrayList<>();
    for (LiveApplication app : live.applications()) {
      SortedSet<String> claims = app.claims();
      if (claims == null) {
        Application declared = manifests == null ? null : declaredById(manifests, app.id());
        if (declared == null) {
          togglesUnknown = true;
          claims = new TreeSet<>();
        } else {
          claims = new TreeSet<>(declared.claims());
        }
      }
      applications.add(new LiveApplication(app.id(), app.name(), app.type(), app.values(), claims));
    }
    LiveState completed =
        new LiveState(
            categories, properties, applications, live.otherM2mApplications(), live.toggles());
    SortedSet<String> sensitive = new TreeSet<>(masked);
    if (manifests != null) {
      sensitive.addAll(manifests.sensitiveProperties());
    }
    return new CompletedState(
        completed, assumedTypes, assumedCategories, togglesUnknown, sensitive);
  }

  private static Application declaredById(DesiredState manifests, String id) {
    return manifests.applications().values().stream()
        .filter(app -> app.id().equals(id))
        .findFirst()
        .orElse(null);
  }
}
