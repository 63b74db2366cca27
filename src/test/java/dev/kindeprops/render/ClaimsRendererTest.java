package dev.kindeprops.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.plan.ApplicationClaims;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClaimsRendererTest {
  @Test
  void printsOneObjectPerApplicationWithSensitiveValuesMasked() {
    Map<String, ApplicationClaims> claims = new TreeMap<>();
    claims.put(
        "billing-worker",
        new ApplicationClaims(
            "3b0b",
            null,
            null,
            new TreeMap<>(
                Map.of(
                    "region", new ClaimValue("eu"),
                    "tier", new ClaimValue(null),
                    "api_key", new ClaimValue("s3cret")))));
    claims.put("search", new ApplicationClaims("9f3a", null, new TreeMap<>(), new TreeMap<>()));

    assertThat(
            new ClaimsRenderer().render(new ClaimsView(new TreeMap<>(claims), Set.of("api_key"))))
        .isEqualTo(
            """
            {
              "billing-worker": {
                "application_id": "3b0b",
                "application_properties": {
                  "api_key": {
                    "v": "(sensitive)"
                  },
                  "region": {
                    "v": "eu"
                  },
                  "tier": {}
                }
              },
              "search": {
                "application_id": "9f3a",
                "application_properties": {}
              }
            }
            """);
  }
}
