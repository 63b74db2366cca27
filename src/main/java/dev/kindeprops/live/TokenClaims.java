package dev.kindeprops.live;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a verified M2M access token says.
 *
 * @param issuer {@code iss}
 * @param authorizedParty {@code azp}: the client id of the application it was issued to
 * @param audience {@code aud}
 * @param expiresAt {@code exp}
 * @param applicationProperties the {@code application_properties} claim by property key: the value
 *     of {@code {"v": value}} (booleans and numbers as their JSON text), or no value for {@code {}}
 *     (a toggled property without a value)
 */
public record TokenClaims(
    String issuer,
    String authorizedParty,
    List<String> audience,
    Instant expiresAt,
    SortedMap<String, ClaimValue> applicationProperties) {

  public TokenClaims {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(expiresAt, "expiresAt");
    audience = List.copyOf(audience);
    applicationProperties = Collections.unmodifiableSortedMap(new TreeMap<>(applicationProperties));
  }

  /** The keys of the properties toggled into the token. */
  public SortedSet<String> claimedKeys() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(applicationProperties.keySet()));
  }
}
