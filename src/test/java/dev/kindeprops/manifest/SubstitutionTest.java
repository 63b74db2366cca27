package dev.kindeprops.manifest;

import static dev.kindeprops.manifest.Manifests.lines;
import static dev.kindeprops.manifest.Manifests.manifest;
import static dev.kindeprops.manifest.Manifests.write;
import static dev.kindeprops.manifest.Manifests.writeWithProperties;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ${env:NAME} and ${var:NAME} in scalar values, from the environment, --var and --var-file. */
class SubstitutionTest {
  @TempDir Path dir;

  private final Substitution substitution =
      new Substitution(Map.of("REGION", "eu", "EMPTY", ""), Map.of("tier", "pro", "app.id", "7"));

  @Test
  void expandsEnvironmentAndVariables() {
    assertThat(substitution.expand("${env:REGION}-${var:tier}/${var:app.id}").text())
        .isEqualTo("eu-pro/7");
  }

  @Test
  void doubleDollarIsALiteral() {
    Substitution.Expanded expanded = substitution.expand("write $${env:REGION} for ${var:tier}");
    assertThat(expanded.ok()).isTrue();
    assertThat(expanded.text()).isEqualTo("write ${env:REGION} for pro");
  }

  @Test
  void loneDollarsStay() {
    assertThat(substitution.expand("$5 and $$ and $ {x}").text()).isEqualTo("$5 and $$ and $ {x}");
  }

  @Test
  void undefinedAndMalformedReferencesAreAllReported() {
    Substitution.Expanded expanded =
        substitution.expand("${env:EMPTY} ${var:nope} ${REGION} ${env:1x} ${env:REGION");
    assertThat(expanded.problems())
        .containsExactly(
            "environment variable EMPTY is not set (in ${env:EMPTY})",
            "variable nope is not defined (in ${var:nope}); give it with --var nope=VALUE or in a"
                + " --var-file",
            "'${REGION}' is not a substitution; use ${env:NAME} or ${var:NAME}, or '$${' for a"
                + " literal '${'",
            "'${env:1x}' has no valid variable name (letters, digits, '_', '.', '-'; not starting"
                + " with a digit)",
            "'${' without a closing '}'; write '$${' for a literal '${'");
  }

  @Test
  void substitutesEveryScalarValueButNotKeys() {
    writeWithProperties(
        dir,
        """
            applications:
              worker:
                id: ${env:WORKER_ID}
                values:
                  region: ${var:region}
                  model_version: "v${var:model}"
                audience: https://${env:API_HOST}/api
            """);
    LoadResult result =
        ManifestLoader.load(
            List.of(dir),
            new Variables(
                Map.of("WORKER_ID", "3b0b5c6c8fcc464fab397f4969b5f482", "API_HOST", "api.test"),
                null,
                Map.of("region", "au", "model", "12")));
    assertThat(lines(result)).isEmpty();
    Application worker = result.state().applications().get("worker");
    assertThat(worker.id()).isEqualTo("3b0b5c6c8fcc464fab397f4969b5f482");
    assertThat(worker.values()).containsEntry("region", "au").containsEntry("model_version", "v12");
    assertThat(worker.audience()).isEqualTo("https://api.test/api");
  }

  @Test
  void keysAreNeverSubstitutedAndDoubleDollarWorksInFiles() {
    Path file =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                properties:
                  "${var:key}": {name: X, category: C}
                  hint: {name: Hint, category: C, description: "write $${env:NAME} here"}
                """));
    LoadResult result =
        ManifestLoader.load(List.of(file), new Variables(Map.of(), null, Map.of("key", "x")));
    assertThat(lines(result))
        .containsExactly(
            file
                + ":3:3: error: property key '${var:key}' is malformed: use a lower-case letter,"
                + " then up to 63 lower-case letters, digits or '_'");
    LoadResult fixed =
        ManifestLoader.load(
            List.of(
                write(
                    dir,
                    "b.yaml",
                    manifest(
                        "properties:\n  hint: {name: H, category: C, description: 'a $${b}'}\n"))),
            Variables.ofEnv(Map.of()));
    assertThat(fixed.state().properties().get("hint").description()).isEqualTo("a ${b}");
  }

  @Test
  void substitutedValuesAreCheckedAgainstTheRules() {
    Path apps =
        writeWithProperties(
            dir,
            "applications:\n  w:\n    id: 3b0b5c6c8fcc464fab397f4969b5f482\n"
                + "    values: {region: '${env:REGION}'}\n");
    assertThat(lines(ManifestLoader.load(List.of(dir), Variables.ofEnv(Map.of("REGION", "mars")))))
        .containsExactly(
            apps + ":5:22: error: value 'mars' for 'region' is not allowed; allowed: eu, us, au");
  }

  @Test
  void anUnresolvedValueGivesOneMessageOnly() {
    Path file = write(dir, "a.yaml", manifest("applications:\n  w:\n    id: ${env:WORKER_ID}\n"));
    assertThat(lines(Manifests.load(file)))
        .containsExactly(
            file + ":4:9: error: environment variable WORKER_ID is not set (in ${env:WORKER_ID})");
  }

  @Test
  void varFileGivesVariablesAndVarOnTheCommandLineWins() {
    writeWithProperties(
        dir.resolve("m"),
        """
            applications:
              worker:
                id: 3b0b5c6c8fcc464fab397f4969b5f482
                values: {region: "${var:region}", model_version: "${var:model}"}
            """);
    Path varFile = write(dir, "vars.yaml", "region: us\nmodel: v3\n");
    LoadResult result =
        ManifestLoader.load(
            List.of(dir.resolve("m")), new Variables(Map.of(), varFile, Map.of("region", "eu")));
    assertThat(lines(result)).isEmpty();
    assertThat(result.state().applications().get("worker").values())
        .containsEntry("region", "eu")
        .containsEntry("model_version", "v3");
  }

  @Test
  void varFileValuesAreTakenAsWritten() {
    Path varFile = write(dir, "vars.yaml", "port: 0443\nflag: true\n");
    Diagnosticless vars = new Diagnosticless(varFile);
    assertThat(vars.values).containsEntry("port", "0443").containsEntry("flag", "true");
  }

  @Test
  void badVarFilesAreReportedWithPositions() {
    Path varFile = write(dir, "vars.yaml", "ok: yes\n1bad: x\nlist: [a]\nok: again\n");
    Path manifest = write(dir, "a.yaml", manifest(""));
    LoadResult result =
        ManifestLoader.load(List.of(manifest), new Variables(Map.of(), varFile, Map.of()));
    assertThat(lines(result))
        .containsExactly(
            varFile
                + ":2:1: error: a variable name is letters, digits, '_', '.' and '-', not starting"
                + " with a digit",
            varFile + ":3:7: error: the value of variable list must be a string, not a list or map",
            varFile + ":4:1: error: duplicate key 'ok' (first at line 1)");
  }

  @Test
  void missingVarFile() {
    Path manifest = write(dir, "a.yaml", manifest(""));
    LoadResult result =
        ManifestLoader.load(
            List.of(manifest), new Variables(Map.of(), dir.resolve("nope.yaml"), Map.of()));
    assertThat(lines(result))
        .containsExactly(
            dir.resolve("nope.yaml") + ": error: cannot read the file: no such file or directory");
  }

  @Test
  void badVarNameOnTheCommandLine() {
    Path manifest = write(dir, "a.yaml", manifest(""));
    LoadResult result =
        ManifestLoader.load(List.of(manifest), new Variables(Map.of(), null, Map.of("a b", "x")));
    assertThat(lines(result))
        .containsExactly(
            "error: --var a b: a variable name is letters, digits, '_', '.' and '-', not starting"
                + " with a digit");
  }

  /** Reads a variable file and fails the test on any diagnostic. */
  private static final class Diagnosticless {
    final Map<String, String> values;

    Diagnosticless(Path file) {
      dev.kindeprops.diag.Diagnostics diagnostics = new dev.kindeprops.diag.Diagnostics();
      values = VariableFile.read(file, diagnostics);
      assertThat(diagnostics.sorted()).isEmpty();
    }
  }
}
