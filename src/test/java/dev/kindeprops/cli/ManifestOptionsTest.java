package dev.kindeprops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.manifest.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest options every manifest-reading command shares. */
class ManifestOptionsTest {
  @TempDir Path dir;

  private final InProcess.Streams streams = InProcess.streams(Map.of("REGION", "eu"), "", false);

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
    DesiredState state = options(file).load(streams.console());
    assertThat(state.properties().get("p").description()).isEqualTo("eu");
    assertThat(streams.err()).isEmpty();
  }

  @Test
  void printsTheProblemsAndEndsTheCommandWithoutASecondMessage() throws IOException {
    Path file = Files.writeString(dir.resolve("a.yaml"), "version: 1\nproperties: {p: {}}\n");
    assertThatThrownBy(() -> options(file).load(streams.console()))
        .isInstanceOf(ReportedFailure.class);
    assertThat(streams.err())
        .isEqualTo(
            file
                + ":2:14: error: property 'p' is missing the required field 'category'\n"
                + file
                + ":2:14: error: property 'p' is missing the required field 'name'\n");
  }

  @Test
  void printsWarningsAndGoesOn() throws IOException {
    Path file = Files.writeString(dir.resolve("a.yaml"), "version: 1\nprofiles: {spare: {}}\n");
    assertThat(options(file).load(streams.console()).profiles()).containsOnlyKeys("spare");
    assertThat(streams.err())
        .isEqualTo(file + ":2:12: warning: profile 'spare' is not used by any application\n");
  }
}
