package dev.kindeprops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.apply.ChangeResult;
import dev.kindeprops.apply.Outcome;
import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.plan.Action;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.ClaimChange;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.Unmanaged;
import dev.kindeprops.plan.ValueChange;
import dev.kindeprops.render.ApplyTextRenderer;
import dev.kindeprops.render.ApplyView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What apply prints: a line per change as it finishes, the report and the manual checklist. */
class ApplyOutputTest {
  private static Change value(String app, String key) {
    return new ValueChange(Action.CREATE, app, "id-" + app, key, null, "secret value");
  }

  private static Change toggle(String app, String key, Action action) {
    return new ClaimChange(action, app, "id-" + app, key, true);
  }

  private static String render(ApplyReport report, Set<String> sensitive) {
    return new ApplyTextRenderer().render(ApplyView.of("file:state.json", report, sensitive, null));
  }

  private static ApplyReport report(ChangeResult... results) {
    return new ApplyReport(List.of(results));
  }

  private static ChangeResult done(Change change) {
    return new ChangeResult(change, Outcome.DONE, null);
  }

  private static ChangeResult manual(Change change) {
    return new ChangeResult(change, Outcome.MANUAL, null);
  }

  private static ChangeResult failed(Change change, String message) {
    return new ChangeResult(change, Outcome.FAILED, message);
  }

  private static ChangeResult notStarted(Change change) {
    return new ChangeResult(change, Outcome.NOT_STARTED, null);
  }

  @Test
  void aCompleteApplyWithManualStepsEndsWithTheChecklist() {
    ApplyReport report =
        report(
            done(value("billing", "region")),
            manual(toggle("billing", "region", Action.CREATE)),
            manual(toggle("billing", "tier", Action.CREATE)),
            manual(toggle("billing", "old", Action.DELETE)),
            manual(toggle("search", "tier", Action.DELETE)));

    assertThat(render(report, Set.of()))
        .isEqualTo(
            """
            Apply complete: 1 change made. 4 manual steps are left to do (below).

            Manual steps: Kinde's Management API cannot toggle M2M token claims, so a person makes these
            in the Kinde dashboard, then saves:
              [ ] Applications > billing > Tokens > Customize M2M token > Properties: turn on region, tier; turn off old (client id id-billing)
              [ ] Applications > search > Tokens > Customize M2M token > Properties: turn off tier (client id id-search)
            Only public (non-private) properties can be turned on: the plan makes each claimed one
            public before its toggle is needed. Until a toggle is done, it stays in every plan
            that observes claims (kinde-props plan --observe-claims); kinde-props verify checks
            the tokens.
            """);
  }

  @Test
  void aFailedApplyNamesTheFailureAndWhatWasNotStartedButNoValue() {
    List<ChangeResult> results = new ArrayList<>();
    results.add(done(value("a", "region")));
    results.add(failed(value("b", "region"), "Kinde answered 500"));
    for (int i = 0; i < 12; i++) {
      results.add(notStarted(value("c" + i, "region")));
    }

    String text = render(new ApplyReport(results), Set.of());

    assertThat(text)
        .isEqualTo(
            "Failed: application.b.value.region: Kinde answered 500\n"
                + "Not started: application.c0.value.region, application.c1.value.region,"
                + " application.c2.value.region, application.c3.value.region,"
                + " application.c4.value.region, application.c5.value.region,"
                + " application.c6.value.region, application.c7.value.region,"
                + " application.c8.value.region, application.c9.value.region and 2 more\n"
                + "Apply failed: 1 done, 1 failed, 12 not started. Run kinde-props plan to see"
                + " what is left.\n");
    assertThat(text).doesNotContain("secret value");
  }

  @Test
  void aSensitiveValueInATargetsMessageIsMasked() {
    ApplyReport report =
        report(
            failed(value("a", "notes"), "Kinde refused 'secret value': too long"),
            failed(value("a", "region"), "Kinde refused 'secret value'"));

    assertThat(render(report, Set.of("notes")))
        .startsWith(
            "Failed: application.a.value.notes: Kinde refused '(sensitive)': too long\n"
                + "Failed: application.a.value.region: Kinde refused 'secret value'\n");
  }

  @Test
  void onlyManualStepsMeanNothingForKindePropsToChange() {
    ApplyReport report = report(manual(toggle("a", "region", Action.CREATE)));
    assertThat(ApplyTextRenderer.summary(report))
        .isEqualTo(
            "Apply complete: nothing for kinde-props to change. 1 manual step is left to do"
                + " (below).");
  }

  private static Plan plan(Change... changes) {
    return new Plan(
        "0.1.0",
        "file:state.json",
        "sha256:m",
        "sha256:s",
        List.of(changes),
        new TreeMap<>(),
        new Unmanaged(new TreeSet<>(), 0),
        List.of(),
        new TreeSet<>(),
        new TreeMap<>(),
        false,
        null);
  }

  @Test
  void eachChangeIsPrintedAsItFinishesInPlanOrder() {
    InProcess.Streams streams = InProcess.streams(Map.of(), "", false);
    ApplyProgress progress = new ApplyProgress(streams.console().out(), null, false);
    Change a = value("a", "region");
    Change b = value("b", "region");
    Change c = value("c", "region");
    progress.starting(plan(a, b, c));

    progress.finished(done(c), 1, 3);
    progress.finished(done(a), 2, 3);
    assertThat(streams.out()).isEqualTo("\napplication.a.value.region: created\n");

    progress.finished(done(b), 3, 3);
    progress.end();
    assertThat(streams.out())
        .isEqualTo(
            """

            application.a.value.region: created
            application.b.value.region: created
            application.c.value.region: created

            """);
  }

  @Test
  void eachLineSaysWhatBecameOfTheChange() {
    assertThat(ApplyProgress.line(done(new ClaimChange(Action.CREATE, "a", "id-a", "tier", false))))
        .isEqualTo("application.a.claim.tier: turned on");
    assertThat(ApplyProgress.line(done(new ClaimChange(Action.DELETE, "a", "id-a", "tier", false))))
        .isEqualTo("application.a.claim.tier: turned off");
    assertThat(
            ApplyProgress.line(
                done(new ValueChange(Action.DELETE, "a", "id-a", "tier", "pro", null))))
        .isEqualTo("application.a.value.tier: unset");
    assertThat(ApplyProgress.line(failed(value("a", "region"), "no such application")))
        .isEqualTo("application.a.value.region: failed");
  }

  @Test
  void aPlanWithNothingToCarryOutPrintsNothing() {
    InProcess.Streams streams = InProcess.streams(Map.of(), "", false);
    ApplyProgress progress = new ApplyProgress(streams.console().out(), null, false);
    progress.starting(plan(toggle("a", "tier", Action.CREATE)));
    progress.end();
    assertThat(streams.out()).isEmpty();
  }
}
