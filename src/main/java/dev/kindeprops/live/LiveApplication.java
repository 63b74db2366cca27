package dev.kindeprops.live;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An application as the target holds it.
 *
 * @param type Kinde's application type: {@code m2m}, {@code reg}, {@code spa} or {@code device}
 * @param values its property values by key; unset values are absent (never empty strings)
 * @param claims the properties toggled into its M2M token, or null where they were not observed
 */
public record LiveApplication(
    String id,
    String name,
    String type,
    SortedMap<String, String> values,
    SortedSet<String> claims) {

  public LiveApplication {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    TreeMap<String, String> set = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          if (value != null && !value.isEmpty()) {
            set.put(key, value);
          }
        });
    values = Collections.unmodifiableSortedMap(set);
    claims = claims == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(claims));
  }

  public boolean isM2m() {
    return "m2m".equals(type);
  }

  /**
   * The {@code application_properties} claim a token of this application carries, as Kinde issues
   * it: each toggled property that exists and is public, with the application's value ({@code {}}
   * without one). Null where the toggles are not known.
   *
   * @param properties the live properties by key
   */
  public SortedMap<String, ClaimValue> token(Map<String, LiveProperty> properties) {
    if (claims == null) {
      return null;
    }
    SortedMap<String, ClaimValue> token = new TreeMap<>();
    for (String key : claims) {
      LiveProperty property = properties.get(key);
      if (property != null && !property.isPrivate()) {
        token.put(key, new ClaimValue(values.get(key)));
      }
    }
    return token;
  }
}
