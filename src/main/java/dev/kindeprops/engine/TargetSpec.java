package dev.kindeprops.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which live state a run talks to, as its options and environment name it: a local state file, or a
 * Kinde business (DESIGN.md section 3).
 *
 * @param state {@code --state}, or null
 * @param domain {@code --domain}, or null for {@code KINDE_DOMAIN}
 * @param clientId {@code --client-id}, or null for {@code KINDE_MANAGEMENT_CLIENT_ID}
 * @param maxRps {@code --max-rps}, or null for the default
 * @param parallelism {@code --parallelism}, or null for the default
 * @param env the run's environment
 * @param trace receives one line per HTTP request ({@code --verbose}), never a secret; or null
 */
public record TargetSpec(
    Path state,
    String domain,
    String clientId,
    Double maxRps,
    Integer parallelism,
    Map<String, String> env,
    Consumer<String> trace) {

  public TargetSpec {
    env = Map.copyOf(env);
  }

  /** A local state file and nothing else. */
  public static TargetSpec stateFile(Path state) {
    return new TargetSpec(state, null, null, null, null, Map.of(), null);
  }

  public boolean isStateFile() {
    return state != null;
  }
}
