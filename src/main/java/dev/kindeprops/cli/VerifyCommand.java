package dev.kindeprops.cli;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.engine.VerifyUseCase;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.ClaimCheck;
import dev.kindeprops.render.OutputFormat;
import dev.kindeprops.render.Renderers;
import dev.kindeprops.render.VerifyView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
      "Check that M2M tokens carry exactly the expected claims.",
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
      "Formats:",
      "  text  one line per application, then its missing, unexpected and different",
      "        entries",
      "  json  one JSON object: target, applications by name, summary",
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
final class VerifyCommand extends Subcommand {
  @Mixin ManifestOptions manifests;

  @Mixin ApplicationOption app;

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

  @Mixin FormatOption format = new FormatOption(OutputFormat.TEXT, OutputFormat.JSON);

  @Mixin TargetOptions target;

  @Override
  public Integer call() {
    DesiredState desired = manifests.load(console);
    VerifyUseCase.Result result =
        VerifyUseCase.run(
            new VerifyUseCase.Request(
                desired,
                app.name,
                token == null ? null : readToken(),
                audience,
                target.spec(console, common.verbose())));
    VerifyView view =
        new VerifyView(
            result.target(),
            result.checks(),
            desired.sensitiveProperties(),
            result.togglesStored() ? VerifyView.Fix.APPLY : VerifyView.Fix.DASHBOARD);
    print(Renderers.verify(format.get(), common.color(console)).render(view));
    return exitCode(result.checks());
  }

  /** {@code --token}: the value, or standard input for {@code -}. Never echoed. */
  private String readToken() {
    if (!token.equals("-")) {
      return token.trim();
    }
    try {
      String read = new String(console.in().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (read.isEmpty()) {
        throw new UserError("--token -: standard input holds no token");
      }
      return read;
    } catch (IOException e) {
      throw new UserError("--token -: cannot read standard input: " + e.getMessage());
    }
  }

  private static int exitCode(List<ClaimCheck> checks) {
    boolean error = checks.stream().anyMatch(c -> c.status() == ClaimCheck.Status.ERROR);
    boolean mismatch = checks.stream().anyMatch(c -> c.status() == ClaimCheck.Status.MISMATCH);
    return error ? ExitCode.ERROR : mismatch ? ExitCode.CHANGES : ExitCode.OK;
  }
}
