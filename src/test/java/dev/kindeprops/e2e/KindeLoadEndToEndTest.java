package dev.kindeprops.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import dev.kindeprops.live.kinde.FakeKinde;
import dev.kindeprops.live.kinde.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * kinde-props end to end against a large, throttling or failing Kinde-compatible server: a
 * 1,000-application tenant, Kinde's rate and concurrency limits, and injected faults.
 */
class KindeLoadEndToEndTest {
  static final int APPLICATIONS = 1_000;

  @TempDir Path dir;

  @RegisterExtension final KindeProps kp = KindeProps.started();
  private final FakeKinde fake = kp.fake();

  /**
   * A tenant of {@code count} M2M applications on one profile (plus 25 unlisted and 5 SPAs) whose
   * manifests add a private {@code team} property and a {@code tier} value everywhere; a few have
   * drifted to another region. Returns the manifests' directory.
   */
  private static final String AUDIENCE = "https://api.example.com";

  private String tenant(int count) throws IOException {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addProperty("tier", "Tier", "Tenancy", false);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(String.format(Locale.ROOT, "5eed%028x", i));
      fake.addApplication(ids.get(i), String.format(Locale.ROOT, "svc-%04d", i), "m2m");
    }
    fake.addApplications(25, "0ff", "m2m");
    fake.addApplications(5, "ab", "spa");
    kp.applications(ids);
    StringBuilder yaml =
        new StringBuilder(
            """
            version: 1
            properties:
              region: {name: Region, category: Tenancy, private: false, allowed: [eu, us, au]}
              tier: {name: Tier, category: Tenancy, private: false}
              team: {name: Owning team, category: Ops}
            profiles:
              standard:
                values: {region: eu, tier: pro}
                claims: [region]
            applications:
            """);
    for (int i = 0; i < count; i++) {
      String id = ids.get(i);
      fake.setValue(id, "region", i % 100 == 17 ? "us" : "eu").toggleClaim(id, "region", true);
      yaml.append(String.format(Locale.ROOT, "  svc-%04d:\n", i))
          .append("    id: ")
          .append(id)
          .append("\n    profiles: [standard]\n    values: {team: team-")
          .append(i % 7)
          .append("}\n");
    }
    Path file = dir.resolve("manifests/kinde-props.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml.toString());
    return file.getParent().toString();
  }

  @Test
  void aThousandApplicationTenantIsPlannedAppliedAndThenClean() throws IOException {
    String manifests = tenant(APPLICATIONS);
    Path saved = dir.resolve("plan.json");
    fake.resetCounts();

    Run plan =
        kp.fast(
            "plan",
            "-f",
            manifests,
            "--out",
            saved.toString(),
            "--format",
            "json",
            "--detailed-exitcode");

    assertThat(plan.code()).isEqualTo(2);
    JsonNode json = Json.MAPPER.readTree(kp.keep(saved));
    assertThat(json.path("summary").toString())
        .isEqualTo("{\"create\":2002,\"update\":10,\"replace\":0,\"delete\":0,\"manual\":0}");
    assertThat(json.path("unmanaged").path("applications").asInt()).isEqualTo(25);
    // 1 property page, 3 category pages (all, user, organization), 11 application pages, 1,000
    // value reads; 1 token.
    assertThat(fake.apiRequests()).isEqualTo(1 + 3 + 11 + APPLICATIONS);
    assertThat(fake.count("token")).isEqualTo(1);

    Run apply = kp.fast("apply", saved.toString(), "--audience", AUDIENCE);
    Run again = kp.fast("plan", "-f", manifests, "--detailed-exitcode");

    assertThat(apply.code()).isZero();
    assertThat(apply.out())
        .endsWith(
            "Apply complete: 2012 changes made.\n\nClosing check: minted the token of 10"
                + " applications whose claims this apply changed; all carry the declared claims.\n");
    assertThat(again.code()).isZero();
    assertThat(again.out()).endsWith("No changes. The live state matches the manifests.\n");
    assertThat(fake.values(String.format(Locale.ROOT, "5eed%028x", 117)))
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of("region", "eu", "tier", "pro", "team", "team-5"));
  }

  @Test
  void aThrottlingTenantIsWaitedForAndACapUnderItsLimitsIsNeverThrottled() throws IOException {
    String manifests = tenant(20);
    // The client's bucket allows a second's worth at once, then the steady rate: at 8 per second
    // and 4 in flight at most 16 requests fall into any one second.
    fake.rateLimit(16);
    fake.concurrencyLimit(4);

    Run capped = kp.run("plan", "-f", manifests, "--format", "json", "--max-rps", "8");
    int throttledWhenCapped = throttled();
    Run pushy =
        kp.run("plan", "-f", manifests, "--format", "json", "--max-rps", "200", "--verbose");

    assertThat(capped.code()).isZero();
    assertThat(throttledWhenCapped).isZero();
    assertThat(pushy.code()).isZero();
    assertThat(throttled()).isPositive();
    assertThat(pushy.err())
        .contains("-> 429 (")
        .containsPattern(
            ": throttled \\(429\\); pacing at [0-9.]+ requests per second, [1-4] in flight");
    assertThat(fingerprint(pushy)).isEqualTo(fingerprint(capped));
  }

  @Test
  void withoutMaxRpsAnApplyFindsTheTenantsLimitsAndConverges() throws IOException {
    String manifests = tenant(40);
    fake.rateLimit(30);
    fake.concurrencyLimit(2);
    // Slow writes keep several requests in flight, so that the concurrency limiter answers too.
    fake.inject(
        Fault.slow("updateApplicationsProperty", Duration.ofMillis(80)).times(Integer.MAX_VALUE));

    Run apply = kp.run("apply", "-f", manifests, "--auto-approve", "--audience", AUDIENCE);
    int throttledInApply = throttled();
    Run again = kp.run("plan", "-f", manifests, "--detailed-exitcode");

    assertThat(apply.code()).isZero();
    assertThat(apply.out()).contains("Apply complete: 83 changes made.\n");
    assertThat(throttledInApply).as("the run reached the limits").isPositive();
    assertThat(again.code()).isZero();
    assertThat(again.out()).endsWith("No changes. The live state matches the manifests.\n");
    assertThat(fake.properties())
        .extracting(FakeKinde.Property::key)
        .containsExactlyInAnyOrder("region", "tier", "team");
  }

  @Test
  void aPlanUnderFaultsIsThePlanWithoutThem() throws IOException {
    String manifests = tenant(40);
    Run calm = kp.fast("plan", "-f", manifests, "--format", "json");
    fake.inject(Fault.throttled("getApplicationPropertyValues", "RateLimit-Reset", "1").times(2));
    fake.inject(Fault.serverErrorBefore("getApplicationPropertyValues").times(3));
    fake.inject(Fault.resetBefore("GetProperties"));
    fake.inject(Fault.resetAfter("getApplicationPropertyValues").times(2));
    fake.inject(Fault.slow("getApplications", Duration.ofMillis(300)));
    fake.inject(Fault.serverErrorBefore("token"));

    Run stormy = kp.fast("plan", "-f", manifests, "--format", "json", "--verbose");

    assertThat(stormy.code()).isZero();
    assertThat(fake.pendingFaults()).isZero();
    assertThat(stormy.out()).isEqualTo(calm.out());
    // The JDK's client repeats a reset GET once by itself; the rest is kinde-props' retrying.
    assertThat(stormy.err()).contains(": throttled (429)").contains(": server error (500)");
  }

  private int throttled() {
    return (int) fake.exchanges().stream().filter(e -> e.status() == 429).count();
  }

  private static String fingerprint(Run plan) {
    return Json.MAPPER.readTree(plan.out()).path("state_fingerprint").asString();
  }

  @Test
  void applyUnderFaultsConvergesWithoutADuplicate() throws IOException {
    String manifests = tenant(60);
    // Every kind of trouble, on reads and on writes: throttling with RateLimit-Reset, 500s
    // before and after the work is done, connections reset before and after, slow answers.
    fake.inject(Fault.throttled("*", "RateLimit-Reset", "1").times(2));
    fake.inject(Fault.serverErrorAfter("CreateCategory"));
    fake.inject(Fault.resetAfter("CreateProperty"));
    fake.inject(Fault.serverErrorBefore("updateApplicationsProperty").times(3));
    fake.inject(Fault.serverErrorAfter("updateApplicationsProperty").times(2));
    fake.inject(Fault.resetBefore("updateApplicationsProperty").times(2));
    fake.inject(Fault.resetAfter("updateApplicationsProperty").times(2));
    fake.inject(Fault.slow("updateApplicationsProperty", Duration.ofMillis(300)).times(2));
    fake.inject(Fault.serverErrorBefore("getApplicationPropertyValues").times(2));

    Run apply =
        kp.fast("apply", "-f", manifests, "--auto-approve", "--verbose", "--audience", AUDIENCE);
    Run again = kp.fast("plan", "-f", manifests, "--detailed-exitcode");

    assertThat(apply.code()).isZero();
    assertThat(apply.out()).contains("Apply complete: 123 changes made.\n");
    assertThat(fake.pendingFaults()).isZero();
    assertThat(apply.err())
        .contains(": throttled (429)")
        .contains(": server error (500)")
        .contains("an earlier attempt to create category 'Ops' took effect")
        .contains("an earlier attempt to create property 'team' took effect");
    assertThat(again.code()).isZero();
    assertThat(fake.categories())
        .extracting(FakeKinde.Category::name)
        .containsExactlyInAnyOrder("Tenancy", "Ops");
    assertThat(fake.properties())
        .extracting(FakeKinde.Property::key)
        .containsExactlyInAnyOrder("region", "tier", "team");
  }
}
