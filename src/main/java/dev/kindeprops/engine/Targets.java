package dev.kindeprops.engine;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.live.ClaimObservation;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.live.TokenChecker;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.file.StateFileTarget;
import dev.kindeprops.live.kinde.KindeSettings;
import dev.kindeprops.live.kinde.KindeTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the target a run names, and reads and writes state-file snapshots: the only place that
 * names the file and Kinde adapters.
 */
public final class Targets {
  /** Requests per second a run starts at towards Kinde unless {@code --max-rps} says otherwise. */
  public static final double START_REQUESTS_PER_SECOND = KindeSettings.START_REQUESTS_PER_SECOND;

  private Targets() {}

  /** A snapshot of a live state read from a state file, and the file's name for reports. */
  public record Snapshot(String name, LiveState state) {}

  /**
   * Opens the target: {@code --state FILE} (which wins over {@code KINDE_DOMAIN} in the
   * environment), else Kinde from the environment and the flags.
   *
   * @throws UserError when the spec names none, or both
   * @throws TargetException when the Kinde settings are missing or malformed
   */
  public static Target open(TargetSpec spec) {
    if (spec.state() != null && spec.domain() != null) {
      throw new UserError("give either --state or --domain, not both");
    }
    if (spec.state() != null) {
      return new StateFileTarget(spec.state());
    }
    if (!hasDomain(spec)) {
      throw new UserError(
          "no target: give --state FILE for a local state file, or set "
              + KindeSettings.DOMAIN_VARIABLE
              + " (with KINDE_MANAGEMENT_CLIENT_ID and KINDE_MANAGEMENT_CLIENT_SECRET) for Kinde");
    }
    return KindeTarget.open(
        KindeSettings.fromEnvironment(spec.env(), overrides(spec)), spec.trace());
  }

  /**
   * Opens Kinde for checking tokens someone obtained: that needs the domain's public keys alone, so
   * neither management credentials nor a state file.
   *
   * @throws UserError when a state file or no domain is given
   */
  public static TokenChecker tokenChecker(TargetSpec spec) {
    if (spec.state() != null || !hasDomain(spec)) {
      throw new UserError(
          "--token is checked against the Kinde domain's signing keys: set "
              + KindeSettings.DOMAIN_VARIABLE
              + " or give --domain"
              + (spec.state() != null ? ", not --state" : ""));
    }
    return KindeTarget.open(
        KindeSettings.withoutCredentials(spec.env(), overrides(spec)), spec.trace());
  }

  /**
   * The state with the claim toggles of its M2M applications observed through tokens, where the
   * target only lets them be observed; as it is where the target stores them. An application whose
   * token cannot be observed keeps unknown toggles, and a note says why.
   *
   * @param audiences the audience of each application's token, by id
   * @throws TargetException when the target cannot be reached or refuses as a whole
   */
  public static LiveState observeClaims(
      Target target, LiveState state, Map<String, String> audiences) {
    if (target.claimToggles() != ClaimToggles.OBSERVABLE) {
      return state;
    }
    List<String> ids =
        state.applications().stream()
            .filter(LiveApplication::isM2m)
            .map(LiveApplication::id)
            .sorted()
            .toList();
    Map<String, ClaimObservation> observed = target.observeClaims(ids, audiences);
    List<LiveApplication> applications = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (LiveApplication app : state.applications()) {
      ClaimObservation observation = observed.get(app.id());
      if (observation != null && observation.ok()) {
        applications.add(
            new LiveApplication(
                app.id(),
                app.name(),
                app.type(),
                app.values(),
                new TreeSet<>(observation.claims().keySet())));
      } else {
        applications.add(app);
        if (observation != null) {
          notes.add(
              "the token of application "
                  + app.id()
                  + " could not be observed, so its toggles are not checked: "
                  + observation.problem());
        }
      }
    }
    return state.withApplications(applications, notes);
  }

  /**
   * Reads a state file as a snapshot, with these applications in detail.
   *
   * @throws TargetException when it cannot be read or is not a valid state file
   */
  public static Snapshot readSnapshot(Path file, Set<String> applicationIds) {
    try (StateFileTarget snapshot = new StateFileTarget(file)) {
      return new Snapshot(new StateFile(file).displayName(), snapshot.read(applicationIds));
    }
  }

  /**
   * Writes a complete live state (every property typed and in a category, every application's
   * toggles known) as a state file, atomically, readable by its owner alone, in a stable order:
   * categories by id, properties by key, applications by id. The values of sensitive properties are
   * left out: a snapshot never holds a secret.
   *
   * @param sensitive keys of the properties whose values are left out
   * @throws TargetException when it cannot be written
   */
  public static void writeSnapshot(Path file, LiveState state, Set<String> sensitive) {
    new StateFile(file)
        .writeSnapshot(
            new StateDocument(
                state.categories().stream().sorted(Comparator.comparing(LiveCategory::id)).toList(),
                state.properties().stream()
                    .sorted(Comparator.comparing(LiveProperty::key))
                    .toList(),
                state.applications().stream()
                    .sorted(Comparator.comparing(LiveApplication::id))
                    .map(app -> withoutSecrets(app, sensitive))
                    .toList()));
  }

  private static LiveApplication withoutSecrets(LiveApplication app, Set<String> sensitive) {
    TreeMap<String, String> values = new TreeMap<>(app.values());
    values.keySet().removeAll(sensitive);
    return new LiveApplication(app.id(), app.name(), app.type(), values, app.claims());
  }

  private static boolean hasDomain(TargetSpec spec) {
    String fromEnvironment = spec.env().get(KindeSettings.DOMAIN_VARIABLE);
    return spec.domain() != null || (fromEnvironment != null && !fromEnvironment.isEmpty());
  }

  private static KindeSettings.Overrides overrides(TargetSpec spec) {
    return new KindeSettings.Overrides(
        spec.domain(), spec.clientId(), null, spec.maxRps(), spec.parallelism());
  }
}
