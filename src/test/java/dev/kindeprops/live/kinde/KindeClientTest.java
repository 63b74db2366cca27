package dev.kindeprops.live.kinde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.live.TargetException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's calls against the fake server: token, endpoints, pagination and errors. */
class KindeClientTest extends ClientAgainstFakeKinde {
  @Test
  void getsOneManagementTokenAndReusesIt() {
    KindeClient client = client();

    client.listProperties();
    client.listCategories();
    client.listApplications();

    assertThat(fake.count("token")).isEqualTo(1);
  }

  @Test
  void renewsTheTokenShortlyBeforeItExpires() {
    KindeClient client = client();
    client.listProperties();

    time.advance(Duration.ofSeconds(86399 - 61));
    client.listProperties();
    assertThat(fake.count("token")).isEqualTo(1);

    time.advance(Duration.ofSeconds(2));
    client.listProperties();
    assertThat(fake.count("token")).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void renewsAnExpiredTokenOnceAndRetriesWhetherKindeAnswers401Or403(int status) {
    fake.expiredTokenStatus(status);
    KindeClient client = client();
    client.listProperties();

    fake.expireManagementTokens();
    client.listProperties();

    assertThat(fake.count("token")).isEqualTo(2);
    assertThat(fake.count("GetProperties")).isEqualTo(3);
    assertThat(trace).anyMatch(line -> line.contains("-> " + status) && line.contains("renewing"));
  }

  @Test
  void aSecond401MeansBadCredentials() {
    fake.inject(
        Fault.errorBefore("GetProperties", 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}")
            .times(2));

    assertThatThrownBy(() -> client().listProperties())
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("bad or expired")
        .hasMessageContaining("KINDE_MANAGEMENT_CLIENT_ID and KINDE_MANAGEMENT_CLIENT_SECRET");
    assertThat(fake.count("token")).isEqualTo(2);
  }

  @Test
  void aWrongSecretNamesTheVariables() {
    KindeClient client =
        client(KindeSettings.of(fake.domain(), FakeKinde.MANAGEMENT_CLIENT_ID, "wrong-secret-123"));

    assertThatThrownBy(client::listProperties)
        .isInstanceOf(TargetException.class)
        .hasMessage(
            "Kinde refused the management credentials (invalid_client): check"
                + " KINDE_MANAGEMENT_CLIENT_ID and KINDE_MANAGEMENT_CLIENT_SECRET");
  }

  @Test
  void anUnknownClientIdNamesTheVariables() {
    KindeClient client = client(KindeSettings.of(fake.domain(), "nobody", "whatever-secret"));

    assertThatThrownBy(client::listApplications).hasMessageContaining("invalid_client");
  }

  @Test
  void listsApplicationPropertiesAcrossPages() {
    for (int i = 0; i < 230; i++) {
      fake.addProperty(String.format("p%03d", i), "P" + i, "Tenancy", i % 2 == 0);
    }
    fake.addOtherContextProperty("kp_usr_city", "usr");
    fake.addProperty("kp_app_thing", "Kinde's", "Kinde", true);
    fake.record();

    List<Wire.Property> properties = client().listProperties();

    assertThat(properties).hasSize(231);
    assertThat(properties.stream().map(Wire.Property::key)).doesNotHaveDuplicates();
    assertThat(properties).filteredOn(Wire.Property::isKindeProperty).hasSize(1);
    assertThat(properties.get(0).isPrivate()).isTrue();
    assertThat(properties.get(1).isPrivate()).isFalse();
    assertThat(properties.get(0).type()).isNull();
    assertThat(fake.count("GetProperties")).isEqualTo(3);
    assertThat(fake.exchanges())
        .filteredOn(e -> e.operation().equals("GetProperties"))
        .allMatch(e -> e.query().get("page_size").equals("100"))
        .allMatch(e -> e.query().get("context").equals("app"))
        .filteredOn(e -> e.query().containsKey("starting_after"))
        .hasSize(2);
  }

  @Test
  void readsTypeAndCategoryWhenTheListCarriesThem() {
    String id = fake.addProperty("notes", "Notes", "", "multi_line_text", "Ops", false);
    fake.listShowsTypeAndCategory(true);

    Wire.Property notes = client().listProperties().get(0);

    assertThat(notes.id()).isEqualTo(id);
    assertThat(notes.type()).isEqualTo("multi_line_text");
    assertThat(notes.categoryId()).isEqualTo(fake.categories().get(0).id());
  }

  @Test
  void listsAppCategoriesAcrossPagesAsAllBarUserAndOrganizationOnes() {
    for (int i = 0; i < 150; i++) {
      fake.addCategory("Category " + i);
    }
    fake.addCategory("Org only", "org");
    fake.addCategory("User only", "usr");
    fake.record();

    KindeClient.CategoryListing listing = client().listCategories();

    assertThat(listing.contextsKnown()).isTrue();
    assertThat(listing.candidates())
        .hasSize(150)
        .noneMatch(c -> c.name().equals("Org only") || c.name().equals("User only"));
    // Two pages of everything, one of user and one of organization categories.
    assertThat(fake.count("GetCategories")).isEqualTo(4);
    assertThat(fake.exchanges())
        .filteredOn(e -> e.operation().equals("GetCategories"))
        .extracting(e -> e.query().get("context"))
        .doesNotContain("app");
  }

  @ParameterizedTest
  @EnumSource(FakeKinde.ContextFilter.class)
  void neverAsksForTheAppContextTheSpecDoesNotList(FakeKinde.ContextFilter appFilter) {
    fake.addCategory("Tenancy");
    fake.addCategory("Tenancy", "usr");
    fake.appContextFilter(appFilter);

    KindeClient.CategoryListing listing = client().listCategories();

    assertThat(listing.contextsKnown()).isTrue();
    assertThat(listing.candidates())
        .singleElement()
        .extracting(Wire.Category::name)
        .isEqualTo("Tenancy");
    assertThat(
            fake.categories().stream()
                .filter(c -> c.context().equals("app"))
                .map(FakeKinde.Category::id))
        .containsExactly(listing.candidates().get(0).id());
  }

  @ParameterizedTest
  @EnumSource(
      value = FakeKinde.ContextFilter.class,
      names = {"IGNORED", "REFUSED"})
  void saysSoWhenKindeDoesNotFilterByContext(FakeKinde.ContextFilter filter) {
    fake.addCategory("Tenancy");
    fake.addCategory("Org only", "org");
    fake.userAndOrgContextFilter(filter);

    KindeClient.CategoryListing listing = client().listCategories();

    assertThat(listing.contextsKnown()).isFalse();
    assertThat(listing.candidates())
        .extracting(Wire.Category::name)
        .containsExactly("Tenancy", "Org only");
  }

  @Test
  void listsApplicationsFollowingNextToken() {
    fake.addApplications(180, "m2m", "m2m");
    fake.addApplications(70, "spa", "spa");
    fake.record();

    List<Wire.Application> applications = client().listApplications();

    assertThat(applications).hasSize(250);
    assertThat(applications).filteredOn(a -> a.type().equals("m2m")).hasSize(180);
    assertThat(fake.count("getApplications")).isEqualTo(3);
    assertThat(fake.exchanges())
        .filteredOn(e -> e.operation().equals("getApplications"))
        .allMatch(e -> e.query().get("page_size").equals("100"))
        .filteredOn(e -> e.query().containsKey("next_token"))
        .hasSize(2);
  }

  @Test
  void readsPropertyValuesWithUnsetOnesAsNull() {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addProperty("tier", "Tier", "Tenancy", false);
    fake.addApplication("app1", "billing", "m2m").setValue("app1", "region", "eu");

    List<Wire.PropertyValue> values = client().getPropertyValues("app1");

    assertThat(values)
        .containsExactly(
            new Wire.PropertyValue("region", "eu"), new Wire.PropertyValue("tier", null));
  }

  @Test
  void followsNextTokenOnPropertyValuesDefensively() {
    for (String key : List.of("a", "b", "c", "d", "e")) {
      fake.addProperty(key, key, "Tenancy", false);
    }
    fake.addApplication("app1", "billing", "m2m").setValue("app1", "e", "last");
    fake.valuesPageSize(2);
    fake.omitUnsetValues(false);

    List<Wire.PropertyValue> values = client().getPropertyValues("app1");

    assertThat(values).hasSize(5).last().isEqualTo(new Wire.PropertyValue("e", "last"));
    assertThat(fake.count("getApplicationPropertyValues")).isEqualTo(3);
  }

  @Test
  void writesPropertiesCategoriesAndValues() {
    KindeClient client = client();
    fake.addApplication("app1", "billing", "m2m");

    String category = client.createCategory("Tenancy");
    String property =
        client.createProperty("region", "Region", "Where", "single_line_text", true, category);
    client.updateProperty(property, "region", "Data region", "Where data lives", false, category);
    client.setPropertyValue("app1", "region", "eu");

    assertThat(fake.categories())
        .containsExactly(new FakeKinde.Category(category, "Tenancy", "app"));
    assertThat(fake.property("region").orElseThrow())
        .isEqualTo(
            new FakeKinde.Property(
                property,
                "region",
                "Data region",
                "Where data lives",
                "single_line_text",
                "app",
                false,
                category,
                false));
    assertThat(fake.values("app1")).containsEntry("region", "eu");

    client.setPropertyValue("app1", "region", "");
    assertThat(fake.values("app1")).isEmpty();

    client.deleteProperty(property, "region");
    assertThat(fake.properties()).isEmpty();
  }

  @Test
  void readsAnApplicationWithItsSecretMasked() {
    fake.addApplication("app1", "billing", "m2m");

    Wire.ApplicationDetail app = client().getApplication("app1");

    assertThat(app.secret().value()).isEqualTo(fake.clientSecret("app1"));
    assertThat(app.toString()).doesNotContain(fake.clientSecret("app1"));
    assertThat(app.type()).isEqualTo("m2m");
    assertThat(app.clientId()).isEqualTo("app1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"errors\":[{\"code\":\"INVALID_THING\",\"message\":\"The thing is invalid\"}]}",
        "{\"errors\":{\"code\":\"INVALID_THING\",\"message\":\"The thing is invalid\"}}",
        "{\"code\":\"INVALID_THING\",\"message\":\"The thing is invalid\"}"
      })
  void readsEveryErrorShape(String body) {
    fake.inject(Fault.errorBefore("GetProperties", 400, body));

    assertThatThrownBy(() -> client().listProperties())
        .isInstanceOf(TargetException.class)
        .hasMessage(
            "Kinde refused to list properties (HTTP 400) (Kinde: INVALID_THING: The thing is"
                + " invalid)");
  }

  @Test
  void anUnreadableErrorBodyStillGivesTheStatus() {
    fake.inject(Fault.errorBefore("GetProperties", 418, "<html>teapot</html>"));

    assertThatThrownBy(() -> client().listProperties())
        .hasMessage("Kinde refused to list properties (HTTP 418)");
  }

  @Test
  void aMissingScopeIsNamed() {
    Set<String> scopes = new HashSet<>(FakeKinde.ALL_SCOPES);
    scopes.remove("update:application_properties");
    fake.grantScopes(scopes);
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addApplication("app1", "billing", "m2m");

    assertThatThrownBy(() -> client().setPropertyValue("app1", "region", "eu"))
        .isInstanceOf(TargetException.class)
        .hasMessageStartingWith(
            "Kinde refused to set 'region' on application app1 (HTTP 403): the management"
                + " application "
                + FakeKinde.MANAGEMENT_CLIENT_ID
                + " lacks the scope update:application_properties; grant it in Kinde under"
                + " Applications > that application > APIs > Kinde Management API > Manage"
                + " scopes");
    // A fresh token first, in case the 403 meant an expired one; then the scope is named.
    assertThat(fake.count("token")).isEqualTo(2);
    assertThat(fake.count("updateApplicationsProperty")).isEqualTo(2);
  }

  @Test
  void deletingAPropertyThatIsGoneAlreadySucceeds() {
    String id = fake.addProperty("legacy", "Legacy", "Tenancy", true);
    KindeClient client = client();
    client.deleteProperty(id, "legacy");

    client.deleteProperty(id, "legacy");

    assertThat(fake.properties()).isEmpty();
    assertThat(trace).anyMatch(line -> line.contains("gone already"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"getApplications", "getApplicationPropertyValues"})
  void bothNextTokenListsRefuseAPageThatLeadsBackToItself(String operation) {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addApplication("app1", "billing", "m2m");
    String field = operation.equals("getApplications") ? "applications" : "properties";
    fake.inject(
        Fault.errorBefore(operation, 200, "{\"" + field + "\": [], \"next_token\": \"again\"}")
            .times(5));
    KindeClient client = client();

    assertThatThrownBy(
            () -> {
              if (operation.equals("getApplications")) {
                client.listApplications();
              } else {
                client.getPropertyValues("app1");
              }
            })
        .isInstanceOf(TargetException.class)
        .hasMessageStartingWith("Kinde's pagination did not advance while trying to ");
    assertThat(fake.count(operation)).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(FakeKinde.NotFoundStyle.class)
  void anUnknownApplicationIsNamedWithTheDomain(FakeKinde.NotFoundStyle style) {
    fake.notFoundStyle(style);

    assertThatThrownBy(() -> client().getPropertyValues("nope"))
        .isInstanceOf(ApplicationNotFoundException.class)
        .hasMessage("application nope does not exist in " + fake.domain());
    assertThatThrownBy(() -> client().getApplication("nope"))
        .isInstanceOf(ApplicationNotFoundException.class);
  }

  @Test
  void anUnknownRouteSuggestsCheckingTheDomain() {
    fake.inject(
        Fault.errorBefore(
            "GetProperties",
            404,
            "{\"errors\":{\"code\":\"ROUTE_NOT_FOUND\",\"message\":\"The requested API route does"
                + " not exist\"}}"));

    assertThatThrownBy(() -> client().listProperties())
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("ROUTE_NOT_FOUND")
        .hasMessageContaining("is KINDE_DOMAIN (" + fake.domain() + ") a Kinde domain?");
  }

  @Test
  void retriesARefusedConnectionWithinTheBudgetThenNamesTheDomain() {
    String domain = fake.domain();
    fake.close();

    assertThatThrownBy(() -> client().listProperties())
        .hasMessageStartingWith("Kinde did not get a Management API token after 8 attempts")
        .hasMessageContaining("last: connection refused")
        .hasMessageEndingWith("; check KINDE_DOMAIN (" + domain + ")");
    assertThat(trace).filteredOn(line -> line.contains("connection refused")).hasSize(8);
  }

  @Test
  void aHostThatDoesNotResolveIsNotRetried() {
    KindeClient client =
        client(KindeSettings.of("https://kinde-props-test.invalid", "id", "some-secret-value"));

    assertThatThrownBy(client::listProperties)
        .hasMessage(
            "cannot find https://kinde-props-test.invalid to get a Management API token: check"
                + " KINDE_DOMAIN");
    assertThat(trace).hasSize(1);
  }

  @Test
  void tracesEachRequestWithoutSecrets() {
    fake.addApplication("app1", "billing", "m2m");
    KindeClient client = client();

    client.listProperties();
    Wire.ApplicationDetail app = client.getApplication("app1");
    Secret token = client.mintApplicationToken("app1", app.secret(), "https://api.example.com");

    assertThat(trace)
        .hasSize(4)
        .satisfies(
            lines -> {
              assertThat(lines.get(0)).matches("kinde: POST /oauth2/token -> 200 \\(\\d+ ms\\)");
              assertThat(lines.get(1))
                  .matches(
                      "kinde: GET /api/v1/properties\\?context=app&page_size=100 -> 200 \\(\\d+"
                          + " ms\\)");
              assertThat(lines.get(2)).startsWith("kinde: GET /api/v1/applications/app1 -> 200");
              assertThat(lines.get(3)).startsWith("kinde: POST /oauth2/token -> 200");
            });
    String all = String.join("\n", trace);
    assertThat(all)
        .doesNotContain(fake.managementClientSecret())
        .doesNotContain(app.secret().value())
        .doesNotContain(token.value());
  }
}
