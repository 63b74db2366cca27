package dev.kindeprops.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindeprops.fixtures.ClaimSource;
import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import dev.kindeprops.json.Json;
import dev.kindeprops.json.JsonSchema;
import dev.kindeprops.model.PropertyType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanCodecTest {
  static final String BILLING = PlannerTest.BILLING;

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
              "tool_version": "0.1.0",
              "target": "file:state.json",
              "manifest_digest": "sha256:""")
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
        .contains("\"v\": \"s3cret\"")
        .endsWith(
            """
              "sensitive_properties": [
                "api_key"
              ],
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
  void readsBackWhatItWrites() {
    for (ClaimSource source : ClaimSource.values()) {
      Plan plan = everything(source);
      String json = PlanCodec.write(plan);

      Plan read = PlanCodec.read("plan.json", json);

      assertThat(read).isEqualTo(plan);
      assertThat(PlanCodec.write(read)).isEqualTo(json);
    }
  }

  @Test
  void refusesAnotherFormatVersionWithAClearMessage() {
    String json =
        PlanCodec.write(everything(ClaimSource.STATE))
            .replace("\"format_version\": 1", "\"format_version\": 2");

    assertThatThrownBy(() -> PlanCodec.read("plan.json", json))
        .isInstanceOf(PlanFormatException.class)
        .hasMessage(
            "plan.json: plan format version 2 is not supported (this kinde-props reads version 1);"
                + " make the plan again with this version");
  }

  @Test
  void refusesWhatIsNotAPlan() {
    assertThatThrownBy(() -> PlanCodec.read("plan.json", "[]"))
        .hasMessage("plan.json: not a plan file: expected a JSON object");
    assertThatThrownBy(() -> PlanCodec.read("plan.json", "{"))
        .hasMessageStartingWith("plan.json: not a plan file: ");
    String json =
        PlanCodec.write(everything(ClaimSource.STATE))
            .replaceFirst("\"action\": \"create\"", "\"action\": \"rename\"");
    assertThatThrownBy(() -> PlanCodec.read("plan.json", json))
        .hasMessageStartingWith(
            "plan.json: not a valid plan file:\nplan.json: $.changes[0].action: ");
  }

  @Test
  void refusesAnEditedPlan() {
    String json =
        PlanCodec.write(everything(ClaimSource.STATE)).replace("\"create\": 6", "\"create\": 5");

    assertThatThrownBy(() -> PlanCodec.read("plan.json", json))
        .hasMessage("plan.json: the summary does not match the changes; the plan file was edited");
  }
}
