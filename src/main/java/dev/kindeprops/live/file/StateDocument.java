package dev.kindeprops.live.file;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The content of a state file, in file order. Every application's claims are known (never null).
 * {@link WorkingCopy} changes it operation by operation.
 */
public record StateDocument(
    List<LiveCategory> categories,
    List<LiveProperty> properties,
    List<LiveApplication> applications) {

  public StateDocument {
    categories = List.copyOf(categories);
    properties = List.copyOf(properties);
    applications =
        applications.stream()
            .map(
                a ->
                    a.claims() != null
                        ? a
                        : new LiveApplication(
                            a.id(), a.name(), a.type(), a.values(), new TreeSet<>()))
            .toList();
  }

  /** A state with nothing in it. */
  public static StateDocument empty() {
    return new StateDocument(List.of(), List.of(), List.of());
  }

  public Optional<LiveCategory> categoryByName(String name) {
    return categories.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public Optional<LiveProperty> property(String key) {
    return properties.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  public Optional<LiveApplication> application(String id) {
    return applications.stream().filter(a -> a.id().equals(id)).findFirst();
  }
}
