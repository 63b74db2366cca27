package dev.kindeprops.manifest;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the manifests ask for, merged across files, substituted and checked.
 *
 * @param properties declared properties by key
 * @param profiles declared profiles by name (already applied to the applications)
 * @param applications managed applications by local name
 * @param removedProperties keys of live properties to delete
 */
public record DesiredState(
    SortedMap<String, PropertyDefinition> properties,
    SortedMap<String, Profile> profiles,
    SortedMap<String, Application> applications,
    SortedSet<String> removedProperties) {

  public DesiredState {
    properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
    profiles = Collections.unmodifiableSortedMap(new TreeMap<>(profiles));
    applications = Collections.unmodifiableSortedMap(new TreeMap<>(applications));
    removedProperties = Collections.unmodifiableSortedSet(new TreeSet<>(removedProperties));
  }

  /** The keys of the properties whose values are masked in every report. */
  public SortedSet<String> sensitiveProperties() {
    TreeSet<String> keys = new TreeSet<>();
    properties.values().stream()
        .filter(PropertyDefinition::sensitive)
        .forEach(p -> keys.add(p.key()));
    return Collections.unmodifiableSortedSet(keys);
  }

  /** The ids of the listed applications, sorted. */
  public SortedSet<String> applicationIds() {
    TreeSet<String> ids = new TreeSet<>();
    applications.values().forEach(app -> ids.add(app.id()));
    return Collections.unmodifiableSortedSet(ids);
  }

  /** The names of the categories the declared properties use, sorted. */
  public SortedSet<String> categories() {
    TreeSet<String> names = new TreeSet<>();
    properties.values().forEach(p -> names.add(p.category()));
    return Collections.unmodifiableSortedSet(names);
  }
}
