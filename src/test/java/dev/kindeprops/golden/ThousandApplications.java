package dev.kindeprops.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes the inputs of the {@code thousand-applications} golden case: 1,000 M2M applications on one
 * profile, a few of them drifted, and 25 more that the manifests do not list. The same every time,
 * so only the expected output and the manifest of properties and profiles are kept in git.
 */
final class ThousandApplications {
  static final int APPLICATIONS = 1_000;

  /** The properties and the profile, kept in git beside the case's expected output. */
  static final Path SHARED = GoldenPlanTest.CASES.resolve("thousand-applications/shared.yaml");

  private ThousandApplications() {}

  static void write(Path directory) throws IOException {
    Files.createDirectories(directory.resolve("manifests"));
    Files.copy(
        SHARED, directory.resolve("manifests/shared.yaml"), StandardCopyOption.REPLACE_EXISTING);
    StringBuilder apps = new StringBuilder("version: 1\napplications:\n");
    StringBuilder state =
        new StringBuilder(
            """
            {"version": 1,
             "categories": [{"id": "cat_00000000000000000000000000000001", "name": "Tenancy"},
                            {"id": "cat_00000000000000000000000000000002", "name": "Ops"}],
             "properties": [
              {"id": "prop_00000000000000000000000000000001", "key": "region", "name": "Region",
               "type": "single_line_text", "is_private": false,
               "category_id": "cat_00000000000000000000000000000001"},
              {"id": "prop_00000000000000000000000000000002", "key": "tier", "name": "Tier",
               "type": "single_line_text", "is_private": false,
               "category_id": "cat_00000000000000000000000000000001"},
              {"id": "prop_00000000000000000000000000000003", "key": "team", "name": "Owning team",
               "type": "single_line_text", "is_private": true,
               "category_id": "cat_00000000000000000000000000000002"},
              {"id": "prop_00000000000000000000000000000004", "key": "legacy_flag",
               "name": "Legacy flag", "type": "single_line_text", "is_private": true,
               "category_id": "cat_00000000000000000000000000000002"}],
             "applications": [
            """);
    for (int i = 0; i < APPLICATIONS; i++) {
      String name = String.format(Locale.ROOT, "svc-%04d", i);
      String id = id(i);
      String team = "team-" + (i % 7);
      apps.append("  ").append(name).append(":\n");
      apps.append("    id: ").append(id).append('\n');
      apps.append("    profiles: [standard]\n");
      apps.append("    values: {team: ").append(team).append("}\n");
      // A few applications drifted: another region, a missing tier, a stray toggle.
      String region = i == 17 || i == 242 || i == 555 ? "us" : "eu";
      String tier = i == 900 ? "" : ", \"tier\": \"pro\"";
      String claims = i == 404 ? "\"region\", \"tier\"" : "\"region\"";
      state
          .append("  {\"id\": \"")
          .append(id)
          .append("\", \"name\": \"")
          .append(name)
          .append("\", \"type\": \"m2m\", \"values\": {\"region\": \"")
          .append(region)
          .append('"')
          .append(tier)
          .append(", \"team\": \"")
          .append(team)
          .append("\"}, \"claims\": [")
          .append(claims)
          .append("]},\n");
    }
    for (int i = 0; i < 25; i++) {
      state
          .append("  {\"id\": \"")
          .append(id(APPLICATIONS + i))
          .append("\", \"name\": \"unlisted-")
          .append(i)
          .append("\", \"type\": \"m2m\", \"values\": {\"legacy_flag\": \"on\"}},\n");
    }
    state
        .append("  {\"id\": \"")
        .append(id(5_000))
        .append("\", \"name\": \"web\", \"type\": \"spa\"}\n");
    state.append(" ]}\n");
    Files.writeString(directory.resolve("manifests/applications.yaml"), apps.toString());
    Files.writeString(directory.resolve("state.json"), state.toString());
  }

  /** A stable 32-hex application id. */
  private static String id(int n) {
    return String.format(Locale.ROOT, "%08x%024x", 0x5eed0000 + n, (long) n * 2_654_435_761L);
  }
}
