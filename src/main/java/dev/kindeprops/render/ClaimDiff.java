package dev.kindeprops.render;

import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.plan.ApplicationChange;
import dev.kindeprops.plan.ApplicationClaims;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PropertyChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One application's expected claim compared with its current one, key by key, for the human
 * renderers.
 *
 * @param touched for an unobserved claim: whether this plan changes a value or property it carries
 */
record ClaimDiff(
    String application, String applicationId, Status status, boolean touched, List<Line> lines) {

  enum Status {
    UNCHANGED,
    CHANGED,
    /** The current claim is unknown: only the expected one is shown. */
    NOT_OBSERVED
  }

  /**
   * One claim entry: {@code marker} is {@code +} (added), {@code -} (removed), {@code ~} (new
   * value) or a space (unchanged); {@code before} or {@code after} is null where absent.
   */
  record Line(char marker, String key, ClaimValue before, ClaimValue after) {}

  /** The claims of every application in the plan, by application name. */
  static List<ClaimDiff> of(Plan plan) {
    Set<String> touchedKeys = new HashSet<>();
    Set<String> touchedValues = new HashSet<>();
    for (Change change : plan.changes()) {
      if (change instanceof PropertyChange property) {
        touchedKeys.add(property.key());
      } else if (change instanceof ApplicationChange toApplication) {
        touchedValues.add(toApplication.application() + "\n" + toApplication.key());
      }
    }
    List<ClaimDiff> diffs = new ArrayList<>();
    for (Map.Entry<String, ApplicationClaims> entry : plan.claims().entrySet()) {
      String name = entry.getKey();
      ApplicationClaims claims = entry.getValue();
      if (claims.before() == null) {
        List<Line> lines = new ArrayList<>();
        claims.after().forEach((key, value) -> lines.add(new Line(' ', key, null, value)));
        boolean touched =
            claims.after().keySet().stream()
                .anyMatch(k -> touchedKeys.contains(k) || touchedValues.contains(name + "\n" + k));
        diffs.add(new ClaimDiff(name, claims.applicationId(), Status.NOT_OBSERVED, touched, lines));
        continue;
      }
      TreeSet<String> keys = new TreeSet<>(claims.before().keySet());
      keys.addAll(claims.after().keySet());
      List<Line> lines = new ArrayList<>();
      boolean changed = false;
      for (String key : keys) {
        ClaimValue before = claims.before().get(key);
        ClaimValue after = claims.after().get(key);
        char marker;
        if (before == null) {
          marker = '+';
        } else if (after == null) {
          marker = '-';
        } else {
          marker = Objects.equals(before, after) ? ' ' : '~';
        }
        changed |= marker != ' ';
        lines.add(new Line(marker, key, before, after));
      }
      diffs.add(
          new ClaimDiff(
              name,
              claims.applicationId(),
              changed ? Status.CHANGED : Status.UNCHANGED,
              changed,
              lines));
    }
    return diffs;
  }
}
