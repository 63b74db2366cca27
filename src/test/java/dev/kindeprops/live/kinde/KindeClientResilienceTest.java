package dev.kindeprops.live.kinde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.live.TargetException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Throttling, retries and faults: every write lands exactly once. */
class KindeClientResilienceTest extends ClientAgainstFakeKinde {
  @Test
  void waitsAsRateLimitResetSaysAfterA429() {
    fake.inject(Fault.throttled("GetProperties", "RateLimit-Reset", "3"));
    KindeClient client = client();

    client.listProperties();

    assertThat(fake.count("GetProperties")).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
    assertThat(trace)
        .anyMatch(l -> l.contains("-> 429") && l.contains("retry in 3.0 s: throttled (429)"));
  }

  @Test
  void fallsBackToRetryAfterAndThenToBackoff() {
    fake.inject(Fault.throttled("GetProperties", "Retry-After", "2"));
    client().listProperties();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));

    fake.inject(Fault.throttled("GetCategories", null, null));
    client().listCategories();
    // Full jitter with the simulated random 0.5: half of the first backoff of 500 ms.
    assertThat(time.sleeps()).contains(Duration.ofMillis(250));
  }

  @Test
  void aLongRateLimitResetIsCapped() {
    fake.inject(Fault.throttled("GetProperties", "RateLimit-Reset", "3600"));

    client().listProperties();

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60));
  }

  @Test
  void recoversFromTheServersOwnRateLimiterInRealTime() {
    for (int i = 0; i < 450; i++) {
      fake.addProperty(String.format("p%03d", i), "P", "Tenancy", true);
    }
    fake.rateLimit(3);
    KindeClient client =
        new KindeClient(fake.settings(1000, 4), trace::add, Timing.SYSTEM, RetryPolicy.DEFAULT);

    assertThat(client.listProperties()).hasSize(450);
    assertThat(trace).anyMatch(l -> l.contains("-> 429"));
  }

  @Test
  void staysUnderTheServersConcurrencyLimitWhenParallelismMatchesIt() {
    List<String> ids = fake.addApplications(12, "m2m", "m2m");
    fake.concurrencyLimit(3);
    fake.inject(Fault.slow("getApplicationPropertyValues", Duration.ofMillis(20)).times(12));
    KindeTarget target = new KindeTarget(client(fake.settings(1000, 3)), time.timing());

    assertThat(target.read(Set.copyOf(ids)).applications()).hasSize(12);
    assertThat(trace).noneMatch(l -> l.contains("-> 429"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"before", "after", "reset-before", "reset-after"})
  void retriesAValueWriteAfterAFault(String kind) {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addApplication("app1", "billing", "m2m");
    fake.inject(fault(kind, "updateApplicationsProperty"));

    client().setPropertyValue("app1", "region", "eu");

    assertThat(fake.values("app1")).containsEntry("region", "eu");
    assertThat(fake.count("updateApplicationsProperty")).isEqualTo(2);
    assertThat(fake.pendingFaults()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"before", "after", "reset-before", "reset-after"})
  void retriesAPropertyUpdateAfterAFault(String kind) {
    String category = fake.addCategory("Tenancy");
    String id = fake.addProperty("region", "Region", "Tenancy", true);
    fake.inject(fault(kind, "UpdateProperty"));

    client().updateProperty(id, "region", "Region", "", false, category);

    assertThat(fake.property("region").orElseThrow().isPrivate()).isFalse();
    assertThat(fake.count("UpdateProperty")).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"before", "after", "reset-before", "reset-after"})
  void retriesADeleteAfterAFault(String kind) {
    String id = fake.addProperty("legacy", "Legacy", "Tenancy", true);
    fake.inject(fault(kind, "DeleteProperty"));

    client().deleteProperty(id, "legacy");

    assertThat(fake.properties()).isEmpty();
    assertThat(fake.count("DeleteProperty")).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"before", "after", "reset-before", "reset-after"})
  void retriesReadsAfterAFault(String kind) {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.inject(fault(kind, "GetProperties"));

    assertThat(client().listProperties()).hasSize(1);
    assertThat(fake.pendingFaults()).isZero();
  }

  @Test
  void retriesAReadThatTimedOut() {
    fake.addProperty("region", "Region", "Tenancy", false);
    KindeClient client =
        client(fake.settings(1000, 4, Duration.ofSeconds(5), Duration.ofMillis(300)));
    client.listProperties(); // token first, so the slow reply hits the list
    fake.inject(Fault.slow("GetProperties", Duration.ofSeconds(2)));

    assertThat(client.listProperties()).hasSize(1);
    assertThat(trace).anyMatch(l -> l.contains("-> timed out") && l.contains("(error 1/8)"));
  }

  /** A create the fault let through is found and not sent again; one it stopped is sent again. */
  @ParameterizedTest
  @CsvSource({"after, 1", "reset-after, 1", "before, 2", "reset-before, 2"})
  void aPropertyIsCreatedOnceWhereverTheFaultStruck(String kind, int requests) {
    String category = fake.addCategory("Tenancy");
    fake.inject(fault(kind, "CreateProperty"));

    String id =
        client().createProperty("region", "Region", "", "single_line_text", false, category);

    assertThat(fake.properties()).extracting(FakeKinde.Property::id).containsExactly(id);
    assertThat(fake.count("CreateProperty")).isEqualTo(requests);
    assertThat(
            trace.stream()
                .anyMatch(l -> l.contains("an earlier attempt to create property 'region'")))
        .isEqualTo(requests == 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"before", "after", "reset-before", "reset-after", "throttled"})
  void aCategoryIsNeverCreatedTwice(String kind) {
    fake.inject(fault(kind, "CreateCategory"));

    String id = client().createCategory("Tenancy");

    assertThat(fake.categories()).extracting(FakeKinde.Category::id).containsExactly(id);
  }

  @Test
  void aCreateRefusedOnRetryBecauseTheFirstLandedLateIsTakenAsDone() {
    String category = fake.addCategory("Tenancy");
    // The first attempt's effect shows up only after the check: the check sees an empty list,
    // the retry is refused as a duplicate, and a second check finds the property.
    String late = fake.addProperty("region", "Region", "Tenancy", false);
    fake.inject(Fault.serverErrorBefore("CreateProperty"));
    fake.inject(Fault.errorBefore("GetProperties", 200, "{\"properties\":[],\"has_more\":false}"));

    String id =
        client().createProperty("region", "Region", "", "single_line_text", false, category);

    assertThat(id).isEqualTo(late);
    assertThat(fake.properties()).hasSize(1);
    assertThat(fake.count("CreateProperty")).isEqualTo(2);
  }

  @Test
  void givesUpAfterTheAttemptBudget() {
    fake.inject(Fault.serverErrorBefore("GetProperties").times(50));

    assertThatThrownBy(() -> client().listProperties())
        .isInstanceOf(TargetException.class)
        .hasMessageStartingWith("Kinde did not list properties after 8 attempts over ")
        .hasMessageEndingWith("(8 errors; last: server error (500))");
    assertThat(fake.count("GetProperties")).isEqualTo(8);
  }

  @Test
  void throttlingSpendsNoneOfTheErrorAttempts() {
    fake.inject(Fault.throttled("GetProperties", "RateLimit-Reset", "2").times(20));

    assertThat(client().listProperties()).isEmpty();

    assertThat(fake.count("GetProperties")).isEqualTo(21);
  }

  @Test
  void aResetOfZeroStillWaitsAndWaitsLongerEachTime() {
    fake.inject(Fault.throttled("GetProperties", "RateLimit-Reset", "0").times(3));

    client().listProperties();

    // Never a burst: at least the backoff (half of 0.5, 1 and 2 s with the simulated jitter).
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void givesUpWhenThrottledForLongerThanItsBudget() {
    fake.inject(Fault.throttled("GetProperties", "RateLimit-Reset", "60").times(20));

    assertThatThrownBy(() -> client().listProperties())
        .hasMessageContaining("after 11 attempts")
        .hasMessageContaining("throttled for longer than 600.0 s")
        .hasMessageContaining("lower --max-rps or --parallelism");
  }

  @Test
  void givesUpWhenFailingForLongerThanTheErrorBudget() {
    fake.inject(Fault.serverErrorBefore("GetProperties").times(50));
    RetryPolicy slowBackoff =
        new RetryPolicy(
            50,
            Duration.ofSeconds(120),
            Duration.ofSeconds(20),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofMinutes(10));
    KindeClient client =
        new KindeClient(fake.settings(1000, 4), trace::add, time.timing(), slowBackoff);

    assertThatThrownBy(client::listProperties)
        .hasMessageContaining("failing for longer than 120.0 s")
        .hasMessageEndingWith("last: server error (500))");
  }

  @Test
  void aCreateThrottledIsRetriedWithoutListingFirst() {
    String category = fake.addCategory("Tenancy");
    fake.inject(Fault.throttled("CreateProperty", "RateLimit-Reset", "1").times(3));

    client().createProperty("region", "Region", "", "single_line_text", false, category);

    assertThat(fake.properties()).hasSize(1);
    assertThat(fake.count("CreateProperty")).isEqualTo(4);
    assertThat(fake.count("GetProperties")).isZero();
  }

  @Test
  void aClientErrorIsNotRetried() {
    fake.inject(Fault.errorBefore("GetProperties", 400, "{\"errors\":[{\"code\":\"BAD\"}]}"));

    assertThatThrownBy(() -> client().listProperties()).hasMessageContaining("HTTP 400");
    assertThat(fake.count("GetProperties")).isEqualTo(1);
  }

  @Test
  void keepsTheRequestsInFlightWithinTheParallelism() {
    fake.addProperty("region", "Region", "Tenancy", false);
    List<String> ids = fake.addApplications(24, "m2m", "m2m");
    fake.inject(Fault.slow("getApplicationPropertyValues", Duration.ofMillis(40)).times(24));
    KindeTarget target = new KindeTarget(client(fake.settings(1000, 3)), time.timing());

    target.read(Set.copyOf(ids));

    assertThat(fake.maxInFlight()).isLessThanOrEqualTo(3).isGreaterThan(1);
  }

  @Test
  void neverLetsASecretIntoTheTraceOrAMessage() {
    fake.addProperty("region", "Region", "Tenancy", false);
    fake.addApplication("app1", "billing", "m2m");
    KindeClient client = client();
    Wire.ApplicationDetail app = client.getApplication("app1");
    Secret token = client.mintApplicationToken("app1", app.secret(), "https://api.example.com");
    String secret = fake.managementClientSecret();
    fake.inject(
        Fault.errorBefore(
            "updateApplicationsProperty",
            400,
            "{\"errors\":[{\"code\":\"ECHO\",\"message\":\"bad "
                + secret
                + " and "
                + app.secret().value()
                + " and "
                + token.value()
                + "\"}]}"));

    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> client.setPropertyValue("app1", "region", "eu"));

    assertThat(thrown).hasMessageContaining("ECHO").hasMessageContaining("(secret)");
    String everything = String.join("\n", trace) + "\n" + thrown.getMessage() + thrown;
    assertThat(everything)
        .doesNotContain(secret)
        .doesNotContain(app.secret().value())
        .doesNotContain(token.value());
  }

  @Test
  void aServerThatEchoesRequestsGetsNoSecretOutInAnyEncoding() {
    String secret = "mgmt s3cret+/\"quoted\"&é=€";
    fake.managementClientSecret(secret);
    fake.addProperty("notes", "Notes", "Ops", true);
    fake.addApplication("app1", "billing", "m2m");
    KindeClient client = client(fake.settings(1000, 4));
    String sensitive = "line one\n\"two\" & <three> é";
    fake.inject(Fault.echo("token"));
    fake.inject(Fault.echo("updateApplicationsProperty"));

    Throwable token = org.assertj.core.api.Assertions.catchThrowable(client::listProperties);
    KindeTarget target = new KindeTarget(client, time.timing());
    Throwable write =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                target.apply(
                    new dev.kindeprops.live.Operation.SetValue("app1", "notes", sensitive, true)));

    assertThat(token).hasMessageContaining("ECHO").hasMessageContaining("(secret)");
    assertThat(write).hasMessageContaining("ECHO").hasMessageContaining("(secret)");
    String everything =
        String.join("\n", trace) + "\n" + token.getMessage() + "\n" + write.getMessage();
    for (String text : new String[] {secret, sensitive}) {
      for (String form : Redactor.forms(text)) {
        assertThat(everything).doesNotContain(form);
      }
    }
    assertThat(everything).doesNotContain("s3cret").doesNotContain("three");
  }

  private static Fault fault(String kind, String operation) {
    return switch (kind) {
      case "before" -> Fault.serverErrorBefore(operation);
      case "after" -> Fault.serverErrorAfter(operation);
      case "reset-before" -> Fault.resetBefore(operation);
      case "reset-after" -> Fault.resetAfter(operation);
      case "throttled" -> Fault.throttled(operation, "RateLimit-Reset", "1");
      default -> throw new IllegalArgumentException(kind);
    };
  }
}
