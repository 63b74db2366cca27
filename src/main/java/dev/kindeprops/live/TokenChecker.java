package dev.kindeprops.live;

/**
 * Checks an access token someone obtained against the signing keys of the domain that issued it.
 */
public interface TokenChecker extends AutoCloseable {

  /** The domain's name for reports, such as {@code kinde:https://acme.kinde.com}. */
  String name();

  /**
   * Verifies a token and returns what it says.
   *
   * @param applicationId the application it must have been issued to ({@code azp}), or null
   * @param audience an audience it must carry, or null
   * @throws InvalidTokenException saying what is wrong with it
   */
  TokenClaims verify(String token, String applicationId, String audience);

  @Override
  default void close() {}
}
