package dev.kindeprops.live.file;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.model.PropertyFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A state file's content being changed in memory, one operation at a time, indexed so that each
 * operation costs the same however large the file. Entries keep their place and new ones are
 * appended, so a state file kept in git changes only where something changed. Not thread-safe.
 */
final class WorkingCopy {
  private final Map<String, LiveCategory> categories = new LinkedHashMap<>();
  private final Map<String, LiveProperty> properties = new LinkedHashMap<>();
  private final Map<String, LiveApplication> applications = new LinkedHashMap<>();

  WorkingCopy(StateDocument document) {
    document.categories().forEach(c -> categories.put(c.name(), c));
    document.properties().forEach(p -> properties.put(p.key(), p));
    document.applications().forEach(a -> applications.put(a.id(), a));
  }

  /** The content as it is now. */
  StateDocument document() {
    return new StateDocument(
        new ArrayList<>(categories.values()),
        new ArrayList<>(properties.values()),
        new ArrayList<>(applications.values()));
  }

  /**
   * Carries out one operation; one that fails changes nothing.
   *
   * @throws TargetException when the operation cannot be carried out on this content
   */
  void apply(Operation operation) {
    if (operation instanceof Operation.CreateCategory create) {
      createCategory(create.name());
    } else if (operation instanceof Operation.CreateProperty create) {
      createProperty(create.property());
    } else if (operation instanceof Operation.UpdateProperty update) {
      updateProperty(update.property());
    } else if (operation instanceof Operation.DeleteProperty delete) {
      deleteProperty(delete.key());
    } else if (operation instanceof Operation.SetValue set) {
      setValue(set.applicationId(), set.key(), set.value());
    } else if (operation instanceof Operation.DeleteValue delete) {
      setValue(delete.applicationId(), delete.key(), "");
    } else if (operation instanceof Operation.SetClaim claim) {
      setClaim(claim.applicationId(), claim.key(), claim.claimed());
    } else {
      throw new IllegalArgumentException("unknown operation " + operation);
    }
  }

  private void createCategory(String name) {
    if (categories.containsKey(name)) {
      throw new TargetException("category \"" + name + "\" already exists");
    }
    categories.put(name, new LiveCategory(newId("cat_"), name));
  }

  private void createProperty(PropertyFields spec) {
    checkNotKindes(spec.key());
    if (properties.containsKey(spec.key())) {
      throw new TargetException("property \"" + spec.key() + "\" already exists");
    }
    properties.put(
        spec.key(),
        new LiveProperty(
            newId("prop_"),
            spec.key(),
            spec.name(),
            spec.description(),
            spec.type(),
            spec.isPrivate(),
            categoryId(spec)));
  }

  private void updateProperty(PropertyFields spec) {
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
    properties.put(
        spec.key(),
        new LiveProperty(
            live.id(),
            live.key(),
            spec.name(),
            spec.description(),
            live.type(),
            spec.isPrivate(),
            categoryId(spec)));
  }

  private void deleteProperty(String key) {
    checkNotKindes(key);
    existingProperty(key);
    properties.remove(key);
    applications.replaceAll(
        (id, a) -> {
          if (!a.values().containsKey(key) && !a.claims().contains(key)) {
            return a;
          }
          TreeMap<String, String> values = new TreeMap<>(a.values());
          values.remove(key);
          TreeSet<String> claims = new TreeSet<>(a.claims());
          claims.remove(key);
          return new LiveApplication(a.id(), a.name(), a.type(), values, claims);
        });
  }

  private void setValue(String applicationId, String key, String value) {
    if (!value.isEmpty()) {
      existingProperty(key);
    }
    change(
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

  private void setClaim(String applicationId, String key, boolean claimed) {
    if (claimed) {
      existingProperty(key);
    }
    change(
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

  private void change(String id, UnaryOperator<LiveApplication> change) {
    LiveApplication application = applications.get(id);
    if (application == null) {
      throw new TargetException("no application has id \"" + id + "\"");
    }
    applications.put(id, change.apply(application));
  }

  private LiveProperty existingProperty(String key) {
    LiveProperty property = properties.get(key);
    if (property == null) {
      throw new TargetException("no property has key \"" + key + "\"");
    }
    return property;
  }

  private String categoryId(PropertyFields spec) {
    LiveCategory category = categories.get(spec.category());
    if (category == null) {
      throw new TargetException(
          "property \"" + spec.key() + "\": no category is named \"" + spec.category() + "\"");
    }
    return category.id();
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
