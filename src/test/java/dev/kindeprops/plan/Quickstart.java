package dev.kindeprops.plan;

import dev.kindeprops.fixtures.DesiredBuilder;
import dev.kindeprops.fixtures.LiveBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quickstart tenant in code, where planner and drift tests start: categories Tenancy and AI,
 * properties region and tier (Tenancy) and model_version (AI), and the M2M application
 * billing-worker, whose tokens claim region and tier. A test changes what it is about on the
 * returned builder (a later property or application of the same key or id replaces this one).
 */
final class Quickstart {
  static final String BILLING = "3b0b5c6c8fcc464fab397f4969b5f482";

  /** billing-worker's values as the quickstart manifests declare them. */
  static final Map<String, String> VALUES =
      Map.of("region", "eu", "tier", "pro", "model_version", "v2");

  private Quickstart() {}

  /** {@link #VALUES} with one value changed. */
  static Map<String, String> valuesWith(String key, String value) {
    Map<String, String> values = new TreeMap<>(VALUES);
    values.put(key, value);
    return values;
  }

  /** The tenant's categories and properties, without any application. */
  static LiveBuilder properties() {
    return new LiveBuilder()
        .category("Tenancy")
        .category("AI")
        .property("region", "Tenancy")
        .property("tier", "Tenancy")
        .property("model_version", "AI");
  }

  /** The tenant as the quickstart manifests leave it. */
  static LiveBuilder live() {
    return live(VALUES, "region", "tier");
  }

  /**
   * The tenant with billing-worker (named as in the dashboard) holding these values and toggles.
   */
  static LiveBuilder live(Map<String, String> values, String... claims) {
    return properties().m2m(BILLING, "Billing worker", values, claims);
  }

  /** The quickstart manifests. */
  static DesiredBuilder desired() {
    return desired(VALUES, "region", "tier");
  }

  /** The quickstart manifests with billing-worker declaring these values and claims. */
  static DesiredBuilder desired(Map<String, String> values, String... claims) {
    return new DesiredBuilder()
        .property("region", "Tenancy")
        .property("tier", "Tenancy")
        .property("model_version", "AI")
        .application("billing-worker", BILLING, values, claims);
  }
}
