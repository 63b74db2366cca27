package dev.kindeprops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.fixtures.PlanFiles;
import dev.kindeprops.json.Json;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.file.StateDocument;
import dev.kindeprops.live.file.StateFile;
import dev.kindeprops.live.kinde.FakeKinde;
import dev.kindeprops.model.PropertyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code export} and {@code drift} against a Kinde-compatible server on loopback ({@link
 * FakeKinde}): adopting a tenant (export, then plan shows nothing), snapshots for offline plans and
 * as drift baselines, and drift after a change in the dashboard. Everything printed or saved is
 * scanned for secrets after each test.
 */
class KindeExportDriftEndToEndTest {
  static final String QUICKSTART = KindeEndToEndTest.QUICKSTART;
  static final Path QUICKSTART_STATE = KindeEndToEndTest.QUICKSTART_STATE;
  static final String BILLING = KindeEndToEndTest.BILLING;

  @TempDir Path dir;

  @RegisterExtension final KindeProps kp = KindeProps.started();
  private final FakeKinde fake = kp.fake();

  private void seedQuickstart() throws IOException {
    String state = Files.readString(QUICKSTART_STATE);
    fake.seedFromState(state);
    kp.applicationsOf(state);
  }

  @Test
  void exportThenPlanShowsNoChangesWhereKindeHidesTypesAndCategories() throws IOException {
    seedQuickstart();
    Path out = dir.resolve("kinde");

    Run export = kp.fast("export", "-o", out.toString());

    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out())
        .contains("Exported 4 properties and 4 M2M applications from kinde:" + fake.domain())
        .contains("Check the types and categories marked '# assumed'")
        .contains("No claims were exported: Kinde does not show token toggles.");
    String properties = kp.keep(out.resolve("properties.yaml"));
    assertThat(properties)
        .contains("    type: single_line_text  # assumed\n")
        // The first category by name, so the plan creates none.
        .contains("    category: AI  # assumed\n")
        .contains("Kinde does not show a property's type or category.");
    String applications = kp.keep(out.resolve("applications.yaml"));
    assertThat(applications)
        .contains("Kinde does not show which properties each M2M token carries")
        .doesNotContain("claims: [");
    // Every M2M application's values were read: one request each, after one listing for ids.
    assertThat(fake.count("getApplicationPropertyValues")).isEqualTo(4);

    Run plan = kp.fast("plan", "-f", out.toString(), "--detailed-exitcode", "--no-color");

    assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out()).endsWith("No changes. The live state matches the manifests.\n");
  }

  @Test
  void exportThenPlanShowsNoChangesWhereKindeShowsTypesAndCategories() throws IOException {
    seedQuickstart();
    fake.listShowsTypeAndCategory(true);
    Path out = dir.resolve("kinde");

    Run export = kp.fast("export", "-o", out.toString());

    assertThat(export.code()).as(export.err()).isZero();
    assertThat(kp.keep(out.resolve("properties.yaml")))
        .doesNotContain("# assumed")
        .contains("  legacy_flag:\n")
        .contains("    category: Tenancy\n");
    Run plan = kp.fast("plan", "-f", out.toString(), "--detailed-exitcode");
    assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
  }

  @Test
  void observedTogglesAreExportedAsClaims() throws IOException {
    seedQuickstart();
    Path out = dir.resolve("kinde");

    Run export =
        kp.fast(
            "export",
            "-o",
            out.toString(),
            "--observe-claims",
            "--audience",
            KindeEndToEndTest.AUDIENCE);

    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).doesNotContain("No claims were exported");
    String applications = kp.keep(out.resolve("applications.yaml"));
    assertThat(applications)
        .contains(
            "  billing-worker:\n"
                + "    id: 3b0b5c6c8fcc464fab397f4969b5f482\n"
                + "    values:\n"
                + "      legacy_flag: \"on\"\n"
                + "      model_version: v2\n"
                + "      region: us\n"
                + "      tier: pro\n"
                + "    claims: [region, tier]\n")
        .doesNotContain("Kinde does not show which properties");
    // One token per M2M application, minted to observe it.
    assertThat(fake.count("getApplication")).isEqualTo(4);

    Run observed =
        kp.fast(
            "plan",
            "-f",
            out.toString(),
            "--observe-claims",
            "--audience",
            KindeEndToEndTest.AUDIENCE,
            "--detailed-exitcode");
    assertThat(observed.code()).as(observed.out() + observed.err()).isZero();
    Run plain = kp.fast("plan", "-f", out.toString(), "--detailed-exitcode");
    assertThat(plain.code()).as(plain.out() + plain.err()).isZero();
  }

  @Test
  void aThousandApplicationTenantWithAwkwardNamesExportsToAnEmptyPlan() throws IOException {
    LiveBuilder tenant =
        new LiveBuilder()
            .category("Tenancy: main")
            .property("region", "Tenancy: main")
            .property("notes", "Tenancy: main", true, PropertyType.MULTI_LINE_TEXT);
    Random random = new Random(1_000);
    for (int i = 0; i < 1_000; i++) {
      String id = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
      String name =
          switch (i % 5) {
            case 0 -> "Worker";
            case 1 -> "Café Ops " + i;
            case 2 -> "日本語 " + i;
            case 3 -> "true";
            default -> "Customer #" + i + ": \"quoted\"";
          };
      Map<String, String> values =
          new TreeMap<>(Map.of("region", List.of("eu", "us", "yes", "443", "${env:X}").get(i % 5)));
      if (i % 7 == 0) {
        values.put("notes", "line one\nline two");
      }
      tenant.m2m(id, name, values);
    }
    LiveState live = tenant.build();
    String state =
        StateFile.format(
            new StateDocument(live.categories(), live.properties(), live.applications()));
    fake.seedFromState(state);
    kp.applicationsOf(state);
    Path out = dir.resolve("kinde");

    Run export = kp.fast("export", "-o", out.toString());
    Run plan = kp.fast("plan", "-f", out.toString(), "--detailed-exitcode", "--no-color");

    assertThat(export.code()).as(export.err()).isZero();
    assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out())
        .endsWith("No changes. The live state matches the manifests.\n")
        .doesNotContain("is named");
    assertThat(Files.isDirectory(out.resolve("applications"))).isTrue();
  }

  @Test
  void aSnapshotTakenWithTheManifestsPlansOfflineAsKindeDoes() throws IOException {
    seedQuickstart();
    Path snapshot = dir.resolve("snapshot.json");

    Run export = kp.fast("export", "--state-out", snapshot.toString(), "-f", QUICKSTART);

    assertThat(export.code()).as(export.err()).isZero();
    kp.keep(snapshot);
    // The manifests fill in what Kinde hides: billing_notes is not live, the rest is as declared.
    var document = new StateFile(snapshot).read();
    assertThat(document.property("model_version").orElseThrow().categoryId())
        .isEqualTo(document.categoryByName("AI").orElseThrow().id());
    assertThat(document.application(BILLING).orElseThrow().claims())
        .containsExactly("model_version", "region", "tier");

    Run onKinde = kp.fast("plan", "-f", QUICKSTART, "--format", "json");
    Run offline =
        kp.run("plan", "-f", QUICKSTART, "--state", snapshot.toString(), "--format", "json");

    // The same changes; the snapshot's "before" also shows the type and category it assumed.
    assertThat(changes(offline.out())).isEqualTo(changes(onKinde.out())).hasSize(5);
  }

  @Test
  void anExportHoldsNoSecretAndPlansEmptyOnceTheVariablesAreSet() throws IOException {
    seedQuickstart();
    assertThat(kp.fast("apply", "-f", QUICKSTART, "--auto-approve").code()).isZero();
    Path out = dir.resolve("kinde");
    Path snapshot = dir.resolve("snapshot.json");

    Run export =
        kp.fast(
            "export", "-o", out.toString(), "--state-out", snapshot.toString(), "-f", QUICKSTART);

    assertThat(export.code()).as(export.err()).isZero();
    String variable = "KINDE_PROPS_BILLING_WORKER_BILLING_NOTES";
    assertThat(export.out())
        .contains(
            "Sensitive values are not exported: the manifests read them from the environment.")
        .contains("  " + variable + "\n")
        .contains("It leaves out the values of the sensitive properties (billing_notes).");
    assertThat(kp.keep(out.resolve("properties.yaml")))
        .contains("  billing_notes:\n")
        .contains("    sensitive: true\n");
    assertThat(kp.keep(out.resolve("applications.yaml")))
        .contains("      billing_notes: \"${env:" + variable + "}\"\n");
    assertThat(kp.keep(snapshot)).doesNotContain("billing_notes\": ");
    assertThat(Files.getPosixFilePermissions(snapshot))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    Run unset = kp.fast("plan", "-f", out.toString(), "--no-color");
    Run set =
        kp.withEnv(Map.of(variable, "Invoiced yearly.\nContact: finance@example.com\n"))
            .fast("plan", "-f", out.toString(), "--detailed-exitcode", "--no-color");

    assertThat(unset.code()).isEqualTo(1);
    assertThat(unset.err()).contains("${env:" + variable + "}");
    assertThat(set.code()).as(set.out() + set.err()).isZero();
    assertThat(set.out()).endsWith("No changes. The live state matches the manifests.\n");
  }

  /** Each change's address, action and desired side. */
  private static List<String> changes(String planJson) {
    JsonNode plan = Json.MAPPER.readTree(PlanFiles.unsealed(planJson));
    return plan.get("changes")
        .valueStream()
        .map(c -> c.get("address") + " " + c.get("action") + " " + c.get("after"))
        .toList();
  }

  @Test
  void driftAfterADashboardChangeIsAttributedToTheLiveSide() throws IOException {
    seedQuickstart();
    Run apply = kp.fast("apply", "-f", QUICKSTART, "--auto-approve");
    assertThat(apply.code()).as(apply.out() + apply.err()).isZero();
    Path baseline = dir.resolve("baseline.json");
    assertThat(kp.fast("export", "--state-out", baseline.toString(), "-f", QUICKSTART).code())
        .isZero();
    kp.keep(baseline);

    Run clean = kp.fast("drift", "-f", QUICKSTART, "--baseline", baseline.toString());
    assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
    assertThat(clean.out()).contains("No drift. The live state matches the manifests.");

    // Someone moves billing-worker to au in the dashboard.
    fake.setValue(BILLING, "region", "au");
    Run drifted =
        kp.fast("drift", "-f", QUICKSTART, "--baseline", baseline.toString(), "--format", "json");

    assertThat(drifted.code()).isEqualTo(2);
    JsonNode report = Json.MAPPER.readTree(drifted.out());
    assertThat(report.get("target").asString()).isEqualTo("kinde:" + fake.domain());
    assertThat(report.get("drifted")).hasSize(1);
    JsonNode change = report.get("drifted").get(0);
    assertThat(change.get("address").asString())
        .isEqualTo("application.billing-worker.value.region");
    assertThat(change.get("live").asString()).isEqualTo("au");
    assertThat(change.get("manifests").asString()).isEqualTo("eu");
    assertThat(change.get("moved").asString()).isEqualTo("live");
    // Kinde cannot show the toggles, and the report says so.
    assertThat(report.get("warnings").toString()).contains("could not be observed");
  }
}
