package dev.kindeprops.e2e;

import static dev.kindeprops.e2e.KindeEndToEndTest.BILLING;
import static dev.kindeprops.e2e.KindeEndToEndTest.REPORTS;
import static dev.kindeprops.e2e.KindeEndToEndTest.SCORER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.InProcess.Run;
import dev.kindeprops.json.Json;
import dev.kindeprops.live.kinde.FakeKinde;
import dev.kindeprops.live.kinde.FakeKinde.ContextFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The whole loop (plan, apply with its closing check, the toggles made as apply listed them,
 * verify, plan and drift clean, a value removed) under every answer Kinde's spec and docs leave
 * open, as {@link FakeKinde} offers them: the category list's answer to {@code context=usr} and
 * {@code context=org} (honoured, ignored, empty, refused), an audience required or optional, an
 * expired management token answered 401 or 403, an empty value write clearing the value or storing
 * {@code ""}. It converges under each, creates nothing twice, and never takes a user or
 * organization category for the application's.
 */
class KindeVariantsEndToEndTest {
  @TempDir Path dir;

  @RegisterExtension final KindeProps kp = KindeProps.started();
  private final FakeKinde fake = kp.fake();

  static Stream<Arguments> variants() {
    List<Arguments> all = new ArrayList<>();
    for (ContextFilter filter : ContextFilter.values()) {
      for (boolean audienceRequired : new boolean[] {true, false}) {
        for (int expired : new int[] {401, 403}) {
          for (boolean emptyStored : new boolean[] {false, true}) {
            all.add(Arguments.of(filter, audienceRequired, expired, emptyStored));
          }
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(
      name = "context=usr/org {0}, audience required {1}, expired token {2}, \"\" kept {3}")
  @MethodSource("variants")
  void theLoopConvergesWithoutADuplicate(
      ContextFilter filter, boolean audienceRequired, int expired, boolean emptyStored)
      throws IOException {
    fake.userAndOrgContextFilter(filter);
    fake.applicationTokensNeedAudience(audienceRequired);
    fake.expiredTokenStatus(expired);
    fake.emptyValueStored(emptyStored);
    // Where Kinde filters, user and organization categories of the manifests' names are never
    // taken for application ones; where it does not, no one can tell them apart, and the plan says
    // so (a category of another name shows that nothing is created twice all the same).
    boolean filtered = filter == ContextFilter.HONOURED || filter == ContextFilter.EMPTY;
    if (filter == ContextFilter.HONOURED) {
      fake.addCategory("Tenancy", "usr");
      fake.addCategory("AI", "org");
    } else {
      fake.addCategory("Ops", "usr");
    }
    Path manifests = quickstartCopy();
    Path saved = dir.resolve("plan.json");

    // Plan and apply: the closing check lists every toggle the tokens show not made (exit 2).
    Run plan = kp.fast("plan", "-f", manifests.toString(), "--out", saved.toString());
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out().contains("Kinde did not filter property categories by context"))
        .isEqualTo(!filtered);
    kp.keep(saved);
    Run apply =
        kp.fast(
            "apply",
            saved.toString(),
            "-f",
            manifests.toString(),
            "--format",
            "json",
            "--detailed-exitcode");
    assertThat(apply.code()).as(apply.err()).isEqualTo(2);
    JsonNode report = Json.MAPPER.readTree(apply.out());
    Map<String, List<String>> toTurnOn = toggles(report, "turn_on");
    assertThat(toTurnOn)
        .isEqualTo(
            Map.of(
                BILLING, List.of("model_version", "region", "tier"),
                REPORTS, List.of("region", "tier"),
                SCORER, List.of("model_version", "tier")));
    assertThat(toggles(report, "turn_off")).allSatisfy((id, keys) -> assertThat(keys).isEmpty());

    // The management token expires: renewed once, whichever status Kinde answers with.
    fake.expireManagementTokens();
    assertThat(kp.fast("verify", "-f", manifests.toString()).code()).isEqualTo(2);

    // A person makes exactly the toggles apply listed; then everything is clean.
    toTurnOn.forEach((id, keys) -> keys.forEach(key -> fake.toggleClaim(id, key, true)));
    assertClean(manifests);

    // A value removed from the manifests is written empty, whatever Kinde then keeps.
    Path applications = manifests.resolve("applications.yaml");
    Files.writeString(
        applications,
        Files.readString(applications)
            .replace(
                "      billing_notes: |\n"
                    + "        Invoiced yearly.\n"
                    + "        Contact: finance@example.com\n",
                ""));
    Run remove =
        kp.fast(
            "apply", "-f", manifests.toString(), "--auto-approve", "--allow-delete", "--no-color");
    assertThat(remove.code()).as(remove.out() + remove.err()).isZero();
    assertThat(remove.out()).contains("Apply complete: 1 change made.");
    if (emptyStored) {
      assertThat(fake.values(BILLING)).containsEntry("billing_notes", "");
    } else {
      assertThat(fake.values(BILLING)).doesNotContainKey("billing_notes");
    }
    assertClean(manifests);

    assertNothingTwice();
  }

  /** The quickstart's manifests in a folder of their own, to edit. */
  private Path quickstartCopy() throws IOException {
    Path manifests = dir.resolve("kinde");
    Files.createDirectories(manifests);
    try (Stream<Path> files = Files.list(Path.of(KindeEndToEndTest.QUICKSTART))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(file, manifests.resolve(file.getFileName()));
      }
    }
    fake.addApplication(BILLING, "Billing worker", "m2m");
    fake.addApplication(REPORTS, "Report generator", "m2m");
    fake.addApplication(SCORER, "ML scorer", "m2m");
    kp.applications(List.of(BILLING, REPORTS, SCORER));
    return manifests;
  }

  private void assertClean(Path manifests) {
    Run verify = kp.fast("verify", "-f", manifests.toString());
    Run plan =
        kp.fast("plan", "-f", manifests.toString(), "--observe-claims", "--detailed-exitcode");
    Run drift = kp.fast("drift", "-f", manifests.toString(), "--observe-claims");
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    assertThat(plan.code()).as(plan.out() + plan.err()).isZero();
    assertThat(drift.code()).as(drift.out() + drift.err()).isZero();
  }

  /** One application category per name, one property per key, each in an application category. */
  private void assertNothingTwice() {
    List<FakeKinde.Category> categories = fake.categories();
    Map<String, Long> appCategories =
        categories.stream()
            .filter(c -> c.context().equals("app"))
            .collect(Collectors.groupingBy(FakeKinde.Category::name, Collectors.counting()));
    assertThat(appCategories).allSatisfy((name, count) -> assertThat(count).isOne());
    Set<String> appCategoryIds =
        categories.stream()
            .filter(c -> c.context().equals("app"))
            .map(FakeKinde.Category::id)
            .collect(Collectors.toSet());
    assertThat(fake.properties()).extracting(FakeKinde.Property::key).doesNotHaveDuplicates();
    assertThat(fake.properties())
        .allSatisfy(p -> assertThat(appCategoryIds).contains(p.categoryId()));
  }

  /** The keys of one list of the report's manual steps, by application id. */
  private static Map<String, List<String>> toggles(JsonNode report, String list) {
    return report
        .path("manual_steps")
        .valueStream()
        .collect(
            Collectors.toMap(
                step -> step.path("application_id").asString(),
                step -> step.path(list).valueStream().map(JsonNode::asString).toList(),
                (a, b) -> a,
                java.util.TreeMap::new));
  }
}
