package dev.kindeprops.manifest;

import static dev.kindeprops.manifest.Manifests.PROPERTIES;
import static dev.kindeprops.manifest.Manifests.lines;
import static dev.kindeprops.manifest.Manifests.load;
import static dev.kindeprops.manifest.Manifests.manifest;
import static dev.kindeprops.manifest.Manifests.write;
import static dev.kindeprops.manifest.Manifests.writeWithProperties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.diag.SourceLocation;
import dev.kindeprops.model.PropertyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading good manifests: files and directories, merging, profiles, the desired state. */
class ManifestLoaderTest {
  @TempDir Path dir;

  @Test
  void loadsTheDesiredStateWithDefaultsAndLocations() {
    Path file = write(dir, "p.yaml", PROPERTIES);
    LoadResult result = load(file);
    assertThat(result.ok()).isTrue();
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.files()).containsExactly(file);
    DesiredState state = result.state();
    assertThat(state.properties()).containsOnlyKeys("model_version", "notes", "region", "tier");
    assertThat(state.categories()).containsExactly("AI", "Ops", "Tenancy");
    PropertyDefinition region = state.properties().get("region");
    assertThat(region.type()).isEqualTo(PropertyType.SINGLE_LINE_TEXT);
    assertThat(region.isPrivate()).isFalse();
    assertThat(region.allowed()).containsExactly("eu", "us", "au");
    assertThat(region.description()).isEmpty();
    assertThat(region.location()).isEqualTo(new SourceLocation(file.toString(), 3, 3));
    PropertyDefinition notes = state.properties().get("notes");
    assertThat(notes.isPrivate()).as("private by default").isTrue();
    assertThat(notes.sensitive()).isTrue();
    assertThat(state.properties().get("model_version").pattern()).isEqualTo("^v[0-9]+$");
  }

  @Test
  void profilesMergeInOrderThenTheApplicationWinsAndClaimsUnite() {
    writeWithProperties(
        dir,
        """
            profiles:
              base:
                values: {region: us, tier: free, model_version: v1}
                claims: [region]
              pro:
                values: {tier: pro}
                claims: [tier]
            applications:
              worker:
                id: 3b0b5c6c8fcc464fab397f4969b5f482
                profiles: [base, pro]
                values: {model_version: v2}
                claims: [model_version, region]
                audience: https://api.example.com
              plain:
                id: 6513270e269e0d37f2a74de452e6b438
            """);
    DesiredState state = load(dir).state();
    Application worker = state.applications().get("worker");
    assertThat(worker.profiles()).containsExactly("base", "pro");
    assertThat(worker.values())
        .containsExactly(
            java.util.Map.entry("model_version", "v2"),
            java.util.Map.entry("region", "us"),
            java.util.Map.entry("tier", "pro"));
    assertThat(worker.claims()).containsExactly("model_version", "region", "tier");
    assertThat(worker.audience()).isEqualTo("https://api.example.com");
    Application plain = state.applications().get("plain");
    assertThat(plain.values()).isEmpty();
    assertThat(plain.claims()).isEmpty();
    assertThat(plain.audience()).isNull();
    assertThat(state.profiles().get("pro").values()).containsEntry("tier", "pro");
  }

  @Test
  void laterProfilesWinOverEarlierOnes() {
    writeWithProperties(
        dir,
        """
            profiles:
              eu: {values: {region: eu}}
              us: {values: {region: us}}
            applications:
              one: {id: 3b0b5c6c8fcc464fab397f4969b5f482, profiles: [eu, us]}
              two: {id: 6513270e269e0d37f2a74de452e6b438, profiles: [us, eu]}
            """);
    DesiredState state = load(dir).state();
    assertThat(state.applications().get("one").values()).containsEntry("region", "us");
    assertThat(state.applications().get("two").values()).containsEntry("region", "eu");
  }

  @Test
  void directoryLoadsYamlAndYmlInSortedOrderSkippingHiddenAndOtherFiles() throws IOException {
    Path b = write(dir, "b.yml", manifest("properties:\n  b: {name: B, category: C}\n"));
    Path a = write(dir, "a.yaml", manifest("properties:\n  a: {name: A, category: C}\n"));
    Path nested = write(dir, "a/z.yaml", manifest("properties:\n  z: {name: Z, category: C}\n"));
    write(dir, ".hidden/x.yaml", "not: a manifest\n");
    write(dir, ".x.yaml", "not: a manifest\n");
    write(dir, "notes.txt", "not a manifest\n");
    Files.createDirectories(dir.resolve("empty"));
    LoadResult result = load(dir);
    assertThat(lines(result)).isEmpty();
    assertThat(result.files()).containsExactly(a, nested, b);
    assertThat(result.state().properties()).containsOnlyKeys("a", "b", "z");
  }

  @Test
  void directoryOrderDecidesWhichDeclarationIsFirst() {
    Path first = write(dir, "01.yaml", manifest("properties:\n  x: {name: X, category: C}\n"));
    Path second = write(dir, "02.yaml", manifest("properties:\n  x: {name: X, category: C}\n"));
    assertThat(lines(load(dir)))
        .containsExactly(
            second + ":3:3: error: property 'x' is already declared at " + first + ":3:3");
  }

  @Test
  void namesFilesAsGivenAndReadsEachOnce() {
    Path file = write(dir, "a.yaml", manifest("properties:\n  x: {name: X, category: C}\n"));
    LoadResult result =
        ManifestLoader.load(List.of(file, dir, file), Variables.ofEnv(java.util.Map.of()));
    assertThat(lines(result)).isEmpty();
    assertThat(result.files()).containsExactly(file);
  }

  @Test
  void relativePathsStayRelativeInMessages() {
    LoadResult result =
        ManifestLoader.load(
            List.of(Path.of("src/test/resources/no-such-dir")),
            Variables.ofEnv(java.util.Map.of()));
    assertThat(lines(result))
        .containsExactly("src/test/resources/no-such-dir: error: no such file or directory");
  }

  @Test
  void removedPropertiesAreCollected() {
    write(dir, "p.yaml", PROPERTIES);
    write(dir, "r.yaml", manifest("removed:\n  properties: [legacy_flag, old_tier]\n"));
    assertThat(load(dir).state().removedProperties()).containsExactly("legacy_flag", "old_tier");
  }

  @Test
  void unusedProfileIsAWarningOnly() {
    Path file = write(dir, "a.yaml", manifest("profiles:\n  spare: {}\n"));
    LoadResult result = load(file);
    assertThat(result.ok()).isTrue();
    assertThat(lines(result))
        .containsExactly(file + ":3:3: warning: profile 'spare' is not used by any application");
  }

  @Test
  void bomIsIgnored() throws IOException {
    Path file = dir.resolve("a.yaml");
    Files.write(file, ("\uFEFFversion: 1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(lines(load(file))).isEmpty();
  }

  @Test
  void anExplicitlyNamedFileNeedNotEndInYaml() {
    Path file = write(dir, "manifest.txt", manifest("properties: {}\n"));
    assertThat(load(file).ok()).isTrue();
  }

  @Test
  void filesReadOnSeveralThreadsMergeAsInTheOrderFound() {
    write(dir, "a-properties.yaml", PROPERTIES);
    for (int f = 0; f < 40; f++) {
      // Each file declares one application and makes one mistake; the first also declares the
      // name that every later file declares again, which only the order found decides.
      write(
          dir,
          String.format("b-apps-%02d.yaml", f),
          manifest(
              """
              applications:
                shared:
                  id: 3b0b5c6c8fcc464fab397f4969b5f4%02d
                app-%d:
                  id: 4b0b5c6c8fcc464fab397f4969b5f4%02d
                  values: {region: mars}
              """
                  .formatted(f, f, f)));
    }
    List<String> first = lines(load(dir));
    assertThat(first)
        .hasSize(40 + 39)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("b-apps-01.yaml:3:3: error: application 'shared' is already declared")
                    .contains("b-apps-00.yaml:3:3"));
    for (int run = 0; run < 5; run++) {
      assertThat(lines(load(dir))).isEqualTo(first);
    }
  }
}
