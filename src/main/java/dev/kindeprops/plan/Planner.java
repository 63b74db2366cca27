package dev.kindeprops.plan;

import dev.kindeprops.diag.Diagnostic;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.StateFingerprint;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.LocalName;
import dev.kindeprops.manifest.ManifestDigest;
import dev.kindeprops.manifest.PropertyDefinition;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.ValueRules;
import dev.kindeprops.text.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the desired state and the live state into a plan: a pure function, no I/O.
 *
 * <p>It owns exactly the declared properties, the listed applications, and for those their values
 * and claim toggles of declared properties; everything else live is reported as unmanaged. Changes
 * come in {@link Phase} order, and by address within a phase (an update that makes a claimed
 * property public first among the properties), so the same inputs always give the same plan.
 */
public final class Planner {
  private static final Comparator<Warning> WARNING_ORDER =
      Comparator.comparing(Warning::address, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Warning::message);

  private final DesiredState desired;
  private final LiveIndex live;
  private final List<Change> changes = new ArrayList<>();
  private final List<Warning> warnings = new ArrayList<>();

  /** Properties deleted and created again (or created): their live values and toggles are gone. */
  private final Set<String> recreated = new HashSet<>();

  /** Updates that make a claimed property public: they run before anything else needs it. */
  private final Set<Change> publishing = new HashSet<>();

  private Planner(DesiredState desired, LiveState live) {
    this.desired = desired;
    this.live = LiveIndex.of(live);
  }

  /**
   * Plans the changes that take {@code live} to {@code desired}.
   *
   * @param toolVersion the kinde-props version, recorded in the plan
   * @param targetName the target's name, recorded in the plan
   * @return the plan, or the errors (at the manifests' locations) that keep one from being made
   */
  public static PlanResult plan(
      DesiredState desired, LiveState live, String toolVersion, String targetName) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(live, "live");
    Planner planner = new Planner(desired, live);
    List<Diagnostic> errors = planner.checkApplications(targetName);
    if (!errors.isEmpty()) {
      return new PlanResult(null, errors);
    }
    planner.planCategories();
    planner.planProperties();
    planner.planApplications();
    planner.planDeletes();
    planner.warnAboutApplications();
    live.notes().forEach(note -> planner.warnings.add(new Warning(null, note)));

    planner.changes.sort(
        Comparator.comparing(Phase::of)
            .thenComparing(change -> !planner.publishing.contains(change))
            .thenComparing(Change::address));
    planner.warnings.sort(WARNING_ORDER);
    Plan plan =
        new Plan(
            toolVersion,
            targetName,
            ManifestDigest.of(desired),
            StateFingerprint.of(live),
            planner.changes,
            ExpectedClaims.of(desired, planner.live),
            planner.unmanaged(),
            planner.warnings,
            desired.sensitiveProperties(),
            valueRules(desired),
            false,
            null);
    return new PlanResult(plan, List.of());
  }

  private static SortedMap<String, ValueRules> valueRules(DesiredState desired) {
    SortedMap<String, ValueRules> rules = new TreeMap<>();
    for (PropertyDefinition property : desired.properties().values()) {
      if (property.rules().any()) {
        rules.put(property.key(), property.rules());
      }
    }
    return rules;
  }

  /** Every listed application must be a live M2M application. */
  private List<Diagnostic> checkApplications(String targetName) {
    List<Diagnostic> errors = new ArrayList<>();
    for (Application app : desired.applications().values()) {
      LiveApplication liveApp = live.applications().get(app.id());
      if (liveApp == null) {
        errors.add(
            Diagnostic.error(
                app.location(),
                "application "
                    + app.name()
                    + ": no live application has id "
                    + app.id()
                    + " in "
                    + targetName));
      } else if (!liveApp.isM2m()) {
        errors.add(
            Diagnostic.error(
                app.location(),
                "application "
                    + app.name()
                    + ": "
                    + app.id()
                    + " is a "
                    + liveApp.type()
                    + " application ("
                    + liveApp.name()
                    + "); kinde-props manages only m2m applications"));
      }
    }
    errors.sort(Diagnostic.ORDER);
    return errors;
  }

  private void planCategories() {
    for (String name : desired.categories()) {
      if (!live.categoriesByName().containsKey(name)) {
        changes.add(new CategoryChange(name));
      }
    }
  }

  private void planProperties() {
    Set<String> claimed = new HashSet<>();
    desired.applications().values().forEach(app -> claimed.addAll(app.claims()));
    for (PropertyDefinition property : desired.properties().values()) {
      String key = property.key();
      PropertyFields after = property.fields();
      LiveProperty liveProperty = live.properties().get(key);
      if (liveProperty == null) {
        recreated.add(key);
        changes.add(new PropertyChange(Action.CREATE, key, null, after));
        continue;
      }
      PropertyFields before = live.fields(liveProperty);
      if (liveProperty.type() != null && liveProperty.type() != property.type()) {
        recreated.add(key);
        changes.add(new PropertyChange(Action.REPLACE, key, before, after));
        warnings.add(
            new Warning(
                Address.property(key),
                "changing the type from "
                    + liveProperty.type()
                    + " to "
                    + property.type()
                    + " replaces the property: Kinde deletes its value on every application,"
                    + " including applications the manifests do not list; kinde-props sets the"
                    + " values of the listed ones again"));
        continue;
      }
      if (differs(before, after) || movesToNewCategory(before, property)) {
        Change update = new PropertyChange(Action.UPDATE, key, before, after);
        changes.add(update);
        if (liveProperty.isPrivate() && !property.isPrivate() && claimed.contains(key)) {
          publishing.add(update);
        }
      }
    }
  }

  private void planApplications() {
    boolean manual = live.state().toggles() == ClaimToggles.OBSERVABLE;
    for (Application app : desired.applications().values()) {
      LiveApplication liveApp = live.applications().get(app.id());
      boolean observed = liveApp.claims() != null;
      for (String key : desired.properties().keySet()) {
        boolean gone = recreated.contains(key);
        planValue(app, key, gone ? null : liveApp.values().get(key));
        if (observed && !gone && manual && isPrivateLive(key)) {
          planHiddenToggle(app, key);
        } else if (observed || (gone && manual)) {
          // A property the plan creates has no toggle on anywhere yet, observed or not.
          planClaim(app, key, !gone && liveApp.claims().contains(key), manual);
        }
      }
    }
  }

  private boolean isPrivateLive(String key) {
    LiveProperty property = live.properties().get(key);
    return property != null && property.isPrivate();
  }

  /**
   * A token never carries a private property, so an observed token cannot tell whether its toggle
   * is on: a declared toggle is a manual step whose state is unknown, which apply's closing check
   * confirms once the plan has made the property public.
   */
  private void planHiddenToggle(Application app, String key) {
    if (app.claims().contains(key)) {
      changes.add(new ClaimChange(Action.CREATE, app.name(), app.id(), key, true, true));
    }
  }

  private void planValue(Application app, String key, String liveValue) {
    String wanted = ExpectedClaims.value(app.values().get(key));
    if (Objects.equals(wanted, liveValue)) {
      return;
    }
    Action action =
        wanted == null ? Action.DELETE : liveValue == null ? Action.CREATE : Action.UPDATE;
    changes.add(new ValueChange(action, app.name(), app.id(), key, liveValue, wanted));
  }

  private void planClaim(Application app, String key, boolean liveClaim, boolean manual) {
    boolean wanted = app.claims().contains(key);
    if (wanted == liveClaim) {
      return;
    }
    // A toggle of a property kept private never reaches the token (Kinde's tokens cannot even
    // show it) and the manifests cannot claim a private property, so it is left as it is.
    if (!wanted && desired.properties().get(key).isPrivate()) {
      return;
    }
    Action action = wanted ? Action.CREATE : Action.DELETE;
    changes.add(new ClaimChange(action, app.name(), app.id(), key, manual));
  }

  private void planDeletes() {
    for (String key : desired.removedProperties()) {
      LiveProperty liveProperty = live.properties().get(key);
      if (liveProperty != null && !liveProperty.isKindeProperty()) {
        changes.add(new PropertyChange(Action.DELETE, key, live.fields(liveProperty), null));
      }
    }
  }

  private void warnAboutApplications() {
    int unobserved = 0;
    int toggles = 0;
    for (Application app : desired.applications().values()) {
      LiveApplication liveApp = live.applications().get(app.id());
      if (!LocalName.sameName(app.name(), liveApp.name(), app.id())) {
        warnings.add(
            new Warning(
                Address.application(app.name()),
                "the live application "
                    + app.id()
                    + " is named \""
                    + liveApp.name()
                    + "\"; check that the id is the one meant"));
      }
      for (String key : app.claims()) {
        if (ExpectedClaims.value(app.values().get(key)) == null) {
          warnings.add(
              new Warning(
                  Address.claim(app.name(), key),
                  "claimed without a value: the token will carry \"" + key + "\": {}"));
        }
      }
      if (liveApp.claims() == null) {
        unobserved++;
        toggles += app.claims().size();
      }
    }
    if (unobserved > 0) {
      warnings.add(
          new Warning(
              null,
              "the M2M token toggles of "
                  + Words.count(unobserved, "application", "applications")
                  + " could not be observed, so the plan has no claim changes for them ("
                  + Words.count(toggles, "declared toggle", "declared toggles")
                  + " unchecked); check them with `kinde-props verify` or"
                  + " `kinde-props plan --observe-claims`"));
    }
  }

  private Unmanaged unmanaged() {
    TreeSet<String> properties = new TreeSet<>();
    for (LiveProperty property : live.state().properties()) {
      String key = property.key();
      if (!property.isKindeProperty()
          && !desired.properties().containsKey(key)
          && !desired.removedProperties().contains(key)) {
        properties.add(key);
      }
    }
    Set<String> listed = new HashSet<>();
    desired.applications().values().forEach(app -> listed.add(app.id()));
    long unlisted =
        live.state().applications().stream()
            .filter(a -> a.isM2m() && !listed.contains(a.id()))
            .count();
    return new Unmanaged(
        properties, live.state().otherM2mApplications() + Math.toIntExact(unlisted));
  }

  /**
   * Where the target does not show a property's category (Kinde), a change can still be seen when
   * the declared category does not exist yet: the property cannot be in it.
   */
  private boolean movesToNewCategory(PropertyFields before, PropertyDefinition property) {
    return before.category() == null && !live.categoriesByName().containsKey(property.category());
  }

  /** Whether a field the live side knows differs from the desired one. */
  private static boolean differs(PropertyFields before, PropertyFields after) {
    for (PropertyFields.Field field : PropertyFields.Field.values()) {
      Object known = field.of(before);
      if (known != null && !known.equals(field.of(after))) {
        return true;
      }
    }
    return false;
  }
}
