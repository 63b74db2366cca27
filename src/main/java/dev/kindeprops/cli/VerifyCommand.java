package dev.kindeprops.cli;

import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.kinde.ClaimObservation;
import dev.kindeprops.live.kinde.InvalidTokenException;
import dev.kindeprops.live.kinde.KindeTarget;
import dev.kindeprops.live.kinde.TokenClaims;
import dev.kindeprops.manifest.Application;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.PropertyDefinition;
import dev.kindeprops.plan.ApplicationClaims;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.plan.ClaimValue;
import dev.kindeprops.plan.ExpectedClaims;
import dev.kindeprops.render.VerifyRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kinde-props verify}: the {@code application_properties} claim each managed application's
 * M2M token actually carries, against the one the manifests expect. On Kinde it mints a token as
 * each application and verifies it; with {@code --token} it checks one token someone obtained; with
 * {@code --state} it compares the claim the file's toggles and values give.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check that M2M tokens carry exactly the claims the manifests expect.",
      "Compares each managed application's application_properties claim with the",
      "expected one.",
      "",
      "On Kinde: mints a token as each application (its client secret is read",
      "through the API and kept in memory; each token counts toward Kinde's M2M",
      "token usage), verifies it (RS256 against the domain's JWKS, iss, exp, azp,",
      "and aud when an audience is set) and compares its claim.",
      "With --token: checks that token instead (needs only KINDE_DOMAIN).",
      "With --state: compares the claim the file's toggles and values give."
    },
    footer = {
      "",
      "Expected: each claimed property with its value from the manifests, plus what",
      "the token carries of properties the manifests do not manage (left alone).",
      "Sensitive values print as (sensitive). Tokens and secrets are never printed.",
      "",
      "Exit codes: 0 every claim matches, 2 a claim differs, 1 error (an",
      "application could not be checked, or bad input).",
      "",
      "Examples:",
      "  kinde-props verify -f manifests/",
      "  kinde-props verify -f manifests/ --app billing-worker --format json",
      "  get-token | kinde-props verify -f manifests/ --token -",
      "  kinde-props verify -f examples/quickstart \\",
      "      --state examples/quickstart/kinde-state.json"
    })
final class VerifyCommand implements Callable<Integer> {
  private final Console console;

  @Mixin ManifestOptions manifests;

  @Option(
      names = "--app",
      paramLabel = "NAME",
      description = "Only this application (its local name in the manifests).")
  String app;

  @Option(
      names = "--token",
      paramLabel = "JWT",
      description =
          "Check this access token instead of minting one; '-' reads it from standard input"
              + " (safer than the command line). Needs --app unless the token's azp is a"
              + " managed application.")
  String token;

  @Option(
      names = "--audience",
      paramLabel = "AUD",
      description =
          "The API audience to mint tokens for (and that a token must carry), instead of each"
              + " application's audience in the manifests.")
  String audience;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description = "text (default) or json.")
  Format format;

  @Mixin TargetOptions target;

  @Mixin CommonOptions common;

  VerifyCommand(Console console) {
    this.console = console;
  }

  enum Format {
    TEXT,
    JSON
  }

  static final class FormatConverter extends LowerCaseEnumConverter<Format> {
    FormatConverter() {
      super(Format.class);
    }
  }

  @Override
  public Integer call() {
    DesiredState desired = manifests.load(console).state();
    if (app != null && !desired.applications().containsKey(app)) {
      throw new UserException(ClaimsCommand.unknownApplication(desired, app));
    }
    List<Application> selected =
        app == null
            ? List.copyOf(desired.applications().values())
            : List.of(desired.applications().get(app));
    List<ClaimCheck> checks;
    String targetName;
    VerifyRenderer.Fix fix;
    if (token != null) {
      String jwt = readToken();
      try (KindeTarget kinde = target.openForTokens(console, common.verbose())) {
        checks = List.of(checkToken(kinde, desired, jwt));
        targetName = kinde.name();
        fix = VerifyRenderer.Fix.DASHBOARD;
      }
    } else {
      try (Target live = target.open(console, common.verbose())) {
        checks =
            live instanceof KindeTarget kinde
                ? observe(kinde, desired, selected)
                : fromState(live, desired, selected);
        targetName = live.name();
        fix = live.canApplyClaims() ? VerifyRenderer.Fix.APPLY : VerifyRenderer.Fix.DASHBOARD;
      }
    }
    Set<String> sensitive = sensitive(desired);
    console
        .out()
        .print(
            switch (format) {
              case TEXT ->
                  VerifyRenderer.text(targetName, checks, sensitive, fix, common.color(console));
              case JSON -> VerifyRenderer.json(targetName, checks, sensitive);
            });
    console.out().flush();
    return exitCode(checks);
  }

  /** Mints and verifies a token as each application, and compares what it carries. */
  private List<ClaimCheck> observe(
      KindeTarget kinde, DesiredState desired, List<Application> selected) {
    Map<String, String> audiences = Planning.audiences(desired, audience);
    Map<String, ClaimObservation> observed =
        kinde.observeEach(selected.stream().map(Application::id).toList(), audiences);
    List<ClaimCheck> checks = new ArrayList<>();
    for (Application application : selected) {
      ClaimObservation observation = observed.get(application.id());
      checks.add(
          observation.ok()
              ? compare(desired, application, observation.claims())
              : ClaimCheck.failed(application.name(), application.id(), observation.problem()));
    }
    return checks;
  }

  /** Checks one token someone obtained, for {@code --app} or the application it was issued to. */
  private ClaimCheck checkToken(KindeTarget kinde, DesiredState desired, String jwt) {
    Application application =
        app != null ? desired.applications().get(app) : issuedTo(kinde, desired, jwt);
    String wanted = audience != null ? audience : application.audience();
    try {
      return compare(desired, application, kinde.verifyToken(jwt, application.id(), wanted));
    } catch (InvalidTokenException e) {
      return ClaimCheck.failed(application.name(), application.id(), e.getMessage());
    }
  }

  /** The managed application a valid token names as its {@code azp}. */
  private Application issuedTo(KindeTarget kinde, DesiredState desired, String jwt) {
    TokenClaims claims;
    try {
      claims = kinde.verifyToken(jwt, null, audience);
    } catch (InvalidTokenException e) {
      throw new UserException("the token does not verify: " + e.getMessage());
    }
    String azp = claims.authorizedParty();
    return desired.applications().values().stream()
        .filter(a -> a.id().equals(azp))
        .findFirst()
        .orElseThrow(
            () ->
                new UserException(
                    "the token was issued to "
                        + (azp == null ? "no application (it has no azp)" : "application " + azp)
                        + ", which the manifests do not list; give --app NAME to check it against"
                        + " one of theirs"));
  }

  /** Compares the claim the state file's toggles and values give with the expected one. */
  private static List<ClaimCheck> fromState(
      Target live, DesiredState desired, List<Application> selected) {
    Set<String> ids = new TreeSet<>();
    selected.forEach(a -> ids.add(a.id()));
    LiveState state = live.read(ids);
    SortedMap<String, ApplicationClaims> claims = ExpectedClaims.of(desired, state);
    List<ClaimCheck> checks = new ArrayList<>();
    for (Application application : selected) {
      Optional<LiveApplication> liveApp = state.application(application.id());
      ApplicationClaims expected = claims.get(application.name());
      if (liveApp.isEmpty()) {
        checks.add(
            ClaimCheck.failed(
                application.name(),
                application.id(),
                "no live application has id " + application.id() + " in " + live.name()));
      } else if (!liveApp.get().isM2m()) {
        checks.add(
            ClaimCheck.failed(
                application.name(),
                application.id(),
                application.id()
                    + " is a "
                    + liveApp.get().type()
                    + " application ("
                    + liveApp.get().name()
                    + "); only an M2M application's token carries its properties"));
      } else {
        checks.add(
            ClaimCheck.compare(
                application.name(), application.id(), expected.after(), expected.before()));
      }
    }
    return checks;
  }

  private static ClaimCheck compare(
      DesiredState desired, Application application, TokenClaims token) {
    SortedMap<String, ClaimValue> actual = new TreeMap<>();
    token
        .applicationProperties()
        .forEach((key, value) -> actual.put(key, new ClaimValue(value.orElse(null))));
    return ClaimCheck.compare(
        application.name(),
        application.id(),
        ExpectedClaims.forToken(desired, application, actual),
        actual);
  }

  /** {@code --token}: the value, or standard input for {@code -}. Never echoed. */
  private String readToken() {
    if (!token.equals("-")) {
      return token.trim();
    }
    try {
      String read = new String(console.in().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (read.isEmpty()) {
        throw new UserException("--token -: standard input holds no token");
      }
      return read;
    } catch (IOException e) {
      throw new UserException("--token -: cannot read standard input: " + e.getMessage());
    }
  }

  private static Set<String> sensitive(DesiredState desired) {
    Set<String> keys = new TreeSet<>();
    desired.properties().values().stream()
        .filter(PropertyDefinition::sensitive)
        .forEach(p -> keys.add(p.key()));
    return keys;
  }

  private static int exitCode(List<ClaimCheck> checks) {
    boolean error = checks.stream().anyMatch(c -> c.status() == ClaimCheck.Status.ERROR);
    boolean mismatch = checks.stream().anyMatch(c -> c.status() == ClaimCheck.Status.MISMATCH);
    return error ? ExitCode.ERROR : mismatch ? ExitCode.CHANGES : ExitCode.OK;
  }
}
