package dev.kindeprops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.manifest.DesiredState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest options every manifest-reading command shares. */
class ManifestOptionsTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Console console =
      new Console(
          new ByteArrayInputStream(new byte[0]),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          Map.of("REGION", "eu"),
          false);

  private ManifestOptions options(Path... paths) {
    ManifestOptions options = new ManifestOptions();
    options.paths = List.of(paths);
    return options;
  }

  @Test
  void loadsValidManifestsWithTheConsoleEnvironment() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("a.yaml"),
            "version: 1\nproperties: {p: {name: P, category: C, description: '${env:REGION}'}}\n");
    DesiredState state = options(file).load(console);
    assertThat(state.properties().get("p").description()).isEqualTo("eu");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void printsTheProblemsAndEndsTheCommandWithoutASecondMessage() throws IOException {
    Path file = Files.writeString(dir.resolve("a.yaml"), "version: 1\nproperties: {p: {}}\n");
    assertThatThrownBy(() -> options(file).load(console)).isInstanceOf(ReportedFailure.class);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            file
                + ":2:14: error: property 'p' is missing the required field 'category'\n"
                + file
                + ":2:14: error: property 'p' is missing the required field 'name'\n");
  }

  @Test
  void printsWarningsAndGoesOn() throws IOException {
    Path file = Files.writeString(dir.resolve("a.yaml"), "version: 1\nprofiles: {spare: {}}\n");
    assertThat(options(file).load(console).profiles()).containsOnlyKeys("spare");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(file + ":2:12: warning: profile 'spare' is not used by any application\n");
  }
}
