package dev.kindeprops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Drift;
import dev.kindeprops.plan.DriftReport;
import dev.kindeprops.plan.IgnoreRule;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.Planner;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drift report's formats beyond what the command tests show: limits, escaping, colour. */
class DriftRendererTest {

  /** {@code count} applications whose live region differs from the manifests' long one. */
  static Plan manyChanges(int count, String value) {
    DesiredBuilder desired = new DesiredBuilder().property("region", "Tenancy");
    LiveBuilder live = new LiveBuilder().category("Tenancy").property("region", "Tenancy");
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "%032x", i + 1);
      String name = String.format(Locale.ROOT, "app-%05d", i);
      desired.application(name, id, Map.of("region", value));
      live.m2m(id, name, Map.of("region", "us"));
    }
    return Planner.plan(desired.build(), live.build(), "0.1.0", "file:state.json").plan();
  }

  private static final DesiredState NO_MANIFESTS = new DesiredBuilder().build();

  private static String markdown(DriftReport report) {
    return new DriftMarkdownRenderer().render(DriftView.of(report, NO_MANIFESTS));
  }

  private static String text(DriftReport report, boolean color) {
    return new DriftTextRenderer(color).render(DriftView.of(report, NO_MANIFESTS));
  }

  @Test
  void markdownStaysUnderTheLimitAndCountsWhatItLeavesOut() {
    Plan plan = manyChanges(3_000, "eu-" + "x".repeat(200));
    List<IgnoreRule> rules =
        List.of(new IgnoreRule("application.app-000*", "the first hundred are known", null));

    DriftReport report = Drift.report(plan, null, null, rules);
    String markdown = markdown(report);

    assertThat(report.drifted()).hasSize(2_900);
    assertThat(report.ignored()).hasSize(100);
    assertThat(markdown.length()).isLessThanOrEqualTo(PlanMarkdownRenderer.LIMIT);
    assertThat(markdown)
        .containsPattern("… and [0-9]+ more, left out to keep this under 60,000 characters")
        .contains("<details><summary>Ignored as known drift (100)</summary>")
        // Long values are cut in the table.
        .contains("xxx…</code>");
  }

  @Test
  void markdownEscapesWhatCouldBreakTheTable() {
    Plan plan = manyChanges(1, "a|b <script>`");

    String markdown = markdown(Drift.report(plan, null, null, List.of()));

    assertThat(markdown)
        .contains("| <code>\"us\"</code> | <code>\"a&#124;b &lt;script&gt;`\"</code> |")
        .doesNotContain("<script>");
  }

  @Test
  void textIsColouredOnlyWhenAsked() {
    DriftReport report = Drift.report(manyChanges(1, "eu"), null, null, List.of());

    assertThat(text(report, true)).contains("\u001b[33m~\u001b[0m application.");
    assertThat(text(report, false)).doesNotContain("\u001b[");
  }

  @Test
  void annotationsEscapeNewlinesAndPercentSigns() {
    Plan plan = manyChanges(1, "50%\nmore");

    String github =
        new DriftGithubRenderer()
            .render(
                DriftView.of(
                    Drift.report(plan, null, null, List.of()),
                    new DesiredBuilder().property("region", "Tenancy").build()));

    // The application is not in these manifests, so the annotation names no file.
    assertThat(github)
        .startsWith(
            "::warning title=kinde-props drift::application.app-00000.value.region: live \"us\";"
                + " manifests \"50%25\\nmore\"\n");
  }
}
