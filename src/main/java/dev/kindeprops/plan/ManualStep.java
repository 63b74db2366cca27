package dev.kindeprops.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The toggles a person makes for one application in the Kinde dashboard, because no API can.
 *
 * @param turnOn keys to toggle into the application's M2M token, in plan order
 * @param turnOff keys to toggle out of it, in plan order
 * @param stateUnknown those of {@code turnOn} whose toggle cannot be seen now (the property is
 *     private), so that it may be on already
 */
public record ManualStep(
    String application,
    String applicationId,
    List<String> turnOn,
    List<String> turnOff,
    List<String> stateUnknown) {

  public ManualStep {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(applicationId, "applicationId");
    turnOn = List.copyOf(turnOn);
    turnOff = List.copyOf(turnOff);
    stateUnknown = List.copyOf(stateUnknown);
  }

  /** Whether any step holds a toggle whose state is unknown. */
  public static boolean anyStateUnknown(List<ManualStep> steps) {
    return steps.stream().anyMatch(step -> !step.stateUnknown().isEmpty());
  }

  /** The manual changes among these, one step per application in order of first appearance. */
  public static List<ManualStep> of(List<? extends Change> changes) {
    Map<String, List<ClaimChange>> byApplication = new LinkedHashMap<>();
    for (Change change : changes) {
      if (change.manual() && change instanceof ClaimChange claim) {
        byApplication.computeIfAbsent(claim.application(), name -> new ArrayList<>()).add(claim);
      }
    }
    List<ManualStep> steps = new ArrayList<>();
    byApplication.forEach(
        (name, claims) -> {
          List<String> on = new ArrayList<>();
          List<String> off = new ArrayList<>();
          List<String> unknown = new ArrayList<>();
          for (ClaimChange claim : claims) {
            (claim.on() ? on : off).add(claim.key());
            if (claim.stateUnknown()) {
              unknown.add(claim.key());
            }
          }
          steps.add(new ManualStep(name, claims.get(0).applicationId(), on, off, unknown));
        });
    return steps;
  }
}
