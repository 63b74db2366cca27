package dev.kindeprops.plan;

import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.PropertyDefinition;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code application_properties} claim each managed application's M2M token carries, now and
 * once the plan and its manual steps are done.
 *
 * <p>{@code after} holds each claimed declared property as {@code {"v": value}}, or {@code {}}
 * where the application has no value; where the live toggles are known, it also holds the live
 * toggles of properties the manifests do not manage (they stay, and the token keeps carrying them
 * while the property is public). {@code before} is what the live toggles, values and privacy give
 * now, or null where the toggles cannot be observed.
 */
public final class ExpectedClaims {
  private ExpectedClaims() {}

  /**
   * Claims from the manifests alone, for when no live state is read: {@code before} is null and
   * {@code after} leaves out toggles of unmanaged properties, which only the live state shows.
   */
  public static SortedMap<String, ApplicationClaims> of(DesiredState desired) {
    SortedMap<String, ApplicationClaims> claims = new TreeMap<>();
    for (Application app : desired.applications().values()) {
      claims.put(
          app.name(),
          new ApplicationClaims(app.id(), app.audience(), null, declared(desired, app)));
    }
    return claims;
  }

  /**
   * Claims for every managed application that is live; applications missing from {@code live} get
   * the manifests-only form.
   */
  public static SortedMap<String, ApplicationClaims> of(DesiredState desired, LiveState live) {
    return of(desired, LiveIndex.of(live));
  }

  static SortedMap<String, ApplicationClaims> of(DesiredState desired, LiveIndex live) {
    SortedMap<String, ApplicationClaims> claims = new TreeMap<>();
    for (Application app : desired.applications().values()) {
      LiveApplication liveApp = live.applications().get(app.id());
      SortedMap<String, ClaimValue> after = declared(desired, app);
      SortedMap<String, ClaimValue> before = null;
      if (liveApp != null && liveApp.claims() != null) {
        before = liveApp.token(live.properties());
        after.putAll(unmanaged(desired, live, liveApp));
      }
      claims.put(app.name(), new ApplicationClaims(app.id(), app.audience(), before, after));
    }
    return claims;
  }

  /**
   * The claim an application's token should carry, given what a token of it carries now ({@code
   * verify} on Kinde): the manifests' claims, and the token's entries of properties the manifests
   * do not manage, as they are (kinde-props leaves those toggles and values alone). Entries of
   * removed properties are not expected: they go with the property.
   */
  public static SortedMap<String, ClaimValue> forToken(
      DesiredState desired, Application app, SortedMap<String, ClaimValue> token) {
    SortedMap<String, ClaimValue> claims = declared(desired, app);
    token.forEach(
        (key, value) -> {
          if (!desired.properties().containsKey(key)
              && !desired.removedProperties().contains(key)) {
            claims.put(key, value);
          }
        });
    return claims;
  }

  /** The claims the manifests ask for: claimed declared properties that are public. */
  private static SortedMap<String, ClaimValue> declared(DesiredState desired, Application app) {
    SortedMap<String, ClaimValue> claims = new TreeMap<>();
    for (String key : app.claims()) {
      PropertyDefinition property = desired.properties().get(key);
      if (property != null && !property.isPrivate()) {
        claims.put(key, new ClaimValue(value(app.values().get(key))));
      }
    }
    return claims;
  }

  /** Live toggles the manifests do not own: they stay as they are, values included. */
  private static SortedMap<String, ClaimValue> unmanaged(
      DesiredState desired, LiveIndex live, LiveApplication app) {
    SortedMap<String, ClaimValue> claims = app.token(live.properties());
    claims.keySet().removeIf(key -> desired.properties().containsKey(key));
    claims.keySet().removeIf(key -> desired.removedProperties().contains(key));
    return claims;
  }

  /** An empty value is no value: Kinde stores an unset value as an empty one. */
  static String value(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
