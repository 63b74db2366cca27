package dev.kindeprops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.diag.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ignore file's syntax and the glob rules of its patterns. */
class IgnoreFileTest {

  @Test
  void readsPatternsReasonsCommentsAndBlankLines() {
    IgnoreFile file =
        IgnoreFile.parse(
            ".kinde-props-ignore",
            """
            # Known drift, reviewed by the platform team.

            application.legacy-sync   the old sync job is retired in Q3
            property.tier # renamed in the dashboard on purpose
            "category.Sales Ops"
            application.*.value.region\t
            """);

    assertThat(file.ok()).isTrue();
    assertThat(file.rules())
        .containsExactly(
            new IgnoreRule(
                "application.legacy-sync",
                "the old sync job is retired in Q3",
                new SourceLocation(".kinde-props-ignore", 3, 0)),
            new IgnoreRule(
                "property.tier",
                "renamed in the dashboard on purpose",
                new SourceLocation(".kinde-props-ignore", 4, 0)),
            new IgnoreRule(
                "category.Sales Ops", "", new SourceLocation(".kinde-props-ignore", 5, 0)),
            new IgnoreRule(
                "application.*.value.region", "", new SourceLocation(".kinde-props-ignore", 6, 0)));
  }

  @Test
  void reportsBadLinesAtTheirLineAndKeepsTheGoodOnes() {
    IgnoreFile file =
        IgnoreFile.parse(
            "ignore",
            "property.a\n\"category.No end\nproperty.***\nproperty..x\n\"a\"b\r\nproperty.b\n");

    assertThat(file.ok()).isFalse();
    assertThat(file.errors())
        .extracting(Object::toString)
        .containsExactly(
            "ignore:2: error: a quoted pattern has no closing '\"'",
            "ignore:3: error: '***' in \"property.***\": use '*' within a segment or '**' across"
                + " segments",
            "ignore:4: error: empty segment in \"property..x\"",
            "ignore:5: error: put a space between the quoted pattern and the reason");
    assertThat(file.rules())
        .extracting(IgnoreRule::pattern)
        .containsExactly("property.a", "property.b");
  }

  @Test
  void quotedPatternsTakeEscapes() {
    IgnoreFile file = IgnoreFile.parse("i", "\"category.A \\\"B\\\" \\\\ C\" why\n");

    assertThat(file.rules())
        .extracting(IgnoreRule::pattern)
        .containsExactly("category.A \"B\" \\ C");
    assertThat(file.rules().get(0).reason()).isEqualTo("why");
  }

  /** One star stays within a segment, two cross them, ? is one character; the rest is literal. */
  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          application.*.value.region  | application.billing-worker.value.region  | true
          application.*.value.region  | application.billing-worker.claim.region  | false
          application.*.value.region  | application.a.value.regions              | false
          **.region                   | application.billing-worker.value.region  | true
          **.region                   | property.region                          | true
          **.region                   | property.regional                        | false
          application.billing-*       | application.billing-worker.value.region  | true
          application.billing-*       | application.billing                      | false
          application.billing-*       | application.search.value.billing-x       | false
          property.tie?               | property.tier                            | true
          property.tie?               | property.tiers                           | false
          category.A+B (x)            | category.A+B (x)                         | true
          category.A+B (x)            | category.AAB (x)                         | false
          """)
  void aPatternMatchesAddressesAsGlobs(String pattern, String address, boolean matches) {
    assertThat(new IgnoreRule(pattern, "", null).matches(address)).isEqualTo(matches);
  }

  @Test
  void anEmptyPatternIsRefused() {
    assertThatThrownBy(() -> new IgnoreRule("", "", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
