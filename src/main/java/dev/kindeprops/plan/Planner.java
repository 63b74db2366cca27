package dev.kindeprops.plan;

import dev.kindeprops.diag.Diagnostic;
import dev.kindeprops.live.ClaimSource;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.StateFingerprint;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.ManifestDigest;
import dev.kindeprops.manifest.PropertyDefinition;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the desired state and the live state into a plan: a pure function, no I/O.
 *
 * <p>It owns exactly the declared properties, the listed applications, and for those their values
 * and claim toggles of declared properties; everything else live is reported as unmanaged. Changes
 * come in a fixed, safe order (see {@link Phase}) and by address within a phase, so the same inputs
 * always give the same plan.
 */
public final class Planner {
  /** The order changes run in. */
  private enum Phase {
    CATEGORIES,
    /** Making a claimed property public comes before anything else touches properties. */
    PUBLISH_CLAIMED,
    PROPERTIES,
    VALUE_SETS,
    CLAIMS,
    VALUE_UNSETS,
    PROPERTY_DELETES
  }

  private static final Comparator<Warning> WARNING_ORDER =
      Comparator.comparing(Warning::address, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Warning::message);

  private final DesiredState desired;
  private final LiveIndex live;
  private final Map<Phase, List<Change>> changes = new EnumMap<>(Phase.class);
  private final List<Warning> warnings = new ArrayList<>();

  /** Properties deleted and created again (or created): their live values and toggles are gone. */
  private final Set<String> recreated = new HashSet<>();

  private Planner(DesiredState desired, LiveState live) {
    this.desired = desired;
    this.live = LiveIndex.of(live);
    for (Phase phase : Phase.values()) {
      changes.put(phase, new ArrayList<>());
    }
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

    List<Change> ordered = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      List<Change> inPhase = planner.changes.get(phase);
      inPhase.sort(Comparator.comparing(Change::address));
      ordered.addAll(inPhase);
    }
    planner.warnings.sort(WARNING_ORDER);
    TreeSet<String> sensitive = new TreeSet<>();
    desired.properties().values().stream()
        .filter(PropertyDefinition::sensitive)
        .forEach(p -> sensitive.add(p.key()));
    Plan plan =
        new Plan(
            toolVersion,
            targetName,
            ManifestDigest.of(desired),
            StateFingerprint.of(live),
            ordered,
            ExpectedClaims.of(desired, planner.live),
            planner.unmanaged(),
            planner.warnings,
            sensitive);
    return new PlanResult(plan, List.of());
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
        add(
            Phase.CATEGORIES,
            new Change(
                "category." + name,
                Kind.CATEGORY,
                Action.CREATE,
                null,
                null,
                null,
                Map.of("name", name),
                false));
      }
    }
  }

  private void planProperties() {
    Set<String> claimed = new HashSet<>();
    desired.applications().values().forEach(app -> claimed.addAll(app.claims()));
    for (PropertyDefinition property : desired.properties().values()) {
      String key = property.key();
      String address = "property." + key;
      Map<String, Object> after = fields(property);
      LiveProperty liveProperty = live.properties().get(key);
      if (liveProperty == null) {
        recreated.add(key);
        add(
            Phase.PROPERTIES,
            new Change(address, Kind.PROPERTY, Action.CREATE, null, key, null, after, false));
        continue;
      }
      Map<String, Object> before = live.fields(liveProperty);
      if (liveProperty.type() != null && liveProperty.type() != property.type()) {
        recreated.add(key);
        add(
            Phase.PROPERTIES,
            new Change(address, Kind.PROPERTY, Action.REPLACE, null, key, before, after, false));
        warnings.add(
            new Warning(
                address,
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
        boolean publishes =
            liveProperty.isPrivate() && !property.isPrivate() && claimed.contains(key);
        add(
            publishes ? Phase.PUBLISH_CLAIMED : Phase.PROPERTIES,
            new Change(address, Kind.PROPERTY, Action.UPDATE, null, key, before, after, false));
      }
    }
  }

  private void planApplications() {
    ClaimSource source = live.state().claimSource();
    for (Application app : desired.applications().values()) {
      LiveApplication liveApp = live.applications().get(app.id());
      boolean observed = ExpectedClaims.observed(live.state(), liveApp);
      for (String key : desired.properties().keySet()) {
        boolean gone = recreated.contains(key);
        planValue(app, key, gone ? null : liveApp.values().get(key));
        if (observed && !gone && source == ClaimSource.OBSERVED && isPrivateLive(key)) {
          warnHiddenToggle(app, key);
        } else if (observed) {
          boolean liveClaim = !gone && liveApp.claims().contains(key);
          planClaim(app, key, liveClaim, source == ClaimSource.OBSERVED);
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
   * is on: rather than plan a toggle that may be made already, say how to check it after apply.
   */
  private void warnHiddenToggle(Application app, String key) {
    if (app.claims().contains(key)) {
      warnings.add(
          new Warning(
              "application." + app.name() + ".claim." + key,
              "the token cannot show this toggle while '"
                  + key
                  + "' is private; once apply makes it public, check it with `kinde-props"
                  + " verify`"));
    }
  }

  private void planValue(Application app, String key, String liveValue) {
    String wanted = ExpectedClaims.value(app.values().get(key));
    if (Objects.equals(wanted, liveValue)) {
      return;
    }
    String address = "application." + app.name() + ".value." + key;
    if (wanted == null) {
      add(
          Phase.VALUE_UNSETS,
          new Change(address, Kind.VALUE, Action.DELETE, app.id(), key, liveValue, null, false));
    } else {
      Action action = liveValue == null ? Action.CREATE : Action.UPDATE;
      add(
          Phase.VALUE_SETS,
          new Change(address, Kind.VALUE, action, app.id(), key, liveValue, wanted, false));
    }
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
    String address = "application." + app.name() + ".claim." + key;
    add(
        Phase.CLAIMS,
        wanted
            ? new Change(address, Kind.CLAIM, Action.CREATE, app.id(), key, null, true, manual)
            : new Change(address, Kind.CLAIM, Action.DELETE, app.id(), key, true, null, manual));
  }

  private void planDeletes() {
    for (String key : desired.removedProperties()) {
      LiveProperty liveProperty = live.properties().get(key);
      if (liveProperty != null && !liveProperty.isKindeProperty()) {
        add(
            Phase.PROPERTY_DELETES,
            new Change(
                "property." + key,
                Kind.PROPERTY,
                Action.DELETE,
                null,
                key,
                live.fields(liveProperty),
                null,
                false));
      }
    }
  }

  private void warnAboutApplications() {
    int unobserved = 0;
    int toggles = 0;
    for (Application app : desired.applications().values()) {
      LiveApplication liveApp = live.applications().get(app.id());
      if (!sameName(app.name(), liveApp.name(), app.id())) {
        warnings.add(
            new Warning(
                "application." + app.name(),
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
                  "application." + app.name() + ".claim." + key,
                  "claimed without a value: the token will carry \"" + key + "\": {}"));
        }
      }
      if (!ExpectedClaims.observed(live.state(), liveApp)) {
        unobserved++;
        toggles += app.claims().size();
      }
    }
    if (unobserved > 0) {
      warnings.add(
          new Warning(
              null,
              "the M2M token toggles of "
                  + count(unobserved, "application")
                  + " could not be observed, so the plan has no claim changes for them ("
                  + count(toggles, "declared toggle")
                  + " unchecked); check them with `kinde-props verify` or"
                  + " `kinde-props plan --observe-claims`"));
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
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

  private void add(Phase phase, Change change) {
    changes.get(phase).add(change);
  }

  /** A declared property under the wire names of plan JSON, complete. */
  private static Map<String, Object> fields(PropertyDefinition property) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("key", property.key());
    fields.put("name", property.name());
    fields.put("description", property.description());
    fields.put("type", property.type().wireName());
    fields.put("category", property.category());
    fields.put("is_private", property.isPrivate());
    return fields;
  }

  /**
   * Where the target does not show a property's category (Kinde), a change can still be seen when
   * the declared category does not exist yet: the property cannot be in it.
   */
  private boolean movesToNewCategory(Map<String, Object> before, PropertyDefinition property) {
    return !before.containsKey("category")
        && !live.categoriesByName().containsKey(property.category());
  }

  /** Whether a field the live side knows differs from the desired one. */
  private static boolean differs(Map<String, Object> before, Map<String, Object> after) {
    return before.entrySet().stream()
        .anyMatch(field -> !Objects.equals(field.getValue(), after.get(field.getKey())));
  }

  /**
   * Local names are slugs of Kinde's display names ("billing-worker" for "Billing Worker", "cafe"
   * for "Café"), so only a difference beyond case, accents and punctuation suggests a wrong id.
   * Local names hold only ASCII letters and digits, so a live name without any (such as "日本語")
   * cannot be compared. {@code kinde-props export} tells apart applications whose names slug alike
   * by appending the start of each one's id ("worker-3b0b5c6c"), which is no sign of a wrong id
   * either.
   */
  static boolean sameName(String local, String live, String id) {
    String localSlug = slug(local);
    String liveSlug = slug(live);
    if (liveSlug.isEmpty() || localSlug.equals(liveSlug)) {
      return true;
    }
    String suffix = localSlug.startsWith(liveSlug) ? localSlug.substring(liveSlug.length()) : "";
    return suffix.length() >= 8 && id.startsWith(suffix);
  }

  /** The ASCII letters and digits of a name, accents dropped, in lower case. */
  private static String slug(String name) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
  }
}
