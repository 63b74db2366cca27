package dev.kindeprops.live;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a target holds now.
 *
 * @param categories the application-property categories
 * @param properties the application-context properties, Kinde's own ({@code kp_*}) included
 * @param applications the applications that were asked for and exist, with their values
 * @param otherM2mApplications how many more M2M applications exist that were not read in detail
 * @param claimSource how the applications' claim toggles are known
 */
public record LiveState(
    List<LiveCategory> categories,
    List<LiveProperty> properties,
    List<LiveApplication> applications,
    int otherM2mApplications,
    ClaimSource claimSource) {

  public LiveState {
    categories = categories.stream().sorted(Comparator.comparing(LiveCategory::id)).toList();
    properties = properties.stream().sorted(Comparator.comparing(LiveProperty::key)).toList();
    applications = applications.stream().sorted(Comparator.comparing(LiveApplication::id)).toList();
    Objects.requireNonNull(claimSource, "claimSource");
    if (otherM2mApplications < 0) {
      throw new IllegalArgumentException("otherM2mApplications must not be negative");
    }
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

  public Optional<LiveCategory> categoryByName(String name) {
    return categories.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
