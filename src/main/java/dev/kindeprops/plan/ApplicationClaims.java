package dev.kindeprops.plan;

import dev.kindeprops.live.ClaimValue;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code application_properties} claim of one application's M2M token, before and after the
 * plan (with its manual steps) is carried out.
 *
 * @param audience the API audience its token is minted for (to observe it), or null for none
 * @param before what the target shows now, or null where it cannot be observed
 * @param after exactly what the token will carry
 */
public record ApplicationClaims(
    String applicationId,
    String audience,
    SortedMap<String, ClaimValue> before,
    SortedMap<String, ClaimValue> after) {

  public ApplicationClaims {
    Objects.requireNonNull(applicationId, "applicationId");
    before = before == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(before));
    after = Collections.unmodifiableSortedMap(new TreeMap<>(after));
  }
}
