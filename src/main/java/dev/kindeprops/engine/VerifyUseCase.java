package dev.kindeprops.engine;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.live.ClaimObservation;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.ClaimValue;
import dev.kindeprops.live.InvalidTokenException;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TokenChecker;
import dev.kindeprops.live.TokenClaims;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ExpectedClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code verify}: the {@code application_properties} claim each managed application's M2M token
 * actually carries, against the one the manifests expect. The target observes the tokens (on Kinde
 * by minting one as each application; for a state file from its toggles and values); or one token
 * someone obtained is checked against the domain's keys.
 */
public final class VerifyUseCase {
  private VerifyUseCase() {}

  /**
   * @param application the local name of the only application to check, or null for all
   * @param token an access token to check instead of observing the target's, or null
   * @param audience the audience to mint tokens for and that a token must carry, instead of each
   *     application's; or null
   */
  public record Request(
      DesiredState desired, String application, String token, String audience, TargetSpec target) {}

  /**
   * @param target the name of what the claims were read from
   * @param checks one per application checked, in manifest order
   * @param togglesStored whether the target stores toggles, so that apply fixes mismatches
   */
  public record Result(String target, List<ClaimCheck> checks, boolean togglesStored) {}

  /**
   * @throws UserError when the application is unknown, or the target cannot be read at all
   */
  public static Result run(Request request) {
    DesiredState desired = request.desired();
    if (request.application() != null
        && !desired.applications().containsKey(request.application())) {
      throw new UserError(ClaimsUseCase.unknownApplication(desired, request.application()));
    }
    if (request.token() != null) {
      try (TokenChecker checker = Targets.tokenChecker(request.target())) {
        return new Result(checker.name(), List.of(checkToken(checker, request)), false);
      }
    }
    List<Application> selected =
        request.application() == null
            ? List.copyOf(desired.applications().values())
            : List.of(desired.applications().get(request.application()));
    try (Target live = Targets.open(request.target())) {
      Map<String, String> audiences = Audiences.of(desired, request.audience());
      if (live.claimToggles() == ClaimToggles.OBSERVABLE) {
        Audiences.require(selected, audiences, "verify");
      }
      Map<String, ClaimObservation> observed =
          live.observeClaims(selected.stream().map(Application::id).toList(), audiences);
      List<ClaimCheck> checks = new ArrayList<>();
      for (Application application : selected) {
        ClaimObservation observation = observed.get(application.id());
        checks.add(
            observation.ok()
                ? compare(desired, application, observation.claims())
                : ClaimCheck.failed(application.name(), application.id(), observation.problem()));
      }
      return new Result(live.name(), checks, live.claimToggles() == ClaimToggles.STORED);
    }
  }

  /** Checks one token, for the requested application or the one it was issued to. */
  private static ClaimCheck checkToken(TokenChecker checker, Request request) {
    DesiredState desired = request.desired();
    Application application =
        request.application() != null
            ? desired.applications().get(request.application())
            : issuedTo(checker, request);
    String audience = request.audience() != null ? request.audience() : application.audience();
    if (audience == null) {
      Audiences.require(List.of(application), Map.of(), "verify --token");
    }
    try {
      TokenClaims claims = checker.verify(request.token(), application.id(), audience);
      return compare(desired, application, claims.applicationProperties());
    } catch (InvalidTokenException e) {
      return ClaimCheck.failed(application.name(), application.id(), e.getMessage());
    }
  }

  /** The managed application a valid token names as its {@code azp}. */
  private static Application issuedTo(TokenChecker checker, Request request) {
    TokenClaims claims;
    try {
      claims = checker.verify(request.token(), null, request.audience());
    } catch (InvalidTokenException e) {
      throw new UserError("the token does not verify: " + e.getMessage());
    }
    String azp = claims.authorizedParty();
    return request.desired().applications().values().stream()
        .filter(a -> a.id().equals(azp))
        .findFirst()
        .orElseThrow(
            () ->
                new UserError(
                    "the token was issued to "
                        + (azp == null ? "no application (it has no azp)" : "application " + azp)
                        + ", which the manifests do not list; give --app NAME to check it against"
                        + " one of theirs"));
  }

  private static ClaimCheck compare(
      DesiredState desired, Application application, SortedMap<String, ClaimValue> actual) {
    return ClaimCheck.compare(
        application.name(),
        application.id(),
        ExpectedClaims.forToken(desired, application, actual),
        actual);
  }
}
