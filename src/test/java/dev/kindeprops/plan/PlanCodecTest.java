package dev.kindeprops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.fixtures.ClaimSource;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.fixtures.PlanFiles;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import dev.kindeprops.model.PropertyType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanCodecTest {
  static final String BILLING = Quickstart.BILLING;

  /** A plan with every kind of change, a warning, unmanaged things and a sensitive property. */
  static Plan everything(ClaimSource source) {
    return PlannerTest.plan(
        new DesiredBuilder()
            .property("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("notes", "Ops", false, PropertyType.MULTI_LINE_TEXT, false)
            .sensitiveProperty("api_key", "Secrets")
            .application(
                "billing-worker",
                BILLING,
                Map.of("region", "eu", "notes", "a\nb", "api_key", "s3cret"),
                "region",
                "tier",
                "api_key")
            .removed("legacy")
            .build(),
        new LiveBuilder()
            .category("Tenancy")
            .category("Ops")
            .privateProperty("region", "Tenancy")
            .property("tier", "Tenancy")
            .property("notes", "Ops")
            .property("legacy", "Ops")
            .property("stray", "Ops")
            .m2m(BILLING, "Billing worker", Map.of("region", "us", "tier", "pro"), "tier")
            .otherM2mApplications(4)
            .claimSource(source)
            .build());
  }

  @Test
  void writesTheDesignedLayout() {
    String json = PlanCodec.write(everything(ClaimSource.STATE));

    assertThat(json)
        .startsWith(
            """
            {
              "format_version": 1,
              "plan_digest": "sha256:""")
        .contains(
            """
                {
                  "address": "application.billing-worker.value.region",
                  "kind": "value",
                  "action": "update",
                  "application_id": "3b0b5c6c8fcc464fab397f4969b5f482",
                  "key": "region",
                  "before": "us",
                  "after": "eu",
                  "manual": false
                },
            """)
        .contains(
            """
                "billing-worker": {
                  "application_id": "3b0b5c6c8fcc464fab397f4969b5f482",
                  "before": {
                    "application_properties": {
                      "tier": {
                        "v": "pro"
                      }
                    }
                  },
            """)
        .contains("\"api_key\": {\n            \"v\": {\n              \"sensitive\": \"sha256:")
        .doesNotContain("s3cret")
        .endsWith(
            """
              "sensitive_properties": [
                "api_key"
              ],
              "value_rules": {},
              "summary": {
                "create": 6,
                "update": 2,
                "replace": 1,
                "delete": 2,
                "manual": 0
              }
            }
            """);
  }

  @Test
  void writtenPlansMatchTheSchema() {
    JsonSchema schema = JsonSchema.load("/schemas/plan.schema.json");
    for (ClaimSource source : ClaimSource.values()) {
      String json = PlanCodec.write(everything(source));
      assertThat(schema.problems(Json.MAPPER.readTree(json))).as(source.name()).isEmpty();
    }
  }

  @Test
  void readsBackWhatItWritesWithSensitiveValuesSealed() {
    for (ClaimSource source : ClaimSource.values()) {
      Plan plan = everything(source);
      String json = PlanCodec.write(plan);

      Plan read = PlanCodec.read("plan.json", json);

      assertThat(read.sealed()).isTrue();
      assertThat(PlanCodec.write(read)).isEqualTo(json);
      assertThat(PlanDiff.between(read, plan).isEmpty()).as(source.name()).isTrue();
      ValueChange secret =
          read.changes().stream()
              .filter(c -> c instanceof ValueChange v && v.key().equals("api_key"))
              .map(ValueChange.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(Seal.isSeal(secret.after())).isTrue();
      assertThat(Seal.matches(secret.after(), secret.address(), "s3cret")).isTrue();
      assertThat(Seal.matches(secret.after(), secret.address(), "s3cret!")).isFalse();
      assertThat(withoutSecrets(read)).isEqualTo(withoutSecrets(plan));
      assertThat(read.claims().get("billing-worker").after().get("region"))
          .isEqualTo(plan.claims().get("billing-worker").after().get("region"));
    }
  }

  @Test
  void aPlanOfSeveralMebibytesReadsBackWithItsDigest() {
    // Its text spans several of the blocks PlanCodec writes through, its digest in the first.
    DesiredBuilder desired = new DesiredBuilder().property("region", "Tenancy");
    LiveBuilder live = new LiveBuilder().category("Tenancy").property("region", "Tenancy");
    String value = "eu-".repeat(300);
    for (int i = 0; i < 3_000; i++) {
      String id = String.format("%032x", i + 1);
      desired.application("app-" + i, id, Map.of("region", value + i), "region");
      live.m2m(id, "App " + i, Map.of("region", "us"), "region");
    }
    Plan plan = PlannerTest.plan(desired.build(), live.build());
    String json = PlanCodec.write(plan);
    assertThat(json.length()).isGreaterThan(3 << 20);

    Plan read = PlanCodec.read("plan.json", json);

    assertThat(PlanDiff.between(read, plan).isEmpty()).isTrue();
    assertThat(PlanCodec.write(read)).isEqualTo(json);
  }

  private static List<Change> withoutSecrets(Plan plan) {
    return plan.changes().stream()
        .filter(c -> !(c instanceof ValueChange v && v.key().equals("api_key")))
        .toList();
  }

  @Test
  void refusesAnotherFormatVersionWithAClearMessage() {
    String json =
        PlanFiles.resign(
            PlanCodec.write(everything(ClaimSource.STATE))
                .replace("\"format_version\": 1", "\"format_version\": 2"));

    assertThatThrownBy(() -> PlanCodec.read("plan.json", json))
        .isInstanceOf(PlanFormatException.class)
        .hasMessage(
            "plan.json: plan format version 2 is not supported (this kinde-props reads version 1);"
                + " make the plan again with this version");
  }

  @Test
  void refusesNumbersBeyondAnIntegerWithAClearMessage() {
    String json = PlanCodec.write(everything(ClaimSource.STATE));
    String huge = "99999999999999999999";

    assertThatThrownBy(
            () ->
                PlanCodec.read(
                    "plan.json",
                    json.replace("\"format_version\": 1", "\"format_version\": " + huge)))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageStartingWith("plan.json: plan format version " + huge + " is not supported");
    assertThatThrownBy(
            () ->
                PlanCodec.read(
                    "plan.json",
                    PlanFiles.resign(json.replace("\"create\": 6", "\"create\": " + huge))))
        .isInstanceOf(PlanFormatException.class)
        .hasMessageContaining("$.summary.create: must have a maximum value of 2147483647");
  }

  @Test
  void refusesWhatIsNotAPlan() {
    assertThatThrownBy(() -> PlanCodec.read("plan.json", "[]"))
        .hasMessage("plan.json: not a plan file: expected a JSON object");
    assertThatThrownBy(() -> PlanCodec.read("plan.json", "{"))
        .hasMessageStartingWith("plan.json: not a plan file: ");
    String json =
        PlanFiles.resign(
            PlanCodec.write(everything(ClaimSource.STATE))
                .replaceFirst("\"action\": \"create\"", "\"action\": \"rename\""));
    assertThatThrownBy(() -> PlanCodec.read("plan.json", json))
        .hasMessageStartingWith(
            "plan.json: not a valid plan file:\nplan.json: $.changes[0].action: ");
  }

  @Test
  void refusesAPlanFileChangedAfterItWasWritten() {
    String json = PlanCodec.write(everything(ClaimSource.STATE));
    String refusal =
        "plan.json: the plan file was changed after kinde-props wrote it (its plan_digest does not"
            + " match its content); make it again with kinde-props plan --out";

    for (String changed :
        List.of(
            json.replace("\"after\": \"eu\"", "\"after\": \"mars\""),
            json.replace("\"create\": 6", "\"create\": 5"),
            json.replace("\n", "\r\n"),
            "\uFEFF" + json,
            json.replace("  ", "\t"))) {
      assertThatThrownBy(() -> PlanCodec.read("plan.json", changed)).hasMessage(refusal);
    }
    assertThatThrownBy(() -> PlanCodec.read("plan.json", json.substring(0, json.length() / 2)))
        .hasMessageStartingWith("plan.json: not a plan file: ");
    assertThatThrownBy(
            () -> PlanCodec.read("plan.json", json.replaceFirst("  \"plan_digest\": [^\n]*\n", "")))
        .hasMessage(
            "plan.json: the plan file has no plan_digest; save it again with kinde-props plan"
                + " --out");
  }

  @Test
  void refusesAChangeWhoseAddressNamesSomethingElse() {
    String json =
        PlanFiles.resign(
            PlanCodec.write(everything(ClaimSource.STATE))
                .replace(
                    "\"address\": \"application.billing-worker.value.region\"",
                    "\"address\": \"application.billing-worker.value.tier\""));

    assertThatThrownBy(() -> PlanCodec.read("plan.json", json))
        .hasMessageContaining("(application.billing-worker.value.tier): its address does not name")
        .hasMessageStartingWith("plan.json: not a valid plan file: $.changes[");
  }
}
