package dev.kindeprops.apply;

import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.StorableText;
import dev.kindeprops.model.ValueRules;
import dev.kindeprops.plan.ApplicationChange;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimChange;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PropertyChange;
import dev.kindeprops.plan.ValueChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules manifests obey, held against a saved plan carried out without its manifests: so that
 * even an intact plan written by hand cannot write what {@code validate} refuses. Keys and local
 * names are well formed and not Kinde's own; properties have a name and a category; a sensitive
 * property is not made public; values obey the rules the plan records; a toggle is turned on only
 * for a property that stays public.
 */
final class PlanRules {
  private static final Pattern PROPERTY_KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern LOCAL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  /** Problems listed in a refusal before the rest are only counted. */
  private static final int MAX_LISTED = 10;

  private PlanRules() {}

  /**
   * @throws ApplyRefusedException naming the changes that break a rule, before anything runs
   */
  static void check(Plan plan) {
    Map<String, PropertyFields> published = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Change change : plan.changes()) {
      if (change instanceof PropertyChange property) {
        checkProperty(plan, property, problems);
        if (property.after() != null) {
          published.put(property.key(), property.after());
        }
      } else if (change instanceof ApplicationChange toApplication) {
        checkApplicationChange(plan, toApplication, published, problems);
      }
    }
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder("the plan breaks rules the manifests obey (was it written by hand?):");
    problems.stream().limit(MAX_LISTED).forEach(p -> message.append("\n  ").append(p));
    if (problems.size() > MAX_LISTED) {
      message.append("\n  and ").append(problems.size() - MAX_LISTED).append(" more");
    }
    throw new ApplyRefusedException(
        message
            .append("\nNothing was changed. Plan again, or apply with -f to check the plan")
            .append(" against the manifests.")
            .toString());
  }

  private static void checkProperty(Plan plan, PropertyChange change, List<String> problems) {
    String where = change.address() + ": ";
    checkKey(change.key(), where, problems);
    PropertyFields after = change.after();
    if (after == null) {
      return;
    }
    if (after.name().isBlank() || after.category().isBlank()) {
      problems.add(where + "a property needs a name and a category");
    }
    storable(where, "its name", after.name(), problems);
    storable(where, "its description", after.description(), problems);
    storable(where, "its category", after.category(), problems);
    boolean wasPrivate = change.before() == null || change.before().isPrivate();
    if (plan.sensitiveProperties().contains(change.key()) && wasPrivate && !after.isPrivate()) {
      problems.add(
          where
              + "makes the sensitive property public, so its values would reach tokens; only"
              + " apply -f, with manifests that ask for it, may do that");
    }
  }

  private static void checkApplicationChange(
      Plan plan,
      ApplicationChange change,
      Map<String, PropertyFields> published,
      List<String> problems) {
    String where = change.address() + ": ";
    checkKey(change.key(), where, problems);
    if (!LOCAL_NAME.matcher(change.application()).matches()) {
      problems.add(where + "'" + change.application() + "' is not a local application name");
    }
    if (change instanceof ValueChange value
        && value.after() != null
        && !plan.sensitiveProperties().contains(value.key())) {
      storable(where, "the value", value.after(), problems);
      ValueRules rules = plan.valueRules().get(value.key());
      if (rules != null) {
        rules
            .problem(value.after(), "value '" + value.after() + "' for '" + value.key() + "'")
            .ifPresent(problem -> problems.add(where + problem));
      }
    }
    if (change instanceof ClaimChange claim && claim.on()) {
      PropertyFields property = published.get(claim.key());
      if (property != null && property.isPrivate()) {
        problems.add(where + "turns on a toggle of a property the plan keeps private");
      }
    }
  }

  /** Text the manifests could not hold either: not Unicode, or with noncharacters. */
  private static void storable(String where, String subject, String text, List<String> problems) {
    String problem = StorableText.problem(subject, text);
    if (problem != null) {
      problems.add(where + problem);
    }
  }

  private static void checkKey(String key, String where, List<String> problems) {
    if (!PROPERTY_KEY.matcher(key).matches() || key.startsWith("kp_")) {
      problems.add(where + "'" + key + "' is not a property key kinde-props manages");
    }
  }
}
