package dev.kindeprops.live.kinde;

/**
 * What minting a token as one application showed: its verified claims, or why there are none.
 *
 * @param claims the verified token's claims, or null when {@code problem} says why there are none
 * @param problem one line without secrets, or null
 */
public record ClaimObservation(TokenClaims claims, String problem) {
  public ClaimObservation {
    if ((claims == null) == (problem == null)) {
      throw new IllegalArgumentException("exactly one of claims and problem");
    }
  }

  static ClaimObservation of(TokenClaims claims) {
    return new ClaimObservation(claims, null);
  }

  static ClaimObservation failed(String problem) {
    return new ClaimObservation(null, problem);
  }

  public boolean ok() {
    return claims != null;
  }
}
