package dev.kindeprops.live;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target holds now, in the order the target gave it: whoever needs an order (the planner,
 * the fingerprint) makes its own, so that no result depends on the order a target reads in.
 *
 * @param categories the application-property categories
 * @param properties the application-context properties, Kinde's own ({@code kp_*}) included
 * @param applications the applications that were asked for and exist, with their values
 * @param otherM2mApplications how many more M2M applications exist that were not read in detail
 * @param toggles how the target knows and changes the applications' claim toggles
 * @param notes what a reviewer should know about how the state was read (one line each), such as an
 *     application whose token could not be observed
 */
public record LiveState(
    List<LiveCategory> categories,
    List<LiveProperty> properties,
    List<LiveApplication> applications,
    int otherM2mApplications,
    ClaimToggles toggles,
    List<String> notes) {

  public LiveState {
    categories = List.copyOf(categories);
    properties = List.copyOf(properties);
    applications = List.copyOf(applications);
    notes = List.copyOf(notes);
    Objects.requireNonNull(toggles, "toggles");
    if (otherM2mApplications < 0) {
      throw new IllegalArgumentException("otherM2mApplications must not be negative");
    }
  }

  /** A state read without anything to note. */
  public LiveState(
      List<LiveCategory> categories,
      List<LiveProperty> properties,
      List<LiveApplication> applications,
      int otherM2mApplications,
      ClaimToggles toggles) {
    this(categories, properties, applications, otherM2mApplications, toggles, List.of());
  }

  public Optional<LiveProperty> property(String key) {
    return properties.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  public Optional<LiveApplication> application(String id) {
    return applications.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  public Optional<LiveCategory> categoryById(String id) {
    return categories.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The category of this name; of several, the one with the smallest id. */
  public Optional<LiveCategory> categoryByName(String name) {
    return categories.stream()
        .filter(c -> c.name().equals(name))
        .min(java.util.Comparator.comparing(LiveCategory::id));
  }

  /** The same state with these applications instead, and these notes added. */
  public LiveState withApplications(List<LiveApplication> replaced, List<String> moreNotes) {
    List<String> all = new java.util.ArrayList<>(notes);
    all.addAll(moreNotes);
    return new LiveState(categories, properties, replaced, otherM2mApplications, toggles, all);
  }
}
