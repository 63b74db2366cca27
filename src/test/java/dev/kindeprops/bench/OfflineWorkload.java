package dev.kindeprops.bench;

import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.model.PropertyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The offline workload of issue 11 on disk: manifests declaring {@code applications} M2M
 * applications with 20 public properties each (every application gives all 20 values and claims
 * two), and a state file of the same tenant in which about a tenth of the values differ, so a plan
 * holds about two changes per application. The manifests are one properties file and application
 * files of at most {@code perFile} applications each.
 *
 * @param manifests the folder of YAML files ({@code -f})
 * @param state the state file ({@code --state})
 * @param yamlFiles every YAML file of {@code manifests}
 */
record OfflineWorkload(Path manifests, Path state, List<Path> yamlFiles) {
  static final int PROPERTIES = 20;

  /**
   * Writes the workload under {@code dir} (which must exist), always the same for one size; keep
   * {@code perFile} at 13,000 or fewer so that every file stays under the loader's size limit.
   */
  static OfflineWorkload write(Path dir, int applications, int perFile) throws IOException {
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    List<Path> yamlFiles = new ArrayList<>();
    Random random = new Random(42);
    LiveBuilder live = new LiveBuilder().category("Bench");
    StringBuilder properties = new StringBuilder("version: 1\nproperties:\n");
    for (int p = 0; p < PROPERTIES; p++) {
      String key = key(p);
      properties.append(
          String.format(
              Locale.ROOT,
              "  %s:%n    name: %s%n    category: Bench%n    private: false%n",
              key,
              DesiredBuilder.name(key)));
      live.property(key, "Bench", false, PropertyType.SINGLE_LINE_TEXT);
    }
    yamlFiles.add(Files.writeString(manifests.resolve("properties.yaml"), properties));
    for (int first = 0; first < applications; first += perFile) {
      StringBuilder yaml = new StringBuilder("version: 1\napplications:\n");
      for (int a = first; a < Math.min(applications, first + perFile); a++) {
        String id = String.format(Locale.ROOT, "a%031x", a);
        yaml.append("  app-").append(a).append(":\n    id: ").append(id).append("\n    values:\n");
        Map<String, String> liveValues = new TreeMap<>();
        for (int p = 0; p < PROPERTIES; p++) {
          String value = "v" + a + "-" + p;
          yaml.append("      ").append(key(p)).append(": ").append(value).append('\n');
          liveValues.put(key(p), random.nextInt(10) == 0 ? "drifted" : value);
        }
        yaml.append("    claims: [").append(key(0)).append(", ").append(key(1)).append("]\n");
        live.application(id, "app-" + a, "m2m", liveValues, Set.of(key(0), key(1)));
      }
      String name = String.format(Locale.ROOT, "apps-%03d.yaml", first / perFile);
      yamlFiles.add(Files.writeString(manifests.resolve(name), yaml));
    }
    LiveState state = live.build();
    Path stateFile = dir.resolve("state.json");
    Files.writeString(
        stateFile,
        StateFile.format(
            new StateDocument(state.categories(), state.properties(), state.applications())));
    return new OfflineWorkload(manifests, stateFile, List.copyOf(yamlFiles));
  }

  /** The bytes of YAML the manifests hold. */
  long yamlBytes() throws IOException {
    long bytes = 0;
    for (Path file : yamlFiles) {
      bytes += Files.size(file);
    }
    return bytes;
  }

  private static String key(int property) {
    return String.format(Locale.ROOT, "prop_%02d", property);
  }
}
