package dev.kindeprops.engine;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.live.ClaimObservation;
import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.live.Target;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Address;
import dev.kindeprops.plan.ApplicationChange;
import dev.kindeprops.plan.ApplicationClaims;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimChange;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ExpectedClaims;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PropertyChange;
import dev.kindeprops.plan.Seal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Apply's closing check on a target that shows toggles only in tokens (Kinde): one token per
 * application whose claims or claimed values the plan changed, compared with what the manifests
 * declare, so that a toggle nobody made is listed rather than assumed.
 */
final class ClosingCheck {
  private ClosingCheck() {}

  /**
   * The applications to check, by local name in plan order: those with a toggle to make, or whose
   * claimed values or claimed properties the plan changes.
   */
  static List<String> applications(Plan plan) {
    List<String> names = new ArrayList<>();
    plan.claims()
        .forEach(
            (name, claims) -> {
              if (plan.changes().stream().anyMatch(change -> touches(change, name, claims))) {
                names.add(name);
              }
            });
    return names;
  }

  private static boolean touches(Change change, String name, ApplicationClaims claims) {
    if (change instanceof ClaimChange claim) {
      return claim.application().equals(name);
    }
    if (change instanceof ApplicationChange toApplication) {
      return toApplication.application().equals(name) && claimed(claims, toApplication.key());
    }
    return change instanceof PropertyChange property && claimed(claims, property.key());
  }

  private static boolean claimed(ApplicationClaims claims, String key) {
    return claims.after().containsKey(key)
        || (claims.before() != null && claims.before().containsKey(key));
  }

  /**
   * The audience of each application's token, by id: {@code override}, else the manifests' (with
   * {@code -f}), else the one the plan recorded.
   *
   * @param desired the manifests, or null for a saved plan carried out as saved
   * @throws dev.kindeprops.diag.InvalidInputException or {@link UserError} naming each application
   *     to check that has none; before anything is changed
   */
  static Map<String, String> audiences(
      Plan plan, List<String> names, DesiredState desired, String override) {
    Map<String, String> audiences = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      ApplicationClaims claims = plan.claims().get(name);
      String audience =
          override != null
              ? override
              : desired != null ? desired.applications().get(name).audience() : claims.audience();
      if (audience == null) {
        missing.add(name);
      } else {
        audiences.put(claims.applicationId(), audience);
      }
    }
    if (missing.isEmpty()) {
      return audiences;
    }
    String why = "apply's closing check (skip it with --skip-token-check)";
    if (desired != null) {
      Collection<Application> applications =
          missing.stream().map(name -> desired.applications().get(name)).toList();
      Audiences.require(applications, audiences, why);
    }
    throw new UserError(
        Audiences.missing("application " + String.join(", ", missing), why)
            + ". Nothing was changed.");
  }

  /**
   * Mints one token per application and compares its claim with the declared one.
   *
   * @param desired the manifests, or null: then the plan's expected claim, where toggles of
   *     properties the manifests do not manage are unknown unless the plan observed them
   */
  static List<ClaimCheck> run(
      Target live,
      Plan plan,
      List<String> names,
      DesiredState desired,
      Map<String, String> audiences) {
    Map<String, ClaimObservation> observed =
        live.observeClaims(
            names.stream().map(name -> plan.claims().get(name).applicationId()).toList(),
            audiences);
    List<ClaimCheck> checks = new ArrayList<>();
    for (String name : names) {
      ApplicationClaims claims = plan.claims().get(name);
      ClaimObservation observation = observed.get(claims.applicationId());
      if (!observation.ok()) {
        checks.add(ClaimCheck.failed(name, claims.applicationId(), observation.problem()));
        continue;
      }
      SortedMap<String, ClaimValue> token = observation.claims();
      SortedMap<String, ClaimValue> expected =
          desired != null
              ? ExpectedClaims.forToken(desired, desired.applications().get(name), token)
              : fromPlan(plan, name, claims, token);
      checks.add(ClaimCheck.compare(name, claims.applicationId(), expected, token));
    }
    return checks;
  }

  /**
   * The plan's expected claim, a sealed sensitive value taken as the token's where the seal matches
   * it; where the plan did not observe the toggles, the token's entries of other properties are
   * taken as they are (they may belong to properties the manifests do not manage).
   */
  private static SortedMap<String, ClaimValue> fromPlan(
      Plan plan, String name, ApplicationClaims claims, SortedMap<String, ClaimValue> token) {
    SortedMap<String, ClaimValue> expected = new TreeMap<>();
    claims
        .after()
        .forEach(
            (key, value) -> {
              ClaimValue actual = token.get(key);
              boolean sealed =
                  plan.sealed()
                      && plan.sensitiveProperties().contains(key)
                      && value.v() != null
                      && actual != null
                      && actual.v() != null
                      && Seal.matches(value.v(), Address.claim(name, key), actual.v());
              expected.put(key, sealed ? actual : value);
            });
    if (claims.before() == null) {
      token.forEach(expected::putIfAbsent);
    }
    return expected;
  }
}
