package dev.kindeprops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.fixtures.PlanFiles;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import dev.kindeprops.live.kinde.FakeKinde;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kinde-props end to end against a Kinde-compatible server on loopback ({@link FakeKinde}): every
 * command runs in process with {@code KINDE_DOMAIN} and the management credentials in its
 * environment, and after each test everything printed, traced or saved is scanned for secrets.
 */
class KindeEndToEndTest {
  static final String QUICKSTART = "examples/quickstart";
  static final Path QUICKSTART_STATE = Path.of("examples/quickstart/kinde-state.json");
  static final String BILLING = "3b0b5c6c8fcc464fab397f4969b5f482";
  static final String REPORTS = "6513270e269e0d37f2a74de452e6b438";
  static final String SCORER = "d23f0824128b2f330c5c7fd0a6a3a450";
  static final String AUDIENCE = "https://api.example.com";
  private static final JsonSchema PLAN_SCHEMA = JsonSchema.load("/schemas/plan.schema.json");

  /** Manifests whose desired state {@link #MATCHING_STATE} already holds. */
  static final String MATCHING_MANIFESTS =
      """
      version: 1
      properties:
        region: {name: Region, category: Tenancy, private: false, allowed: [eu, us, au]}
        tier: {name: Tier, category: Tenancy, private: false}
        api_token: {name: API token, category: Secrets, private: false, sensitive: true}
        notes: {name: Notes, category: Ops}
      applications:
        billing-worker:
          id: 3b0b5c6c8fcc464fab397f4969b5f482
          values: {region: eu, tier: pro, api_token: tok-7f3a9c, notes: yearly}
          claims: [region, tier, api_token]
          audience: https://api.example.com
        report-generator:
          id: 6513270e269e0d37f2a74de452e6b438
          values: {region: us}
          claims: [region]
          audience: https://api.example.com
      """;

  static final String MATCHING_STATE =
      """
      {"version": 1,
       "categories": [{"id": "cat_1", "name": "Tenancy"}, {"id": "cat_2", "name": "Secrets"},
                      {"id": "cat_3", "name": "Ops"}],
       "properties": [
         {"id": "prop_1", "key": "region", "name": "Region", "type": "single_line_text",
          "is_private": false, "category_id": "cat_1"},
         {"id": "prop_2", "key": "tier", "name": "Tier", "type": "single_line_text",
          "is_private": false, "category_id": "cat_1"},
         {"id": "prop_3", "key": "api_token", "name": "API token", "type": "single_line_text",
          "is_private": false, "category_id": "cat_2"},
         {"id": "prop_4", "key": "notes", "name": "Notes", "type": "single_line_text",
          "is_private": true, "category_id": "cat_3"},
         {"id": "prop_5", "key": "team", "name": "Team", "type": "single_line_text",
          "is_private": false, "category_id": "cat_3"}],
       "applications": [
         {"id": "3b0b5c6c8fcc464fab397f4969b5f482", "name": "Billing worker", "type": "m2m",
          "values": {"region": "eu", "tier": "pro", "api_token": "tok-7f3a9c", "notes": "yearly",
                     "team": "payments"},
          "claims": ["region", "tier", "api_token", "team"]},
         {"id": "6513270e269e0d37f2a74de452e6b438", "name": "Report generator", "type": "m2m",
          "values": {"region": "us"}, "claims": ["region"]},
         {"id": "9531985d5d9dc9f81818e811892f902b", "name": "Legacy sync", "type": "m2m"},
         {"id": "36f675cc81e74ef5e8e25d940ed90475", "name": "Portal", "type": "reg"}]}
      """;

  @TempDir Path dir;

  @RegisterExtension final KindeProps kp = KindeProps.started();
  private final FakeKinde fake = kp.fake();

  private Path manifests(String yaml) throws IOException {
    Path file = dir.resolve("manifests").resolve("kinde-props.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return file.getParent();
  }

  private String matchingTenant() throws IOException {
    fake.seedFromState(MATCHING_STATE);
    kp.applicationsOf(MATCHING_STATE);
    return manifests(MATCHING_MANIFESTS).toString();
  }

  // ---- The quickstart ---------------------------------------------------------------------

  @Test
  void theQuickstartPlansOnKindeAsAgainstItsStateFile() throws IOException {
    String state = Files.readString(QUICKSTART_STATE);
    fake.seedFromState(state);
    fake.listShowsTypeAndCategory(true);
    kp.applicationsOf(state);

    Run file =
        kp.run(
            "plan", "-f", QUICKSTART, "--state", QUICKSTART_STATE.toString(), "--format", "json");
    Run observed = kp.fast("plan", "-f", QUICKSTART, "--format", "json", "--observe-claims");
    Run unobserved = kp.fast("plan", "-f", QUICKSTART, "--format", "json");

    assertThat(file.code()).isZero();
    assertThat(observed.code()).isZero();
    assertThat(unobserved.code()).isZero();
    // With the toggles observed, the plans differ in where they were made, and in the toggles of
    // model_version, which a token cannot show while the property is private (the plan makes it
    // public): the file's plan turns billing-worker's on; Kinde's has a manual step for each
    // declared one, its state unknown (ml-scorer's may well be on already, as it is).
    JsonNode kindePlan = Json.MAPPER.readTree(observed.out());
    String hidden = "application.ml-scorer.claim.model_version";
    assertThat(
            kindePlan
                .path("changes")
                .valueStream()
                .filter(c -> c.path("state_unknown").asBoolean(false))
                .map(c -> c.path("address").asString()))
        .containsExactly("application.billing-worker.claim.model_version", hidden);
    assertThat(comparable(observed.out(), hidden)).isEqualTo(comparable(file.out(), null));
    assertThat(kindePlan.path("target").asString()).isEqualTo("kinde:" + fake.domain());
    for (JsonNode change : kindePlan.path("changes")) {
      assertThat(change.path("manual").asBoolean())
          .isEqualTo(change.path("kind").asString().equals("claim"));
    }
    assertThat(kindePlan.path("summary").path("manual").asInt()).isEqualTo(2);
    // Without them, the same changes but for the toggles, and the same fingerprint.
    JsonNode plain = Json.MAPPER.readTree(unobserved.out());
    assertThat(withoutClaimChanges(plain.path("changes")))
        .isEqualTo(withoutClaimChanges(kindePlan.path("changes")));
    assertThat(plain.path("claims").path("billing-worker").path("before").isNull()).isTrue();
    assertThat(plain.path("state_fingerprint")).isEqualTo(kindePlan.path("state_fingerprint"));
    assertThat(plain.path("warnings").toString())
        .contains("the M2M token toggles of 3 applications could not be observed");
  }

  /**
   * A plan's JSON without what differs between targets (name, fingerprint, manual marks, warnings)
   * and without one change (a create), if named.
   */
  private static String comparable(String planJson, String leaveOut) {
    ObjectNode plan = (ObjectNode) Json.MAPPER.readTree(PlanFiles.unsealed(planJson));
    plan.remove("plan_digest");
    plan.remove("target");
    plan.remove("state_fingerprint");
    plan.remove("warnings");
    ArrayNode changes = (ArrayNode) plan.path("changes");
    for (int i = changes.size() - 1; i >= 0; i--) {
      ObjectNode change = (ObjectNode) changes.get(i);
      change.put("manual", false);
      change.remove("state_unknown");
      if (change.path("address").asString().equals(leaveOut)) {
        changes.remove(i);
        ObjectNode summary = (ObjectNode) plan.path("summary");
        summary.put("create", summary.path("create").asInt() - 1);
      }
    }
    ((ObjectNode) plan.path("summary")).put("manual", 0);
    return plan.toPrettyString();
  }

  private static List<String> withoutClaimChanges(JsonNode changes) {
    return changes
        .valueStream()
        .filter(c -> !c.path("kind").asString().equals("claim"))
        .map(JsonNode::toString)
        .toList();
  }

  // ---- validate, plan ---------------------------------------------------------------------

  @Test
  void validatesAndPlansAFreshTenantInTextAndJson() {
    fake.addApplication(BILLING, "Billing worker", "m2m");
    fake.addApplication(REPORTS, "Report generator", "m2m");
    fake.addApplication(SCORER, "ML scorer", "m2m");
    fake.addApplications(3, "other", "m2m");
    kp.applications(List.of(BILLING, REPORTS, SCORER));
    Path saved = dir.resolve("plan.json");

    Run validate = kp.run("validate", "-f", QUICKSTART);
    Run text = kp.fast("plan", "-f", QUICKSTART, "--no-color", "--detailed-exitcode");
    Run json = kp.fast("plan", "-f", QUICKSTART, "--out", saved.toString(), "--format", "json");

    assertThat(validate.code()).isZero();
    assertThat(text.code()).isEqualTo(2);
    assertThat(text.err()).isEmpty();
    assertThat(text.out())
        .startsWith("Target: kinde:" + fake.domain() + "\n")
        .contains("  # category.Tenancy will be created\n  + category \"Tenancy\"\n")
        .contains("  + property \"region\" {\n")
        .contains("# current claims not observed")
        .contains("3 M2M applications")
        .contains("! claim.region: turn on (manual)")
        .endsWith("Plan: 22 to create, 0 to update, 0 to replace, 0 to delete (7 manual).\n");
    assertThat(json.code()).isZero();
    assertThat(kp.keep(saved)).isEqualTo(json.out());
    assertThat(PLAN_SCHEMA.problems(Json.MAPPER.readTree(json.out()))).isEmpty();
    Plan plan = PlanCodec.read(saved.toString(), json.out());
    assertThat(plan.target()).isEqualTo("kinde:" + fake.domain());
    assertThat(plan.unmanaged().applications()).isEqualTo(3);
    assertThat(plan.claims().get("billing-worker").before()).isNull();
    assertThat(fake.categories()).isEmpty(); // plan changes nothing
  }

  // ---- The whole cycle -------------------------------------------------------------------

  @Test
  void aFreshTenantGoesFromPlanThroughApplyToVerifiedTokens() {
    fake.addApplication(BILLING, "Billing worker", "m2m");
    fake.addApplication(REPORTS, "Report generator", "m2m");
    fake.addApplication(SCORER, "ML scorer", "m2m");
    kp.applications(fake.addApplications(2, "0ff", "m2m"));
    kp.applications(List.of(BILLING, REPORTS, SCORER));
    Path saved = dir.resolve("plan.json");

    Run plan = kp.fast("plan", "-f", QUICKSTART, "--out", saved.toString(), "--no-color");
    kp.keep(saved);
    Run apply =
        kp.fast(
            "apply",
            saved.toString(),
            "-f",
            QUICKSTART,
            "--verbose",
            "--no-color",
            "--detailed-exitcode");
    Run again = kp.fast("plan", "-f", QUICKSTART, "--detailed-exitcode", "--no-color");

    // Properties the plan creates have no toggle on yet: each declared one is a manual step.
    assertThat(plan.code()).isZero();
    assertThat(plan.out())
        .contains("! claim.model_version: turn on (manual)")
        .endsWith("Plan: 22 to create, 0 to update, 0 to replace, 0 to delete (7 manual).\n");
    // Apply makes its changes, then finds every toggle still to make in the tokens: exit 2.
    assertThat(apply.code()).isEqualTo(2);
    assertThat(apply.out())
        .contains("property.billing_notes: created\n")
        .contains("Apply complete: 15 changes made.\n")
        .contains(
            "Closing check: minted the token of 3 applications whose claims this apply changed;"
                + " 0 of 3 carry the declared claims.\n")
        .contains(
            "  [ ] Applications > billing-worker > Tokens > Customize M2M token > Properties:"
                + " turn on model_version, region, tier (client id "
                + BILLING
                + ")\n")
        .contains(
            "  [ ] Applications > ml-scorer > Tokens > Customize M2M token > Properties: turn on"
                + " model_version, tier (client id "
                + SCORER
                + ")\n")
        .contains(
            "  [ ] Applications > report-generator > Tokens > Customize M2M token > Properties:"
                + " turn on region, tier (client id "
                + REPORTS
                + ")\n");
    assertThat(apply.err()).contains("kinde: POST /api/v1/properties -> 201 (");
    assertThat(again.code()).isZero();
    assertThat(again.out()).endsWith("No changes. The live state matches the manifests.\n");
    assertThat(fake.categories())
        .extracting(FakeKinde.Category::name)
        .containsExactlyInAnyOrder("Tenancy", "AI");
    assertThat(fake.values(BILLING))
        .containsOnlyKeys("region", "tier", "model_version", "billing_notes");

    // The toggles are manual steps: until a person makes them, the tokens lack the claims.
    Run unverified = kp.fast("verify", "-f", QUICKSTART, "--no-color");
    Run observed =
        kp.fast("plan", "-f", QUICKSTART, "--observe-claims", "--detailed-exitcode", "--no-color");
    assertThat(unverified.code()).isEqualTo(2);
    assertThat(unverified.out())
        .contains("mismatch  billing-worker\n            missing     model_version = \"v2\"\n")
        .endsWith("Verify: 0 ok, 3 mismatches, 0 errors.\n");
    assertThat(observed.code()).isEqualTo(2);
    assertThat(observed.out())
        .endsWith("Plan: 7 to create, 0 to update, 0 to replace, 0 to delete (7 manual).\n");

    // The dashboard step, as the plan lists it.
    for (String key : List.of("region", "model_version", "tier")) {
      fake.toggleClaim(BILLING, key, true);
    }
    fake.toggleClaim(REPORTS, "region", true).toggleClaim(REPORTS, "tier", true);
    fake.toggleClaim(SCORER, "tier", true).toggleClaim(SCORER, "model_version", true);
    Run verified = kp.fast("verify", "-f", QUICKSTART);
    Run clean = kp.fast("plan", "-f", QUICKSTART, "--observe-claims", "--detailed-exitcode");
    Run noDrift = kp.fast("drift", "-f", QUICKSTART, "--observe-claims");
    assertThat(verified.code()).isZero();
    assertThat(verified.out()).endsWith("Verify: 3 ok, 0 mismatches, 0 errors.\n");
    assertThat(clean.code()).isZero();
    assertThat(noDrift.code()).isZero();

    // Someone changes a value in the dashboard: plan shows it, apply -f puts it back.
    fake.setValue(SCORER, "tier", "free");
    Run drifted = kp.fast("plan", "-f", QUICKSTART, "--detailed-exitcode", "--no-color");
    Run mismatch = kp.fast("verify", "-f", QUICKSTART, "--app", "ml-scorer", "--no-color");
    Run fix = kp.fast("apply", "-f", QUICKSTART, "--auto-approve", "--no-color");
    Run fixed = kp.fast("verify", "-f", QUICKSTART);
    assertThat(drifted.code()).isEqualTo(2);
    assertThat(drifted.out()).contains("~ value.tier = \"free\" -> \"enterprise\"");
    assertThat(mismatch.code()).isEqualTo(2);
    assertThat(mismatch.out())
        .contains("            different   tier: expected \"enterprise\", actual \"free\"\n");
    assertThat(fix.code()).isZero();
    assertThat(fix.out())
        .endsWith(
            "Apply complete: 1 change made.\n\nClosing check: minted the token of 1 application"
                + " whose claims this apply changed; it carries the declared claims.\n");
    assertThat(fixed.code()).isZero();
    assertThat(kp.tokensIssued()).isGreaterThan(10);
  }

  @Test
  void aDashboardChangeShowsInTheNextPlan() throws IOException {
    String manifests = matchingTenant();

    Run before = kp.fast("plan", "-f", manifests, "--detailed-exitcode", "--no-color");
    fake.setValue(REPORTS, "region", "au");
    fake.setValue(BILLING, "notes", "");
    Run after = kp.fast("plan", "-f", manifests, "--detailed-exitcode", "--no-color");

    assertThat(before.code()).isZero();
    assertThat(before.out()).endsWith("No changes. The live state matches the manifests.\n");
    assertThat(after.code()).isEqualTo(2);
    assertThat(after.out())
        .contains("~ value.region = \"au\" -> \"us\"")
        .contains("+ value.notes = \"yearly\"")
        .endsWith("Plan: 1 to create, 1 to update, 0 to replace, 0 to delete.\n");
  }

  @Test
  void aMissingScopeIsOneClearLine() throws IOException {
    String manifests = matchingTenant();
    Set<String> scopes = new HashSet<>(FakeKinde.ALL_SCOPES);
    scopes.remove("read:properties");
    fake.grantScopes(scopes);

    Run run = kp.fast("plan", "-f", manifests);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: Kinde refused to list properties (HTTP 403): the management application "
                + FakeKinde.MANAGEMENT_CLIENT_ID
                + " lacks the scope read:properties; grant it in Kinde under Applications > that"
                + " application > APIs > Kinde Management API > Manage scopes (Kinde: FORBIDDEN:"
                + " The token is missing the scope read:properties)\n");
  }

  @Test
  void badCredentialsAreOneClearLine() throws IOException {
    String manifests = matchingTenant();
    KindeProps wrong = new KindeProps(fake);

    Run run =
        wrong.runWithInput("", "plan", "-f", manifests, "--client-id", "not-the-management-client");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: Kinde refused the management credentials (invalid_client): check"
                + " KINDE_MANAGEMENT_CLIENT_ID and KINDE_MANAGEMENT_CLIENT_SECRET\n");
    wrong.assertNoSecretShowed();
  }

  @Test
  void theVerboseTraceShowsRequestsAndNoSecret() throws IOException {
    String manifests = matchingTenant();

    Run run = kp.fast("plan", "-f", manifests, "--verbose", "--observe-claims");

    assertThat(run.code()).isZero();
    assertThat(run.err())
        .contains("kinde: POST /oauth2/token -> 200 (")
        .contains("kinde: GET /api/v1/properties?context=app&page_size=100 -> 200 (")
        .contains("kinde: GET /api/v1/applications/" + BILLING + " -> 200 (")
        .contains("kinde: GET /.well-known/jwks -> 200 (");
    assertThat(kp.tokensIssued()).isGreaterThanOrEqualTo(3);
  }

  // ---- plan --observe-claims --------------------------------------------------------------

  @Test
  void observedToggleDifferencesAreManualStepsAndLeaveTheFingerprintAlone() throws IOException {
    String manifests = matchingTenant();
    fake.toggleClaim(REPORTS, "tier", true);
    fake.toggleClaim(BILLING, "region", false);
    Path observedPlan = dir.resolve("observed.json");
    Path plainPlan = dir.resolve("plain.json");

    Run text = kp.fast("plan", "-f", manifests, "--observe-claims", "--no-color");
    Run json =
        kp.fast(
            "plan",
            "-f",
            manifests,
            "--observe-claims",
            "--out",
            observedPlan.toString(),
            "--detailed-exitcode");
    Run plain = kp.fast("plan", "-f", manifests, "--out", plainPlan.toString());

    assertThat(text.code()).isZero();
    assertThat(text.out())
        .contains("      ! claim.region: turn on (manual)\n")
        .contains("      ! claim.tier: turn off (manual)\n")
        .contains("  ! billing-worker (client id " + BILLING + "): turn on region\n")
        .contains("  ! report-generator (client id " + REPORTS + "): turn off tier\n")
        .endsWith("Plan: 1 to create, 0 to update, 0 to replace, 1 to delete (2 manual).\n");
    assertThat(json.code()).isEqualTo(2);
    JsonNode observed = Json.MAPPER.readTree(kp.keep(observedPlan));
    JsonNode unobserved = Json.MAPPER.readTree(kp.keep(plainPlan));
    assertThat(plain.code()).isZero();
    assertThat(observed.path("claims").path("billing-worker").path("before").toString())
        .contains("\"team\":{\"v\":\"payments\"}")
        .doesNotContain("\"region\"");
    assertThat(observed.path("state_fingerprint")).isEqualTo(unobserved.path("state_fingerprint"));
    assertThat(fake.count("getApplication")).isEqualTo(4);

    // A later apply of the observed plan reads without observing, finds it fresh, and lists the
    // toggles for a person (turning one off counts as a delete).
    Run apply = kp.fast("apply", observedPlan.toString(), "--allow-delete", "--no-color");
    assertThat(apply.code()).isZero();
    assertThat(apply.out())
        .contains("Apply complete: nothing for kinde-props to change.\n")
        .contains("0 of 2 carry the declared claims")
        .contains(
            "  [ ] Applications > billing-worker > Tokens > Customize M2M token > Properties:"
                + " turn on region (client id "
                + BILLING
                + ")\n");
  }

  // ---- apply's closing check ---------------------------------------------------------------

  @Test
  void theClosingCheckNeedsAnAudienceAndSaysSoBeforeChangingAnything() throws IOException {
    String manifests =
        manifests(
                MATCHING_MANIFESTS.replace(
                    "    claims: [region]\n    audience: https://api.example.com\n",
                    "    claims: [region]\n"))
            .toString();
    fake.seedFromState(MATCHING_STATE);
    kp.applicationsOf(MATCHING_STATE);
    fake.setValue(REPORTS, "region", "au");

    Run refused = kp.fast("apply", "-f", manifests, "--auto-approve", "--no-color");
    int writes = fake.count("updateApplicationsProperty");
    Run skipped =
        kp.fast("apply", "-f", manifests, "--auto-approve", "--skip-token-check", "--no-color");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "kinde-props.yaml:13:3: error: application report-generator: apply's closing check"
                + " (skip it with --skip-token-check) mints a token as it, and Kinde needs an API"
                + " audience for that");
    assertThat(writes).isZero();
    assertThat(skipped.code()).isZero();
    assertThat(skipped.out()).endsWith("Apply complete: 1 change made.\n");
    assertThat(fake.values(REPORTS)).containsEntry("region", "us");
  }

  @Test
  void aSavedPlanAloneIsCheckedWithTheAudiencesAndSealsItHolds() throws IOException {
    String manifests = matchingTenant();
    fake.setValue(BILLING, "tier", "free");
    Path saved = dir.resolve("plan.json");
    Path summary = dir.resolve("summary.md");
    assertThat(kp.fast("plan", "-f", manifests, "--out", saved.toString()).code()).isZero();
    kp.keep(saved);

    Run apply =
        kp.withEnv(Map.of("GITHUB_STEP_SUMMARY", summary.toString()))
            .fast("apply", saved.toString(), "--no-color");

    // billing-worker's token carries its sealed api_token as declared: the seal matched it.
    assertThat(apply.code()).as(apply.err()).isZero();
    assertThat(apply.out())
        .endsWith(
            "Apply complete: 1 change made.\n\nClosing check: minted the token of 1 application"
                + " whose claims this apply changed; it carries the declared claims.\n");
    assertThat(kp.keep(summary))
        .startsWith("### kinde-props apply: <code>kinde:" + fake.domain() + "</code>\n\n")
        .contains("Apply complete: 1 change made.");
  }

  @Test
  void theClosingCheckListsWhatTheTokensShowInJsonAndTheJobSummary() throws IOException {
    String manifests = matchingTenant();
    fake.setValue(REPORTS, "region", "au");
    fake.toggleClaim(REPORTS, "region", false);
    fake.toggleClaim(REPORTS, "tier", true);
    Path summary = dir.resolve("summary.md");

    Run apply =
        kp.withEnv(Map.of("GITHUB_STEP_SUMMARY", summary.toString()))
            .fast(
                "apply",
                "-f",
                manifests,
                "--auto-approve",
                "--format",
                "json",
                "--detailed-exitcode");

    assertThat(apply.code()).isEqualTo(2);
    JsonNode report = Json.MAPPER.readTree(apply.out());
    assertThat(report.path("complete").asBoolean()).isTrue();
    assertThat(report.path("summary").path("done").asInt()).isEqualTo(1);
    assertThat(report.path("manual_steps").toString())
        .isEqualTo(
            "[{\"application\":\"report-generator\",\"application_id\":\""
                + REPORTS
                + "\",\"dashboard_path\":\"Applications > report-generator > Tokens > Customize"
                + " M2M token > Properties\",\"turn_on\":[\"region\"],\"turn_off\":[\"tier\"],"
                + "\"state_unknown\":[]}]");
    assertThat(report.path("token_check").path("report-generator").path("status").asString())
        .isEqualTo("mismatch");
    assertThat(kp.keep(summary))
        .contains("#### Toggles still to make\n")
        .contains(
            "- [ ] **report-generator** (<code>"
                + REPORTS
                + "</code>): turn on <code>region</code>; turn off <code>tier</code>\n");
  }

  @Test
  void applyFromManifestsObservesTogglesWhenAskedAndListsThemAsSteps() throws IOException {
    String manifests = matchingTenant();
    fake.toggleClaim(BILLING, "region", false);

    Run unobserved = kp.fast("apply", "-f", manifests, "--auto-approve", "--no-color");
    Run observed =
        kp.fast("apply", "-f", manifests, "--auto-approve", "--observe-claims", "--no-color");
    Run saved = kp.fast("apply", dir.resolve("none.json").toString(), "--observe-claims");

    assertThat(unobserved.code()).isZero();
    assertThat(unobserved.out()).doesNotContain("turn on region");
    assertThat(observed.code()).isZero();
    assertThat(observed.out())
        .contains(
            "  [ ] Applications > billing-worker > Tokens > Customize M2M token > Properties:"
                + " turn on region (client id "
                + BILLING
                + ")\n");
    assertThat(saved.code()).isEqualTo(1);
    assertThat(saved.err()).startsWith("error: --observe-claims goes with -f");
  }

  // ---- verify -----------------------------------------------------------------------------

  @Test
  void verifyMintsATokenAsEachApplicationAndComparesItsClaim() throws IOException {
    String manifests = matchingTenant();

    Run ok = kp.fast("verify", "-f", manifests, "--no-color");

    assertThat(ok.code()).isZero();
    assertThat(ok.err()).isEmpty();
    assertThat(ok.out())
        .isEqualTo(
            "Target: kinde:"
                + fake.domain()
                + "\n\nok        billing-worker\nok        report-generator\n\n"
                + "Verify: 2 ok, 0 mismatches, 0 errors.\n");
    assertThat(fake.count("getApplication")).isEqualTo(2);
    assertThat(fake.count("GetProperties")).isZero(); // the token alone tells

    // Someone switches toggles in the dashboard and rotates a value behind the manifests' back.
    fake.toggleClaim(BILLING, "tier", false);
    fake.toggleClaim(REPORTS, "tier", true);
    fake.setValue(BILLING, "api_token", "tok-rotated-91c2");
    Run text = kp.fast("verify", "-f", manifests, "--no-color", "--verbose");
    Run json = kp.fast("verify", "-f", manifests, "--format", "json");

    assertThat(text.code()).isEqualTo(2);
    assertThat(text.out())
        .contains(
            "mismatch  billing-worker\n"
                + "            missing     tier = \"pro\"\n"
                + "            different   api_token: expected (sensitive), actual (sensitive)\n"
                + "mismatch  report-generator\n"
                + "            unexpected  tier = {}\n")
        .contains("  Applications > <application> > Tokens > Customize M2M token > Properties\n")
        .endsWith("Verify: 0 ok, 2 mismatches, 0 errors.\n")
        .doesNotContain("tok-");
    assertThat(text.err()).contains("kinde: GET /.well-known/jwks -> 200");
    assertThat(json.code()).isEqualTo(2);
    JsonNode report = Json.MAPPER.readTree(json.out());
    assertThat(report.path("applications").path("billing-worker").path("different").toString())
        .isEqualTo(
            "{\"api_token\":{\"expected\":{\"v\":\"(sensitive)\"},"
                + "\"actual\":{\"v\":\"(sensitive)\"}}}");
    assertThat(report.path("summary").path("mismatch").asInt()).isEqualTo(2);
    assertThat(kp.tokensIssued()).isGreaterThanOrEqualTo(9);
  }

  @Test
  void verifyNamesEachApplicationItCannotCheck() throws IOException {
    fake.seedFromState(MATCHING_STATE);
    kp.applicationsOf(MATCHING_STATE);
    fake.allowAudience(BILLING, "https://another.example.com");
    String manifests =
        manifests(
                MATCHING_MANIFESTS
                    + """
                  ghost:
                    id: 0000000000000000000000000000dead
                    audience: https://api.example.com
                  portal:
                    id: 36f675cc81e74ef5e8e25d940ed90475
                    audience: https://api.example.com
                """)
            .toString();

    Run run = kp.fast("verify", "-f", manifests, "--no-color");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "error     billing-worker: Kinde refused to issue a token to application "
                + BILLING
                + " (unauthorized_client: Not authorized for audience "
                + AUDIENCE
                + "): the application is not authorized for the audience "
                + AUDIENCE
                + "\n")
        .contains(
            "error     ghost: application 0000000000000000000000000000dead does not exist in "
                + fake.domain()
                + "\n")
        .contains(
            "error     portal: application 36f675cc81e74ef5e8e25d940ed90475 is a reg application,"
                + " not m2m; only an M2M application's token carries its properties\n")
        .contains("ok        report-generator\n")
        .endsWith("Verify: 1 ok, 0 mismatches, 3 errors.\n");
  }

  @Test
  void verifyChecksATokenFromStandardInputWithTheDomainAlone() throws IOException {
    String manifests = matchingTenant();
    KindeProps domainOnly = kp.withDomainOnly();
    String billingToken = kp.mintToken(BILLING, AUDIENCE);
    fake.resetCounts();

    Run ok =
        domainOnly.runWithInput(
            billingToken + "\n", "verify", "-f", manifests, "--token", "-", "--no-color");

    assertThat(ok.code()).isZero();
    assertThat(ok.out()).contains("ok        billing-worker\n").doesNotContain("report-generator");
    assertThat(fake.count("jwks")).isEqualTo(1);
    assertThat(fake.count("token")).isZero();
    assertThat(fake.apiRequests()).isZero();

    fake.toggleClaim(BILLING, "region", false);
    Run mismatch =
        domainOnly.runWithInput(
            kp.mintToken(BILLING, AUDIENCE) + "\n",
            "verify",
            "-f",
            manifests,
            "--token",
            "-",
            "--app",
            "billing-worker",
            "--no-color");
    assertThat(mismatch.code()).isEqualTo(2);
    assertThat(mismatch.out()).contains("            missing     region = \"eu\"\n");
  }

  @Test
  void aTokenThatDoesNotFitIsExplained() throws IOException {
    String manifests = matchingTenant();
    KindeProps domainOnly = kp.withDomainOnly();
    fake.applicationTokensNeedAudience(false); // so that a script can get a token without one
    String reportsToken = kp.mintToken(REPORTS, AUDIENCE);
    String[] parts = reportsToken.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "x." + parts[2];

    Run wrongApp =
        domainOnly.runWithInput(
            reportsToken, "verify", "-f", manifests, "--token", "-", "--app", "billing-worker");
    Run unlisted =
        domainOnly.runWithInput(
            kp.mintToken("9531985d5d9dc9f81818e811892f902b", null),
            "verify",
            "-f",
            manifests,
            "--token",
            "-");
    Run noAudience =
        domainOnly.runWithInput(
            kp.mintToken(BILLING, null), "verify", "-f", manifests, "--token", "-");
    Run forged = domainOnly.runWithInput(tampered, "verify", "-f", manifests, "--token", "-");
    Run onTheCommandLine =
        domainOnly.run("verify", "-f", manifests, "--token", reportsToken, "--format", "json");

    assertThat(wrongApp.code()).isEqualTo(1);
    assertThat(wrongApp.out())
        .contains(
            String.format(
                "error     billing-worker: the token was issued to %s, not to application %s\n",
                REPORTS, BILLING));
    assertThat(unlisted.code()).isEqualTo(1);
    assertThat(unlisted.err())
        .isEqualTo(
            "error: the token was issued to application 9531985d5d9dc9f81818e811892f902b, which"
                + " the manifests do not list; give --app NAME to check it against one of"
                + " theirs\n");
    assertThat(noAudience.code()).isEqualTo(1);
    assertThat(noAudience.out()).contains("the token's audience [] does not include " + AUDIENCE);
    assertThat(forged.code()).isEqualTo(1);
    assertThat(forged.err()).startsWith("error: the token does not verify: ");
    assertThat(onTheCommandLine.code()).isZero();
    assertThat(
            Json.MAPPER
                .readTree(onTheCommandLine.out())
                .path("applications")
                .path("report-generator")
                .path("status")
                .asString())
        .isEqualTo("ok");
  }
}
