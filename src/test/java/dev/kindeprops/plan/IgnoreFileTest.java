package dev.kindeprops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.diag.SourceLocation;
import org.junit.jupiter.api.Test;

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

  @Test
  void oneStarStaysWithinASegmentTwoCrossThem() {
    IgnoreRule one = new IgnoreRule("application.*.value.region", "", null);
    assertThat(one.matches("application.billing-worker.value.region")).isTrue();
    assertThat(one.matches("application.billing-worker.claim.region")).isFalse();
    assertThat(one.matches("application.a.value.regions")).isFalse();

    IgnoreRule two = new IgnoreRule("**.region", "", null);
    assertThat(two.matches("application.billing-worker.value.region")).isTrue();
    assertThat(two.matches("property.region")).isTrue();
    assertThat(two.matches("property.regional")).isFalse();

    IgnoreRule prefix = new IgnoreRule("application.billing-*", "", null);
    assertThat(prefix.matches("application.billing-worker.value.region")).isTrue();
    assertThat(prefix.matches("application.billing")).isFalse();
    assertThat(prefix.matches("application.search.value.billing-x")).isFalse();

    IgnoreRule question = new IgnoreRule("property.tie?", "", null);
    assertThat(question.matches("property.tier")).isTrue();
    assertThat(question.matches("property.tiers")).isFalse();
  }

  @Test
  void patternsAreLiteralOtherwise() {
    IgnoreRule rule = new IgnoreRule("category.A+B (x)", "", null);
    assertThat(rule.matches("category.A+B (x)")).isTrue();
    assertThat(rule.matches("category.AAB (x)")).isFalse();
    assertThatThrownBy(() -> new IgnoreRule("", "", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
