package dev.kindeprops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.ClaimSource;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.Planner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanMarkdownRendererTest {
  @Test
  void rendersASummaryTableAndOneCollapsedSectionPerApplication() {
    String markdown =
        PlanTextRendererTest.markdown(PlanTextRendererTest.plan(ClaimSource.OBSERVED));

    assertThat(markdown)
        .startsWith(
            """
            ### kinde-props plan

            **Plan: 3 to create, 3 to update, 0 to replace, 0 to delete (3 manual).** Target: <code>file:state.json</code>

            | | + create | ~ update | -/+ replace | - delete | ! manual |
            |:--|--:|--:|--:|--:|--:|
            | properties | 0 | 1 | 0 | 0 | 0 |
            | values | 0 | 2 | 0 | 0 | 0 |
            | claim toggles | 3 | 0 | 0 | 0 | 3 |

            #### Manual steps
            """)
        .contains(
            "- [ ] **billing-worker** (<code>3b0b5c6c8fcc464fab397f4969b5f482</code>): turn on"
                + " <code>api_key</code>, <code>region</code> (state unknown)\n")
        .contains("\n(state unknown): the property is private on Kinde now")
        .contains(
            """
            <details><summary><b>search</b> (<code>9f3a1d2e7b8c4a5f9e0d1c2b3a4f5e6d</code>): 1 claim toggle, token claims change</summary>

            ```diff
            ! claim.region: turn on (manual; state unknown)
            ```

            Expected token claims (`application_properties`):

            ```diff
            + "region": {"v": "us"}
            ```

            </details>
            """)
        .endsWith(
            "Not managed by these manifests (reported, never changed): 1 property"
                + " (<code>legacy_flag</code>); 2 M2M applications not listed.\n");
  }

  @Test
  void aLongPlanIsCutToTheLimitAndSaysWhatWasLeftOut() {
    DesiredBuilder desired = new DesiredBuilder().property("region", "Tenancy");
    LiveBuilder live = new LiveBuilder().category("Tenancy").property("region", "Tenancy");
    for (int i = 0; i < 300; i++) {
      String id = String.format("app%04d", i);
      desired.application("app-" + i, id, Map.of("region", "eu-" + "x".repeat(i % 40)), "region");
      live.m2m(id, "app-" + i, Map.of("region", "us"));
    }
    Plan plan = Planner.plan(desired.build(), live.build(), "0.1.0", "file:s.json").plan();

    String full = new PlanMarkdownRenderer(Integer.MAX_VALUE).render(PlanView.of(plan));
    String cut = new PlanMarkdownRenderer(20_000).render(PlanView.of(plan));

    assertThat(full.length()).isGreaterThan(20_000);
    assertThat(full).doesNotContain("[!NOTE]");
    assertThat(cut.length()).isLessThanOrEqualTo(20_000);
    assertThat(cut)
        .contains("> [!NOTE]\n> This comment was shortened to stay under 60,000 characters;")
        .contains("Run `kinde-props plan` (text) or `kinde-props plan --format json`")
        .contains("#### Applications\n\n<details>");
    // The longest sections (the longest values) go first.
    assertThat(cut).doesNotContain("<b>app-39</b>").contains("<b>app-0</b>");
  }

  @Test
  void valuesCannotBreakOutOfTheirBlocks() {
    Plan plan =
        Planner.plan(
                new DesiredBuilder()
                    .property("notes", "Ops")
                    .application("a", "id1", Map.of("notes", "```\n<b>|"), "notes")
                    .build(),
                new LiveBuilder()
                    .category("Ops")
                    .property("notes", "Ops")
                    .m2m("id1", "a", Map.of())
                    .build(),
                "0.1.0",
                "file:s.json")
            .plan();

    assertThat(PlanTextRendererTest.markdown(plan))
        .contains("````diff\n+ value.notes = \"```\\n<b>|\"\n+ claim.notes\n````\n");
  }
}
