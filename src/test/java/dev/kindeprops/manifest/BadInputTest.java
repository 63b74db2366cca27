package dev.kindeprops.manifest;

import static dev.kindeprops.manifest.Manifests.PROPERTIES;
import static dev.kindeprops.manifest.Manifests.lines;
import static dev.kindeprops.manifest.Manifests.load;
import static dev.kindeprops.manifest.Manifests.manifest;
import static dev.kindeprops.manifest.Manifests.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input of the issue gives one clear message per problem, at its file:line:col. */
class BadInputTest {
  @TempDir Path dir;

  @Test
  void malformedYaml() {
    Path file = write(dir, "a.yaml", "version: 1\nproperties: [a, b\n");
    LoadResult result = load(file);
    assertThat(result.ok()).isFalse();
    assertThat(lines(result))
        .containsExactly(
            file
                + ":3:1: error: YAML syntax error: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence that starts at line 2, column 13)");
  }

  @Test
  void tabIndentation() {
    Path file = write(dir, "a.yaml", "version: 1\nproperties:\n\tregion:\n    name: R\n");
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":3:1: error: tab character used for indentation; YAML indents with spaces only");
  }

  @Test
  void duplicateKeyInOneMap() {
    Path file =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                properties:
                  region: {name: Region, category: Tenancy}
                  tier: {name: Tier, category: Tenancy}
                  region: {name: Region again, category: Tenancy}
                """));
    assertThat(lines(load(file)))
        .containsExactly(file + ":5:3: error: duplicate key 'region' (first at line 3, column 3)");
  }

  @Test
  void samePropertyInTwoFilesNamesBothLocations() {
    Path first = write(dir, "a.yaml", PROPERTIES);
    Path second =
        write(dir, "b.yaml", manifest("properties:\n  region: {name: R, category: Tenancy}\n"));
    assertThat(lines(load(dir)))
        .containsExactly(
            second + ":3:3: error: property 'region' is already declared at " + first + ":3:3");
  }

  @Test
  void sameProfileOrApplicationInTwoFiles() {
    Path first =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                profiles:
                  pro: {}
                applications:
                  worker: {id: 3b0b5c6c8fcc464fab397f4969b5f482, profiles: [pro]}
                """));
    Path second =
        write(
            dir,
            "b.yaml",
            manifest(
                """
                profiles:
                  pro: {}
                applications:
                  worker: {id: 6513270e269e0d37f2a74de452e6b438}
                """));
    assertThat(lines(load(dir)))
        .containsExactly(
            second + ":3:3: error: profile 'pro' is already declared at " + first + ":3:3",
            second + ":5:3: error: application 'worker' is already declared at " + first + ":5:3");
  }

  @Test
  void unknownFieldSuggestsTheCloseOne() {
    Path file =
        write(dir, "a.yaml", manifest("properties:\n  region:\n    name: R\n    categroy: T\n"));
    assertThat(lines(load(file)))
        .containsExactly(
            file + ":3:3: error: property 'region' is missing the required field 'category'",
            file
                + ":5:5: error: unknown field 'categroy' in property 'region'; did you mean"
                + " 'category'?");
  }

  @Test
  void unknownFieldFarFromAnyListsTheAllowedOnes() {
    Path file = write(dir, "a.yaml", manifest("colour: blue\n"));
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":2:1: error: unknown field 'colour' at the top level (allowed: version,"
                + " properties, profiles, applications, removed)");
  }

  @Test
  void numberValueSaysToQuoteIt() {
    write(dir, "p.yaml", manifest("properties:\n  port: {name: Port, category: Net}\n"));
    Path apps =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                applications:
                  worker:
                    id: 3b0b5c6c8fcc464fab397f4969b5f482
                    values:
                      port: 0443
                """));
    assertThat(lines(load(dir)))
        .containsExactly(apps + ":6:13: error: the value for 'port' is a number; quote it");
  }

  @Test
  void booleanValueSaysToQuoteIt() {
    write(dir, "p.yaml", manifest("properties:\n  beta: {name: Beta, category: Flags}\n"));
    Path apps =
        write(
            dir,
            "a.yaml",
            manifest(
                "profiles:\n  p:\n    values: {beta: true}\n"
                    + "applications:\n  w: {id: 3b0b5c6c8fcc464fab397f4969b5f482, profiles: [p]}\n"));
    assertThat(lines(load(dir)))
        .containsExactly(apps + ":4:20: error: the value for 'beta' is a boolean; quote it");
  }

  @Test
  void everyCoreSchemaNumberBooleanAndNullNeedsQuotes() {
    Path file =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                properties:
                  a: {name: True, category: FALSE}
                  b: {name: 0x1F, category: .inf, description: -1.5e3}
                  c: {name: Null, category: ~}
                """));
    assertThat(lines(load(file)))
        .containsExactly(
            file + ":3:13: error: value True for 'name' is a boolean; quote it: \"True\"",
            file + ":3:29: error: value FALSE for 'category' is a boolean; quote it: \"FALSE\"",
            file + ":4:13: error: value 0x1F for 'name' is a number; quote it: \"0x1F\"",
            file + ":4:29: error: value .inf for 'category' is a number; quote it: \".inf\"",
            file
                + ":4:48: error: value -1.5e3 for 'description' is a number; quote it:"
                + " \"-1.5e3\"",
            file + ":5:13: error: 'name' has no value; write one or remove it",
            file + ":5:29: error: 'category' has no value; write one or remove it");
  }

  @Test
  void yesAndOnAreStringsInYaml12() {
    write(dir, "p.yaml", manifest("properties:\n  beta: {name: Beta, category: Flags}\n"));
    write(
        dir,
        "a.yaml",
        manifest(
            "applications:\n  w:\n    id: 3b0b5c6c8fcc464fab397f4969b5f482\n"
                + "    values: {beta: yes}\n"));
    LoadResult result = load(dir);
    assertThat(lines(result)).isEmpty();
    assertThat(result.state().applications().get("w").values()).containsEntry("beta", "yes");
  }

  @Test
  void undefinedEnvironmentVariable() {
    write(dir, "p.yaml", PROPERTIES);
    Path apps =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                applications:
                  worker:
                    id: 3b0b5c6c8fcc464fab397f4969b5f482
                    values:
                      region: ${env:REGION}
                """));
    assertThat(lines(load(Map.of("OTHER", "x"), dir)))
        .containsExactly(
            apps + ":6:15: error: environment variable REGION is not set (in ${env:REGION})");
  }

  @Test
  void claimOnPrivateProperty() {
    Path props = write(dir, "p.yaml", PROPERTIES);
    Path apps =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                applications:
                  worker:
                    id: 3b0b5c6c8fcc464fab397f4969b5f482
                    claims: [region, notes]
                """));
    assertThat(lines(load(dir)))
        .containsExactly(
            apps
                + ":5:22: error: application 'worker' claims 'notes', which is private; set"
                + " 'private: false' on the property ("
                + props
                + ":17:3) so that tokens may carry it");
  }

  @Test
  void valueOutsideAllowed() {
    write(dir, "p.yaml", PROPERTIES);
    Path apps =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                applications:
                  worker:
                    id: 3b0b5c6c8fcc464fab397f4969b5f482
                    values:
                      region: mars
                """));
    assertThat(lines(load(dir)))
        .containsExactly(
            apps + ":6:15: error: value 'mars' for 'region' is not allowed; allowed: eu, us, au");
  }

  @Test
  void valueFailingPattern() {
    write(dir, "p.yaml", PROPERTIES);
    Path apps =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                applications:
                  worker:
                    id: 3b0b5c6c8fcc464fab397f4969b5f482
                    values:
                      model_version: version2
                """));
    assertThat(lines(load(dir)))
        .containsExactly(
            apps
                + ":6:22: error: value 'version2' for 'model_version' does not match the pattern"
                + " ^v[0-9]+$");
  }

  @Test
  void sensitiveValueIsNeverShownInMessages() {
    Path file =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                properties:
                  token_hint:
                    name: Token hint
                    category: Ops
                    sensitive: true
                    pattern: "^h-[a-z]+$"
                applications:
                  worker:
                    id: 3b0b5c6c8fcc464fab397f4969b5f482
                    values:
                      token_hint: ${env:HINT}
                """));
    LoadResult result = load(Map.of("HINT", "s3cr3t-value"), file);
    assertThat(lines(result))
        .containsExactly(
            file
                + ":12:19: error: the value for 'token_hint' (sensitive, not shown) does not match"
                + " the pattern ^h-[a-z]+$");
    assertThat(String.join("\n", lines(result))).doesNotContain("s3cr3t");
  }

  @Test
  void valueForUndeclaredPropertyInApplicationAndProfile() {
    write(dir, "p.yaml", PROPERTIES);
    Path apps =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                profiles:
                  pro:
                    values: {tierr: pro}
                    claims: [colour]
                applications:
                  worker:
                    id: 3b0b5c6c8fcc464fab397f4969b5f482
                    profiles: [pro]
                    values:
                      regoin: eu
                """));
    assertThat(lines(load(dir)))
        .containsExactly(
            apps
                + ":4:14: error: profile 'pro' sets 'tierr', which is not declared under"
                + " 'properties'; did you mean 'tier'?",
            apps
                + ":5:14: error: profile 'pro' claims 'colour', which is not declared under"
                + " 'properties'",
            apps
                + ":11:7: error: application 'worker' sets 'regoin', which is not declared under"
                + " 'properties'; did you mean 'region'?");
  }

  @Test
  void unknownProfile() {
    Path file =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                profiles:
                  pro: {}
                applications:
                  worker: {id: 3b0b5c6c8fcc464fab397f4969b5f482, profiles: [pro, prp, gold]}
                """));
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":5:66: error: application 'worker' uses unknown profile 'prp'; did you mean"
                + " 'pro'?",
            file + ":5:71: error: application 'worker' uses unknown profile 'gold'");
  }

  @Test
  void twoApplicationsWithOneIdNameBothLocations() {
    Path first =
        write(
            dir,
            "a.yaml",
            manifest("applications:\n  one: {id: 3b0b5c6c8fcc464fab397f4969b5f482}\n"));
    Path second =
        write(
            dir,
            "b.yaml",
            manifest("applications:\n  two: {id: 3b0b5c6c8fcc464fab397f4969b5f482}\n"));
    assertThat(lines(load(dir)))
        .containsExactly(
            second
                + ":3:13: error: application 'two' has the same id as application 'one' ("
                + first
                + ":3:13)");
  }

  @Test
  void reservedAndMalformedKeys() {
    Path file =
        write(
            dir,
            "a.yaml",
            manifest(
                """
                properties:
                  kp_region: {name: R, category: T}
                  Region: {name: R, category: T}
                  9lives: {name: R, category: T}
                applications:
                  Billing Worker: {id: 3b0b5c6c8fcc464fab397f4969b5f482, claims: [kp_usr_city]}
                """));
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":3:3: error: property key 'kp_region' is reserved: keys starting with 'kp_'"
                + " belong to Kinde",
            file
                + ":4:3: error: property key 'Region' is malformed: use a lower-case letter, then"
                + " up to 63 lower-case letters, digits or '_'",
            file
                + ":5:3: error: property key '9lives' is malformed: use a lower-case letter, then"
                + " up to 63 lower-case letters, digits or '_'",
            file
                + ":7:3: error: application name 'Billing Worker' is malformed: use a lower-case"
                + " letter or digit, then up to 63 lower-case letters, digits, '-' or '_'",
            file
                + ":7:67: error: property key 'kp_usr_city' is reserved: keys starting with 'kp_'"
                + " belong to Kinde");
  }

  @Test
  void malformedApplicationId() {
    Path file = write(dir, "a.yaml", manifest("applications:\n  worker: {id: 3B0B-5c6c}\n"));
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":3:16: error: application id '3B0B-5c6c' is not a Kinde application id (32"
                + " lower-case hexadecimal characters)");
  }

  @Test
  void missingVersion() {
    Path file = write(dir, "a.yaml", "# a comment\nproperties: {}\n");
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":2:1: error: missing 'version: 1'; every manifest file says which format it is"
                + " written in");
  }

  @Test
  void unsupportedVersion() {
    Path file = write(dir, "a.yaml", "version: 2\nproperties: {anything: goes}\n");
    assertThat(lines(load(file)))
        .containsExactly(
            file + ":1:10: error: unsupported version 2; this kinde-props reads version 1");
  }

  @Test
  void versionAsAString() {
    Path file = write(dir, "a.yaml", "version: \"1\"\n");
    assertThat(lines(load(file)))
        .containsExactly(file + ":1:10: error: 'version' must be the number 1, not the string '1'");
  }

  @Test
  void emptyFile() {
    Path file = write(dir, "a.yaml", "");
    Path comments = write(dir, "b.yaml", "# nothing yet\n");
    assertThat(lines(load(file, comments)))
        .containsExactly(
            file + ": error: file is empty; a manifest holds at least 'version: 1'",
            comments + ": error: file holds only comments; a manifest holds at least 'version: 1'");
  }

  @Test
  void binaryFile() throws IOException {
    Path file = dir.resolve("a.yaml");
    Files.write(file, new byte[] {'v', ':', ' ', '1', '\n', 0, 1, 2, (byte) 0xFF});
    assertThat(lines(load(file)))
        .containsExactly(file + ":2: error: binary file (it holds NUL bytes), not YAML text");
  }

  @Test
  void bytesThatAreNotUtf8() throws IOException {
    Path file = dir.resolve("a.yaml");
    // "café" in Latin-1: the é is the single byte 0xE9.
    Files.write(
        file,
        new byte[] {
          'v',
          'e',
          'r',
          's',
          'i',
          'o',
          'n',
          ':',
          ' ',
          '1',
          '\n',
          'x',
          ':',
          ' ',
          'c',
          'a',
          'f',
          (byte) 0xE9,
          '\n'
        });
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":2:7: error: bytes that are not UTF-8 (0xE9 at byte offset 17); save the file"
                + " as UTF-8");
  }

  @Test
  void utf16File() throws IOException {
    Path file = dir.resolve("a.yaml");
    Files.write(file, new byte[] {(byte) 0xFF, (byte) 0xFE, 'v', 0});
    assertThat(lines(load(file)))
        .containsExactly(file + ": error: file is UTF-16 text; save it as UTF-8 (without a BOM)");
  }

  @Test
  void documentThatIsAList() {
    Path file = write(dir, "a.yaml", "- version: 1\n- properties: {}\n");
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":1:1: error: the file holds a list; a manifest is a map that starts with"
                + " 'version: 1'");
  }

  @Test
  void twoDocumentsInOneFile() {
    Path file = write(dir, "a.yaml", "version: 1\n---\nversion: 1\n");
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":2:1: error: a second YAML document starts here; put each manifest in its own file");
  }

  @Test
  void directoryWithNoManifests() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty/sub"));
    write(empty, "notes.txt", "version: 1\n");
    LoadResult result = load(dir.resolve("empty"));
    assertThat(result.ok()).isFalse();
    assertThat(lines(result))
        .containsExactly(
            dir.resolve("empty") + ": error: no *.yaml or *.yml files in this directory");
  }

  @Test
  void missingPath() {
    assertThat(lines(load(dir.resolve("nope.yaml"))))
        .containsExactly(dir.resolve("nope.yaml") + ": error: no such file or directory");
  }

  @Test
  void propertyBothDeclaredAndRemoved() {
    Path props = write(dir, "p.yaml", PROPERTIES);
    Path removed = write(dir, "r.yaml", manifest("removed:\n  properties: [legacy, tier]\n"));
    assertThat(lines(load(dir)))
        .containsExactly(
            removed
                + ":3:24: error: property 'tier' is listed under 'removed' but declared at "
                + props
                + ":8:3; keep one of them");
  }

  @Test
  void invalidPatternRegex() {
    Path file =
        write(
            dir,
            "a.yaml",
            manifest("properties:\n  code: {name: Code, category: C, pattern: \"^[a-z+$\"}\n"));
    assertThat(lines(load(file)))
        .containsExactly(
            file + ":3:44: error: invalid pattern for 'code': missing closing ] `[a-z+$`");
  }

  @Test
  void explicitStandardTagsMustAgreeWithTheirText() {
    Path file = write(dir, "a.yaml", "version: !!int 1\nproperties: !!map {}\nx: !!bool maybe\n");
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":3:1: error: unknown field 'x' at the top level (allowed: version, properties,"
                + " profiles, applications, removed)",
            file + ":3:4: error: 'maybe' is not a valid !!bool");
  }

  @Test
  void explicitTagsOtherThanStandardOnesAreRefused() {
    Path file =
        write(
            dir,
            "a.yaml",
            manifest(
                "properties:\n  code: {name: !!str 42, category: !!binary aGk=, description: !x y}\n"));
    assertThat(lines(load(file)))
        .containsExactly(
            file
                + ":3:36: error: tag '!!binary' is not allowed; a manifest holds only strings,"
                + " lists and maps",
            file
                + ":3:64: error: tag '!x' is not allowed; a manifest holds only strings, lists and"
                + " maps");
  }

  @Test
  void everyProblemOfTheRunAtOnce() {
    Path props =
        write(
            dir,
            "1-properties.yaml",
            manifest(
                "properties:\n  region: {name: R, category: T, private: false, allowed: [eu]}\n"));
    Path broken = write(dir, "2-broken.yaml", "version: 1\nprofiles: [\n");
    Path apps =
        write(
            dir,
            "3-apps.yaml",
            manifest(
                """
                applications:
                  worker:
                    id: 3b0b5c6c8fcc464fab397f4969b5f482
                    values: {region: us, port: 443}
                    claims: [region]
                    colour: blue
                """));
    LoadResult result = load(dir);
    assertThat(result.ok()).isFalse();
    assertThat(result.files()).containsExactly(props, broken, apps);
    // The broken file may declare anything, so no "not declared" message is given for 'port'.
    assertThat(lines(result))
        .containsExactly(
            broken
                + ":3:1: error: YAML syntax error: expected the node content, but found"
                + " '<stream end>' (while parsing a flow node that starts at line 3, column 1)",
            apps + ":5:22: error: value 'us' for 'region' is not allowed; allowed: eu",
            apps + ":5:32: error: the value for 'port' is a number; quote it",
            apps
                + ":7:5: error: unknown field 'colour' in application 'worker' (allowed: id,"
                + " profiles, values, claims, audience)");
  }
}
