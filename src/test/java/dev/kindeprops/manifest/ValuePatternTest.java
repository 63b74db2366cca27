package dev.kindeprops.manifest;

import static dev.kindeprops.manifest.Manifests.lines;
import static dev.kindeprops.manifest.Manifests.load;
import static dev.kindeprops.manifest.Manifests.manifest;
import static dev.kindeprops.manifest.Manifests.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A property's {@code pattern} is RE2 syntax, matched in time linear in the value, so that a
 * manifest from a pull request cannot stall {@code validate}, {@code plan} or {@code drift}.
 */
class ValuePatternTest {
  @TempDir Path dir;

  private Path manifestWith(String pattern, String value) {
    return write(
        dir,
        "a.yaml",
        manifest(
            "properties:\n"
                + "  code: {name: Code, category: C, pattern: '"
                + pattern
                + "'}\n"
                + "applications:\n"
                + "  a:\n"
                + "    id: 3b0b5c6c8fcc464fab397f4969b5f482\n"
                + "    values: {code: '"
                + value
                + "'}\n"));
  }

  /**
   * Why a manifest with this pattern is refused: its one diagnostic, which must stand at the
   * pattern and say it is invalid, without that prefix.
   */
  private String refusal(String pattern) {
    Path file = manifestWith(pattern, "v");
    String prefix = file + ":3:44: error: invalid pattern for 'code': ";
    List<String> lines = lines(load(file));
    assertThat(lines).singleElement().asString().startsWith(prefix);
    return lines.get(0).substring(prefix.length());
  }

  /** The patterns of issue 12: with Java's engine they took 24 s and more than 120 s. */
  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void nestedLazyRepetitionDoesNotBacktrack() {
    String value = "1,".repeat(40);
    for (String pattern : new String[] {"^(.*?,){10}P", "^(.*?,){14}P"}) {
      Path file = manifestWith(pattern, value);

      assertThat(lines(load(file)))
          .containsExactly(
              file
                  + ":7:20: error: value '"
                  + value
                  + "' for 'code' does not match the pattern "
                  + pattern);
    }
  }

  @Test
  void aMatchingValueIsValid() {
    Path file = manifestWith("^(.*?,){10}P$", "1,".repeat(12) + "P");

    assertThat(lines(load(file))).isEmpty();
  }

  @Test
  void lookaroundAndBackreferencesAreRefusedWithTheReason() {
    String unsupported =
        "; patterns are RE2 syntax, which has no lookaround, backreferences, possessive"
            + " quantifiers or atomic groups";
    assertThat(refusal("^(?=v)v[0-9]+$"))
        .isEqualTo("invalid or unsupported Perl syntax `(?=`" + unsupported);
    assertThat(refusal("^v(?<!x)[0-9]+$"))
        .contains("invalid named capture `(?<!x)[0-9]+$`; patterns are RE2 syntax");
    assertThat(refusal("^(a)\\1$")).isEqualTo("invalid escape sequence `\\1`" + unsupported);
  }

  /** RE2/J has no limit on the size of the program it compiles; this one would fill the heap. */
  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aPatternThatExpandsTooFarIsRefused() {
    assertThat(refusal("^((a{1000}){1000}){1000}$"))
        .isEqualTo(
            "it expands to more than 1000 characters, classes and escapes (each counted as often"
                + " as {n,m} repeats it); simplify it");
  }

  /** Anchors count: 1 + 998 + 1 is the limit. */
  @Test
  void aPatternUpToTheLimitIsAccepted() {
    Path file = manifestWith("^(.?){998}$", "abc");
    assertThat(lines(load(file))).isEmpty();

    assertThat(refusal("^(.?){999}$")).startsWith("it expands to more than 1000");
  }

  @Test
  void aPatternOver1000CharactersIsRefused() {
    assertThat(refusal("a".repeat(1001)))
        .isEqualTo("it is 1001 characters long, over the limit of 1000");
  }
}
