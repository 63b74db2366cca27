package dev.kindeprops.live.kinde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.engine.Targets;
import dev.kindeprops.live.ClaimObservation;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveCategory;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.TargetException;
import dev.kindeprops.live.TokenClaims;
import dev.kindeprops.model.PropertyFields;
import dev.kindeprops.model.PropertyType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Kinde target against the fake server: reading with few requests, applying, claims. */
class KindeTargetTest {
  private static final String AUDIENCE = "https://api.example.com";

  private final FakeKinde fake = FakeKinde.start();
  private final List<String> trace = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    fake.close();
  }

  private KindeTarget target() {
    return new KindeTarget(
        new KindeClient(
            fake.settings(1000, 4), trace::add, new SimulatedTime().timing(), RetryPolicy.DEFAULT),
        Timing.SYSTEM);
  }

  /** Application app1 (billing), whose tokens carry region with this value. */
  private void app1ClaimsRegion(String value) {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addApplication("app1", "billing", "m2m").setValue("app1", "region", value);
    fake.toggleClaim("app1", "region", true);
  }

  /** A token Kinde issues to the application for {@link #AUDIENCE}, asked for with its secret. */
  private String tokenOf(String applicationId) {
    return new KindeClient(
            fake.settings(1000, 1), null, new SimulatedTime().timing(), RetryPolicy.DEFAULT)
        .mintApplicationToken(applicationId, new Secret(fake.clientSecret(applicationId)), AUDIENCE)
        .value();
  }

  @Test
  void isNamedAfterTheDomainAndCannotApplyClaims() {
    KindeTarget target = target();

    assertThat(target.name()).isEqualTo("kinde:" + fake.domain());
    assertThat(target.claimToggles()).isEqualTo(ClaimToggles.OBSERVABLE);
  }

  @Test
  void readsEveryM2mApplicationListingThemOnce() {
    List<String> m2m = fake.addApplications(150, "m2m", "m2m");
    fake.addApplications(20, "spa", "spa");

    LiveState live = target().readAllM2mApplications();

    assertThat(live.applications())
        .extracting(LiveApplication::id)
        .containsExactlyInAnyOrderElementsOf(m2m);
    assertThat(live.otherM2mApplications()).isZero();
    assertThat(fake.count("getApplications")).isEqualTo(2);
    assertThat(fake.count("getApplicationPropertyValues")).isEqualTo(150);
  }

  @Test
  void readsATenantWithTheFewestRequests() {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addProperty("tier", "Tier", "Tenancy", true);
    fake.addProperty("kp_app_flag", "Kinde's own", "Kinde", true);
    fake.addOtherContextProperty("kp_usr_city", "usr");
    fake.addCategory("Org stuff", "org");
    List<String> m2m = fake.addApplications(200, "m2m", "m2m");
    List<String> spa = fake.addApplications(50, "spa", "spa");
    Set<String> requested = new HashSet<>(m2m.subList(0, 8));
    requested.add(spa.get(0));
    requested.add("00000000000000000000000000000000");
    fake.setValue(m2m.get(0), "region", "eu").setValue(m2m.get(0), "tier", "pro");
    fake.setValue(spa.get(0), "region", "us");

    LiveState state = target().read(requested);

    // 1 property page, 1 category page, 3 application pages, 8 value reads; 1 token.
    assertThat(fake.count("GetProperties")).isEqualTo(1);
    // Every category, then the user and the organization ones (the rest are the application's).
    assertThat(fake.count("GetCategories")).isEqualTo(3);
    assertThat(fake.count("getApplications")).isEqualTo(3);
    assertThat(fake.count("getApplicationPropertyValues")).isEqualTo(8);
    assertThat(fake.apiRequests()).isEqualTo(15);
    assertThat(fake.count("token")).isEqualTo(1);

    assertThat(state.toggles()).isEqualTo(ClaimToggles.OBSERVABLE);
    assertThat(state.applications()).allMatch(app -> app.claims() == null);
    assertThat(state.otherM2mApplications()).isEqualTo(192);
    assertThat(state.categories())
        .extracting(LiveCategory::name)
        .containsExactlyInAnyOrder("Tenancy", "Kinde");
    assertThat(state.properties())
        .extracting(LiveProperty::key)
        .containsExactlyInAnyOrder("kp_app_flag", "region", "tier");
    LiveProperty region = state.property("region").orElseThrow();
    assertThat(region.isPrivate()).isFalse();
    assertThat(region.type()).isNull();
    assertThat(region.categoryId()).isNull();
    assertThat(state.applications()).hasSize(9);
    LiveApplication first = state.application(m2m.get(0)).orElseThrow();
    assertThat(first.values()).isEqualTo(Map.of("region", "eu", "tier", "pro"));
    assertThat(first.claims()).isNull();
    assertThat(first.name()).isEqualTo("m2m-0");
    LiveApplication single = state.application(spa.get(0)).orElseThrow();
    assertThat(single.type()).isEqualTo("spa");
    assertThat(single.values()).isEmpty();
    assertThat(state.application("00000000000000000000000000000000")).isEmpty();
  }

  @Test
  void readsWhatAStateFileSeeded() {
    fake.seedFromState(
        """
        {"version": 1,
         "categories": [{"id": "cat_1", "name": "Tenancy"}],
         "properties": [{"id": "prop_1", "key": "region", "name": "Region", "description": "",
                         "type": "single_line_text", "is_private": false, "category_id": "cat_1"}],
         "applications": [{"id": "3b0b5c6c8fcc464fab397f4969b5f482", "name": "billing-worker",
                           "type": "m2m", "values": {"region": "us"}, "claims": ["region"]}]}
        """);
    KindeTarget target = target();

    LiveState state = target.read(Set.of("3b0b5c6c8fcc464fab397f4969b5f482"));

    assertThat(state.categories()).extracting(LiveCategory::name).containsExactly("Tenancy");
    assertThat(state.property("region").orElseThrow().isPrivate()).isFalse();
    assertThat(state.applications().get(0).values()).isEqualTo(Map.of("region", "us"));
    assertThat(target.tokenOf("3b0b5c6c8fcc464fab397f4969b5f482", AUDIENCE).claimedKeys())
        .containsExactly("region");
  }

  @Test
  void readsTypeAndCategoryWhenKindeSendsThem() {
    String id = fake.addProperty("notes", "Notes", "", "multi_line_text", "Ops", true);
    fake.listShowsTypeAndCategory(true);

    LiveProperty notes = target().read(Set.of()).property("notes").orElseThrow();

    assertThat(notes.id()).isEqualTo(id);
    assertThat(notes.type()).isEqualTo(PropertyType.MULTI_LINE_TEXT);
    assertThat(notes.categoryId()).isEqualTo(fake.categories().get(0).id());
  }

  @Test
  void readsValuesWhetherUnsetOnesAreListedOrLeftOut() {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addProperty("tier", "Tier", "Tenancy", false);
    fake.addApplication("app1", "billing", "m2m").setValue("app1", "tier", "pro");

    Map<String, String> listed = target().read(Set.of("app1")).applications().get(0).values();
    fake.omitUnsetValues(true);
    Map<String, String> omitted = target().read(Set.of("app1")).applications().get(0).values();

    assertThat(listed).isEqualTo(Map.of("tier", "pro")).isEqualTo(omitted);
  }

  @Test
  void appliesEveryOperationTheApiAllows() {
    fake.addApplication("app1", "billing", "m2m");
    fake.addProperty("legacy", "Legacy", "Old", true);
    KindeTarget target = target();
    target.read(Set.of("app1"));
    PropertyFields region =
        new PropertyFields(
            "region", "Region", "Where", PropertyType.SINGLE_LINE_TEXT, "Tenancy", true);

    target.apply(new Operation.CreateCategory("Tenancy"));
    target.apply(new Operation.CreateCategory("Tenancy"));
    target.apply(new Operation.CreateProperty(region));
    target.apply(
        new Operation.UpdateProperty(
            new PropertyFields(
                "region",
                "Data region",
                "Where data lives",
                PropertyType.SINGLE_LINE_TEXT,
                "Old",
                false)));
    target.apply(new Operation.SetValue("app1", "region", "eu"));
    target.apply(new Operation.SetValue("app1", "legacy", "x"));
    target.apply(new Operation.DeleteValue("app1", "legacy"));
    target.apply(new Operation.DeleteProperty("legacy"));
    target.apply(new Operation.DeleteProperty("legacy"));

    assertThat(fake.categories())
        .extracting(FakeKinde.Category::name)
        .containsExactly("Old", "Tenancy");
    FakeKinde.Property created = fake.property("region").orElseThrow();
    assertThat(created.name()).isEqualTo("Data region");
    assertThat(created.description()).isEqualTo("Where data lives");
    assertThat(created.isPrivate()).isFalse();
    assertThat(created.categoryId()).isEqualTo(fake.categories().get(0).id());
    assertThat(created.context()).isEqualTo("app");
    assertThat(fake.values("app1")).isEqualTo(Map.of("region", "eu"));
    assertThat(fake.property("legacy")).isEmpty();
    assertThat(fake.count("CreateCategory")).isEqualTo(1);
    assertThat(fake.count("DeleteProperty")).isEqualTo(1);
  }

  @Test
  void appliesWithoutAnEarlierReadByListingWhatItNeeds() {
    fake.addCategory("Tenancy");
    fake.addProperty("region", "Region", "Tenancy", true);
    KindeTarget target = target();

    target.apply(
        new Operation.UpdateProperty(
            new PropertyFields(
                "region", "Region", "", PropertyType.SINGLE_LINE_TEXT, "Tenancy", false)));

    assertThat(fake.property("region").orElseThrow().isPrivate()).isFalse();
    assertThatThrownBy(
            () ->
                target.apply(
                    new Operation.CreateProperty(
                        new PropertyFields(
                            "tier", "Tier", "", PropertyType.SINGLE_LINE_TEXT, "Nowhere", false))))
        .isInstanceOf(TargetException.class)
        .hasMessage("category 'Nowhere' does not exist in " + fake.domain());
  }

  @Test
  void doesNotCreateACategoryThatExistsWhenNothingWasReadYet() {
    String id = fake.addCategory("Tenancy");

    target().apply(new Operation.CreateCategory("Tenancy"));

    assertThat(fake.categories()).extracting(FakeKinde.Category::id).containsExactly(id);
  }

  @Test
  void createsEachCategoryOnceUnderConcurrentApplies() {
    KindeTarget target = target();
    target.read(Set.of());

    IntStream.range(0, 8)
        .parallel()
        .forEach(i -> target.apply(new Operation.CreateCategory("Tenancy")));

    assertThat(fake.categories()).hasSize(1);
  }

  @Test
  void writesValuesInParallelSafely() {
    fake.addProperty("region", "Region", "Tenancy", false);
    List<String> ids = fake.addApplications(40, "m2m", "m2m");
    KindeTarget target = target();

    ids.parallelStream().forEach(id -> target.apply(new Operation.SetValue(id, "region", id)));

    ids.forEach(id -> assertThat(fake.values(id)).isEqualTo(Map.of("region", id)));
  }

  @Test
  void aValueForAnUnknownApplicationNamesItAndTheDomain() {
    fake.addProperty("region", "Region", "Tenancy", false);

    assertThatThrownBy(() -> target().apply(new Operation.SetValue("ghost", "region", "eu")))
        .isInstanceOf(ApplicationNotFoundException.class)
        .hasMessage("application ghost does not exist in " + fake.domain());
  }

  @Test
  void refusesClaimTogglesWithTheDashboardPath() {
    fake.addApplication("app1", "billing-worker", "m2m");
    KindeTarget target = target();
    target.read(Set.of("app1"));

    assertThatThrownBy(() -> target.apply(new Operation.SetClaim("app1", "region", true)))
        .isInstanceOf(TargetException.class)
        .hasMessage(
            "Kinde's Management API cannot toggle token claims: in the Kinde dashboard open"
                + " Applications > billing-worker > Tokens > Customize M2M token > Properties and"
                + " switch 'region' on (the property must be non-private first)");
  }

  @Test
  void observesClaimsByMintingATokenAsTheApplication() {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addProperty("tier", "Tier", "Tenancy", false);
    fake.addProperty("secret_note", "Note", "Tenancy", true);
    fake.addApplication("app1", "billing", "m2m")
        .setValue("app1", "region", "eu")
        .setValue("app1", "secret_note", "hidden")
        .toggleClaim("app1", "region", true)
        .toggleClaim("app1", "tier", true)
        .toggleClaim("app1", "secret_note", true);

    TokenClaims claims = target().tokenOf("app1", AUDIENCE);

    assertThat(claims.authorizedParty()).isEqualTo("app1");
    assertThat(claims.issuer()).isEqualTo(fake.issuer());
    assertThat(claims.audience()).containsExactly(AUDIENCE);
    assertThat(claims.applicationProperties())
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of("region", new ClaimValue("eu"), "tier", new ClaimValue(null))));
    assertThat(claims.claimedKeys()).containsExactly("region", "tier");
  }

  @Test
  void observesEveryApplicationsClaimsIntoTheLiveState() {
    fake.addProperty("region", "Region", "Tenancy", false);
    List<String> ids = fake.addApplications(6, "m2m", "m2m");
    fake.addApplication("spa1", "web", "spa");
    fake.toggleClaim(ids.get(0), "region", true);
    List<String> requested = new ArrayList<>(ids);
    requested.add("spa1");
    KindeTarget target = target();

    Map<String, String> audiences = new java.util.HashMap<>();
    ids.subList(0, 5).forEach(id -> audiences.put(id, AUDIENCE));

    LiveState observed =
        Targets.observeClaims(target, target.read(Set.copyOf(requested)), audiences);

    assertThat(observed.toggles()).isEqualTo(ClaimToggles.OBSERVABLE);
    assertThat(observed.application(ids.get(0)).orElseThrow().claims()).containsExactly("region");
    assertThat(observed.application(ids.get(1)).orElseThrow().claims()).isEmpty();
    assertThat(observed.application("spa1").orElseThrow().claims()).isNull();
    assertThat(fake.count("getApplication")).isEqualTo(6);
    // One refusal is that application's outcome: its toggles stay unknown, and a note says why.
    assertThat(observed.application(ids.get(5)).orElseThrow().claims()).isNull();
    assertThat(observed.notes())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("the token of application " + ids.get(5) + " could not be observed")
        .contains("The audience parameter is required");
  }

  @Test
  void aRefusedApplicationTokenNamesTheApplication() {
    fake.addApplication("app1", "billing", "m2m");
    fake.allowAudience("app1", "https://only.this");

    assertThatThrownBy(() -> target().tokenOf("app1", AUDIENCE))
        .isInstanceOf(TargetException.class)
        .hasMessageStartingWith(
            "Kinde refused to issue a token to application app1 (unauthorized_client: ")
        .hasMessageEndingWith("the application is not authorized for the audience " + AUDIENCE);
  }

  @Test
  void aMissingAudienceIsExplainedWhenKindeNeedsOne() {
    fake.addApplication("app1", "billing", "m2m");
    fake.applicationTokensNeedAudience(true);

    assertThatThrownBy(() -> target().tokenOf("app1", null))
        .hasMessageContaining("invalid_request")
        .hasMessageContaining("set 'audience' for the application or pass --audience");
  }

  @Test
  void verifiesAGivenTokenAndKeepsItOutOfTheTrace() {
    app1ClaimsRegion("us");
    KindeTarget target = target();
    String token = tokenOf("app1");

    TokenClaims claims = target.verify(token + "\n", "app1", AUDIENCE);

    assertThat(claims.applicationProperties()).containsEntry("region", new ClaimValue("us"));
    assertThat(trace).anyMatch(l -> l.contains("/.well-known/jwks"));
    assertThat(String.join("\n", trace)).doesNotContain(token);
  }

  @Test
  void observesEachApplicationAndKeepsEachOnesProblemToItself() {
    app1ClaimsRegion("eu");
    fake.addApplication("app2", "scorer", "m2m").allowAudience("app2", "https://only.this");
    fake.addApplication("spa1", "web", "spa");

    Map<String, ClaimObservation> observed =
        target()
            .observeClaims(
                List.of("app1", "app2", "spa1", "gone"),
                Map.of("app1", AUDIENCE, "app2", AUDIENCE));

    assertThat(observed).containsOnlyKeys("app1", "app2", "spa1", "gone");
    assertThat(observed.get("app1").claims())
        .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("region", new ClaimValue("eu"))));
    assertThat(observed.get("app2").problem())
        .startsWith("Kinde refused to issue a token to application app2 (unauthorized_client");
    assertThat(observed.get("spa1").problem())
        .isEqualTo(
            "application spa1 is a spa application, not m2m; only an M2M application's token"
                + " carries its properties");
    assertThat(observed.get("gone").problem())
        .isEqualTo("application gone does not exist in " + fake.domain());
    assertThat(String.join("\n", trace))
        .doesNotContain(fake.clientSecret("app1"))
        .doesNotContain(fake.managementClientSecret());
  }

  @Test
  void aProblemOfTheManagementApplicationEndsTheObservation() {
    fake.addApplication("app1", "billing", "m2m");
    fake.addApplication("app2", "scorer", "m2m");
    Set<String> scopes = new HashSet<>(FakeKinde.ALL_SCOPES);
    scopes.remove("read:applications");
    fake.grantScopes(scopes);

    assertThatThrownBy(() -> target().observeClaims(List.of("app1", "app2"), Map.of()))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("lacks the scope read:applications");
  }

  @Test
  void checksATokenWithTheDomainAloneAndNeedsCredentialsForAnythingElse() {
    app1ClaimsRegion("us");
    String token = tokenOf("app1");
    fake.resetCounts();
    KindeTarget keysOnly =
        KindeTarget.open(
            KindeSettings.withoutCredentials(
                Map.of(KindeSettings.DOMAIN_VARIABLE, fake.domain()), KindeSettings.Overrides.NONE),
            trace::add);

    TokenClaims claims = keysOnly.verify(token, "app1", null);

    assertThat(claims.applicationProperties()).containsEntry("region", new ClaimValue("us"));
    assertThat(fake.count("jwks")).isEqualTo(1);
    assertThat(fake.count("token")).isZero();
    assertThatThrownBy(() -> keysOnly.read(Set.of("app1")))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("KINDE_MANAGEMENT_CLIENT_ID and KINDE_MANAGEMENT_CLIENT_SECRET");
    assertThat(fake.apiRequests()).isZero();
  }
}
