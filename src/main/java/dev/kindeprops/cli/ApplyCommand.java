package dev.kindeprops.cli;

import dev.kindeprops.diag.UserError;
import dev.kindeprops.engine.ApplyUseCase;
import dev.kindeprops.engine.PlanMismatchException;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.render.ApplyMarkdownRenderer;
import dev.kindeprops.render.ApplyView;
import dev.kindeprops.render.OutputFormat;
import dev.kindeprops.render.PlanTextRenderer;
import dev.kindeprops.render.PlanView;
import dev.kindeprops.render.Renderers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code kinde-props apply}: carries out a saved plan exactly, or refuses it as stale; or, given
 * manifests, plans, shows the plan and carries it out once confirmed.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Carry out a saved plan exactly, or plan and carry out.",
      "With PLAN and -f: plans again from the manifests and carries out the saved plan",
      "only if the fresh plan's changes are exactly its changes (the form CI uses).",
      "With PLAN alone: carries out the plan as saved, if its file is intact and it",
      "obeys the rules the manifests obey; it cannot write sensitive values (a plan",
      "holds them only sealed). A saved plan is refused when the live state, the",
      "manifests or the kinde-props version changed since it was made, and asks no",
      "question. With -f alone the plan is shown first and carried out once confirmed",
      "with 'yes' (--auto-approve confirms without asking)."
    },
    footer = {
      "",
      "Deletes and replaces (property deletes and type changes, value unsets, claim",
      "toggles turned off) need --allow-delete; without it apply refuses the plan",
      "before the first change.",
      "",
      "Claim toggles that Kinde's API cannot make are manual steps for the dashboard.",
      "On Kinde, apply ends with a closing check: it mints one token as each",
      "application whose claims or claimed values it changed (so each needs an",
      "audience: 'audience' in the manifests, or --audience) and lists the toggles the",
      "tokens show not yet made, with their dashboard path. --skip-token-check skips",
      "it and lists the plan's manual steps instead. With GITHUB_STEP_SUMMARY set, the",
      "same list goes to the job summary.",
      "",
      "Formats (--format): text (default); json: each change with its outcome, the",
      "manual steps left and the closing check, for scripts.",
      "",
      "Exit codes: 0 every change made; 1 error, refusal (stale plan, no confirmation,",
      "deletes without --allow-delete) or a failed change; with --detailed-exitcode, 2",
      "when every change was made and toggles are left to make (or a token could not",
      "be checked).",
      "",
      "Examples:",
      "  kinde-props plan -f manifests/ --out plan.json",
      "  kinde-props apply plan.json -f manifests/",
      "  kinde-props apply -f manifests/ --state state.json",
      "  kinde-props apply -f manifests/ --auto-approve --allow-delete"
    })
final class ApplyCommand extends Subcommand {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PLAN",
      description =
          "A plan saved with `kinde-props plan --out PLAN`: applied exactly, no question;"
              + " with -f, only if the manifests still make exactly this plan.")
  Path planFile;

  @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "Manifests:%n")
  ManifestOptions manifests;

  @Mixin TargetOptions target;

  @Mixin ObserveClaimsOptions observe;

  @Option(
      names = "--auto-approve",
      description =
          "Apply without asking (required without a terminal); ignored with a saved plan.")
  boolean autoApprove;

  @Option(
      names = "--allow-delete",
      description = "Allow deletes and replaces; without it apply refuses a plan that has any.")
  boolean allowDelete;

  @Option(
      names = "--skip-token-check",
      description =
          "On Kinde, do not end with the closing check of the tokens (which mints one token per"
              + " application whose claims changed).")
  boolean skipTokenCheck;

  @Option(
      names = "--detailed-exitcode",
      description =
          "Exit with 2 when every change was made and toggles are left to make (0 when none).")
  boolean detailedExitCode;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      converter = ApplyCommand.LockTimeout.class,
      description =
          "How long to wait for a state file another apply holds, such as 30s, 5m or 1h"
              + " (default 5m; 0: do not wait). Says on standard error when it waits.")
  Duration lockTimeout = ApplyUseCase.DEFAULT_LOCK_TIMEOUT;

  @Mixin FormatOption format = new FormatOption(OutputFormat.TEXT, OutputFormat.JSON);

  /** A duration as {@code --lock-timeout} takes it: a whole number and a unit, or 0. */
  static final class LockTimeout implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      if (value.equals("0")) {
        return Duration.ZERO;
      }
      Matcher matcher = FORM.matcher(value);
      if (!matcher.matches()) {
        throw new TypeConversionException(
            "--lock-timeout takes a duration such as 30s, 5m or 1h (0: do not wait), not '"
                + value
                + "'");
      }
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
  }

  @Override
  public Integer call() {
    if (planFile == null && manifests != null && !console.interactive() && !autoApprove) {
      throw new UserError(
          "apply -f asks for confirmation, and there is no terminal to ask at: pass"
              + " --auto-approve, or save a reviewed plan with kinde-props plan --out PLAN and"
              + " apply it with kinde-props apply PLAN. Nothing was changed.");
    }
    DesiredState desired = manifests == null ? null : manifests.load(console);
    // A JSON report keeps standard output machine-clean: progress goes to standard error.
    PrintStream progressOut = format.get() == OutputFormat.TEXT ? console.out() : console.err();
    ApplyProgress progress = new ApplyProgress(progressOut, planFile, common.color(console));
    ApplyUseCase.Result result;
    try {
      result =
          ApplyUseCase.run(
              new ApplyUseCase.Request(
                  planFile,
                  desired,
                  target.spec(console, common.verbose()),
                  observe.audiences(desired),
                  observe.audience(),
                  !skipTokenCheck,
                  allowDelete,
                  target.parallelism(),
                  progress,
                  new Review(),
                  lockTimeout,
                  this::sayWaiting));
    } catch (PlanMismatchException e) {
      showDifference(e);
      throw e;
    } finally {
      progress.end();
    }
    if (!result.approved()) {
      console.out().println();
      console.out().println("Apply cancelled.");
      return ExitCode.ERROR;
    }
    if (result.report() == null) {
      return ExitCode.OK;
    }
    ApplyView view =
        ApplyView.of(
            result.plan().target(),
            result.report(),
            result.plan().sensitiveProperties(),
            result.tokenCheck());
    print(Renderers.apply(format.get()).render(view));
    StepSummary.append(console, () -> new ApplyMarkdownRenderer().render(view));
    if (!result.report().complete()) {
      return ExitCode.ERROR;
    }
    return detailedExitCode && view.anythingLeft() ? ExitCode.CHANGES : ExitCode.OK;
  }

  private void sayWaiting(String line) {
    console.err().println(line);
    console.err().flush();
  }

  /** Shows a fresh plan as text and asks on the terminal, unless approval was given up front. */
  private final class Review implements ApplyUseCase.Review {
    @Override
    public void show(Plan plan) {
      // A JSON report stays machine-clean: the plan's changes are in it, with their outcomes.
      if (format.get() == OutputFormat.TEXT) {
        print(new PlanTextRenderer(common.color(console)).render(PlanView.of(plan, allowDelete)));
      }
    }

    @Override
    public boolean approve(Plan plan) {
      return autoApprove || confirmed();
    }
  }

  /** What the saved plan and the plan of the manifests now each make that the other does not. */
  private void showDifference(PlanMismatchException mismatch) {
    PlanTextRenderer text = new PlanTextRenderer(common.color(console));
    Plan fresh = mismatch.fresh();
    PrintStream err = console.err();
    if (!mismatch.diff().savedOnly().isEmpty()) {
      err.println("In the saved plan, and not in the plan the manifests make now:");
      err.println();
      err.print(text.renderChanges(PlanView.of(fresh.withChanges(mismatch.diff().savedOnly()))));
    }
    if (!mismatch.diff().freshOnly().isEmpty()) {
      err.println("In the plan the manifests make now, and not in the saved plan:");
      err.println();
      err.print(text.renderChanges(PlanView.of(fresh.withChanges(mismatch.diff().freshOnly()))));
    }
    err.flush();
  }

  /** Asks on the terminal; only {@code yes} confirms. */
  private boolean confirmed() {
    console.out().println();
    print("Do you want to apply these changes? Only 'yes' will be accepted: ");
    try {
      String answer =
          new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8))
              .readLine();
      return answer != null && answer.strip().equals("yes");
    } catch (IOException e) {
      throw new UserError("cannot read the answer: " + e.getMessage());
    }
  }
}
