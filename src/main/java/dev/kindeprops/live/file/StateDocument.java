package dev.kindeprops.live.file;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.model.PropertyFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The content of a state file, in file order. Every application's claims are known (never null).
 * Applying an operation gives a new document; entries keep their place and new ones are appended,
 * so a state file kept in git changes only where something changed.
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

  /**
   * The document after one operation.
   *
   * @throws TargetException when the operation cannot be carried out on this document
   */
  public StateDocument apply(Operation operation) {
    if (operation instanceof Operation.CreateCategory create) {
      return createCategory(create.name());
    } else if (operation instanceof Operation.CreateProperty create) {
      return createProperty(create.property());
    } else if (operation instanceof Operation.UpdateProperty update) {
      return updateProperty(update.property());
    } else if (operation instanceof Operation.DeleteProperty delete) {
      return deleteProperty(delete.key());
    } else if (operation instanceof Operation.SetValue set) {
      return setValue(set.applicationId(), set.key(), set.value());
    } else if (operation instanceof Operation.DeleteValue delete) {
      return setValue(delete.applicationId(), delete.key(), "");
    } else if (operation instanceof Operation.SetClaim claim) {
      return setClaim(claim.applicationId(), claim.key(), claim.claimed());
    }
    throw new IllegalArgumentException("unknown operation " + operation);
  }

  private StateDocument createCategory(String name) {
    if (categoryByName(name).isPresent()) {
      throw new TargetException("category \"" + name + "\" already exists");
    }
    List<LiveCategory> next = new ArrayList<>(categories);
    next.add(new LiveCategory(newId("cat_"), name));
    return new StateDocument(next, properties, applications);
  }

  private StateDocument createProperty(PropertyFields spec) {
    checkNotKindes(spec.key());
    if (property(spec.key()).isPresent()) {
      throw new TargetException("property \"" + spec.key() + "\" already exists");
    }
    List<LiveProperty> next = new ArrayList<>(properties);
    next.add(
        new LiveProperty(
            newId("prop_"),
            spec.key(),
            spec.name(),
            spec.description(),
            spec.type(),
            spec.isPrivate(),
            categoryId(spec)));
    return new StateDocument(categories, next, applications);
  }

  private StateDocument updateProperty(PropertyFields spec) {
    checkNotKindes(spec.key());
    LiveProperty live = existingProperty(spec.key());
    if (live.type() != spec.type()) {
      throw new TargetException(
          "property \""
              + spec.key()
              + "\" is "
              + live.type()
              + ": a type cannot change in place (delete and create it)");
    }
    LiveProperty updated =
        new LiveProperty(
            live.id(),
            live.key(),
            spec.name(),
            spec.description(),
            live.type(),
            spec.isPrivate(),
            categoryId(spec));
    List<LiveProperty> next =
        properties.stream().map(p -> p.key().equals(spec.key()) ? updated : p).toList();
    return new StateDocument(categories, next, applications);
  }

  private StateDocument deleteProperty(String key) {
    checkNotKindes(key);
    existingProperty(key);
    List<LiveProperty> next = properties.stream().filter(p -> !p.key().equals(key)).toList();
    List<LiveApplication> apps =
        applications.stream()
            .map(
                a -> {
                  if (!a.values().containsKey(key) && !a.claims().contains(key)) {
                    return a;
                  }
                  TreeMap<String, String> values = new TreeMap<>(a.values());
                  values.remove(key);
                  TreeSet<String> claims = new TreeSet<>(a.claims());
                  claims.remove(key);
                  return new LiveApplication(a.id(), a.name(), a.type(), values, claims);
                })
            .toList();
    return new StateDocument(categories, next, apps);
  }

  private StateDocument setValue(String applicationId, String key, String value) {
    if (!value.isEmpty()) {
      existingProperty(key);
    }
    return withApplication(
        applicationId,
        a -> {
          TreeMap<String, String> values = new TreeMap<>(a.values());
          if (value.isEmpty()) {
            values.remove(key);
          } else {
            values.put(key, value);
          }
          return new LiveApplication(a.id(), a.name(), a.type(), values, a.claims());
        });
  }

  private StateDocument setClaim(String applicationId, String key, boolean claimed) {
    if (claimed) {
      existingProperty(key);
    }
    return withApplication(
        applicationId,
        a -> {
          TreeSet<String> claims = new TreeSet<>(a.claims());
          if (claimed) {
            claims.add(key);
          } else {
            claims.remove(key);
          }
          return new LiveApplication(a.id(), a.name(), a.type(), a.values(), claims);
        });
  }

  private StateDocument withApplication(String id, UnaryOperator<LiveApplication> change) {
    if (application(id).isEmpty()) {
      throw new TargetException("no application has id \"" + id + "\"");
    }
    List<LiveApplication> next =
        applications.stream().map(a -> a.id().equals(id) ? change.apply(a) : a).toList();
    return new StateDocument(categories, properties, next);
  }

  private LiveProperty existingProperty(String key) {
    return property(key)
        .orElseThrow(() -> new TargetException("no property has key \"" + key + "\""));
  }

  private String categoryId(PropertyFields spec) {
    return categoryByName(spec.category())
        .map(LiveCategory::id)
        .orElseThrow(
            () ->
                new TargetException(
                    "property \""
                        + spec.key()
                        + "\": no category is named \""
                        + spec.category()
                        + "\""));
  }

  private static void checkNotKindes(String key) {
    if (key.startsWith("kp_")) {
      throw new TargetException(
          "property \"" + key + "\" is one of Kinde's own (kp_*) and cannot be changed");
    }
  }

  private static String newId(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "");
  }
}
