package dev.kindeprops.cli;

import dev.kindeprops.Version;
import dev.kindeprops.apply.Applier;
import dev.kindeprops.apply.ApplyOptions;
import dev.kindeprops.apply.ApplyRefusedException;
import dev.kindeprops.apply.ApplyReport;
import dev.kindeprops.live.Target;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.ManifestDigest;
import dev.kindeprops.plan.Change;
import dev.kindeprops.plan.Plan;
import dev.kindeprops.plan.PlanCodec;
import dev.kindeprops.plan.PlanFormatException;
import dev.kindeprops.render.PlanTextRenderer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
      "With PLAN: applies the plan saved by plan --out, with no question.",
      "A saved plan is refused when the live state, the manifests or the kinde-props",
      "version changed since it was made. With -f the plan is shown first and carried",
      "out once confirmed with 'yes' (--auto-approve confirms without asking)."
    },
    footer = {
      "",
      "Deletes and replaces (property deletes and type changes, value unsets, claim",
      "toggles turned off) need --allow-delete; without it apply refuses the plan",
      "before the first change. Claim toggles that the target cannot make (Kinde) are",
      "listed at the end as manual steps for the dashboard.",
      "",
      "Exit codes: 0 every change made; 1 error, refusal (stale plan, no confirmation,",
      "deletes without --allow-delete) or a failed change.",
      "",
      "Examples:",
      "  kinde-props plan -f manifests/ --out plan.json && kinde-props apply plan.json",
      "  kinde-props apply -f manifests/ --state state.json",
      "  kinde-props apply -f manifests/ --auto-approve --allow-delete"
    })
final class ApplyCommand implements Callable<Integer> {
  /** Writes in flight at once against a state file unless {@code --parallelism} says otherwise. */
  static final int STATE_FILE_PARALLELISM = 64;

  /** The most writes in flight at once, as for the Kinde client. */
  static final int MAX_PARALLELISM = 64;

  private final Console console;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PLAN",
      description =
          "A plan saved with `kinde-props plan --out PLAN`: applied exactly, no question.")
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

  @Mixin CommonOptions common;

  ApplyCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    if (planFile == null && manifests == null) {
      throw new UserException(
          "give a saved plan (kinde-props apply PLAN) or manifests to plan and apply"
              + " (kinde-props apply -f PATH)");
    }
    parallelism();
    try {
      return planFile != null ? applySaved() : planAndApply();
    } catch (ApplyRefusedException e) {
      throw new UserException(e.getMessage());
    }
  }

  private int applySaved() {
    if (observe.observeClaims) {
      throw new UserException(
          "--observe-claims goes with -f: a saved plan is applied as it was made (make it with"
              + " kinde-props plan --observe-claims --out PLAN)");
    }
    Plan plan = readPlan(planFile);
    String digest = null;
    if (manifests != null) {
      digest = ManifestDigest.of(manifests.load(console).state());
    }
    try (Target live = target.open(console, common.verbose())) {
      Applier.refuseIfStale(plan, live, Version.current(), digest);
      return carryOut(plan, live);
    }
  }

  private int planAndApply() {
    if (!console.interactive() && !autoApprove) {
      throw new UserException(
          "apply -f asks for confirmation, and there is no terminal to ask at: pass"
              + " --auto-approve, or save a reviewed plan with kinde-props plan --out PLAN and"
              + " apply it with kinde-props apply PLAN. Nothing was changed.");
    }
    DesiredState desired = manifests.load(console).state();
    try (Target live = target.open(console, common.verbose())) {
      Plan plan = Planning.plan(console, desired, live, observe.audiences(desired));
      console.out().print(PlanTextRenderer.render(plan, common.color(console)));
      console.out().flush();
      if (!plan.hasChanges()) {
        return ExitCode.OK;
      }
      if (plan.changes().stream().allMatch(Change::manual)) {
        // Nothing to carry out, so nothing to confirm; any manual steps are listed again.
        return carryOut(plan, live);
      }
      Applier.check(plan, live, options(null));
      if (!autoApprove && !confirmed()) {
        console.out().println("Apply cancelled.");
        return ExitCode.ERROR;
      }
      return carryOut(plan, live);
    }
  }

  private int carryOut(Plan plan, Target live) {
    ApplyProgress progress = new ApplyProgress(console, ApplyProgress.LONG);
    ApplyReport report;
    try {
      report = Applier.apply(plan, live, options(progress));
    } finally {
      progress.end();
    }
    console
        .out()
        .print(ApplyReportText.render(report, plan.sensitiveProperties(), common.verbose()));
    console.out().flush();
    return report.complete() ? ExitCode.OK : ExitCode.ERROR;
  }

  private ApplyOptions options(ApplyProgress progress) {
    return new ApplyOptions(allowDelete, parallelism(), progress);
  }

  /**
   * {@code --parallelism}, or its default: as many writes in flight as the Kinde client allows at
   * once, and more for a state file, where writes that arrive together share one file write.
   */
  private int parallelism() {
    Integer given = target.parallelism();
    if (given == null) {
      return target.hasState() ? STATE_FILE_PARALLELISM : ApplyOptions.DEFAULT_PARALLELISM;
    }
    if (given < 1 || given > MAX_PARALLELISM) {
      throw new UserException(
          "--parallelism must be between 1 and " + MAX_PARALLELISM + ", not " + given);
    }
    return given;
  }

  /** Asks on the terminal; only {@code yes} confirms. */
  private boolean confirmed() {
    console.out().println();
    console.out().print("Do you want to apply these changes? Only 'yes' will be accepted: ");
    console.out().flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(console.in(), StandardCharsets.UTF_8))
              .readLine();
      console.out().println();
      return answer != null && answer.strip().equals("yes");
    } catch (IOException e) {
      throw new UserException("cannot read the answer: " + e.getMessage());
    }
  }

  private static Plan readPlan(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserException("plan file " + file + " does not exist");
    } catch (CharacterCodingException e) {
      throw new UserException(file + ": not a plan file: not UTF-8 text");
    } catch (IOException e) {
      throw new UserException("cannot read plan file " + file + ": " + e.getMessage());
    }
    try {
      return PlanCodec.read(file.toString(), text);
    } catch (PlanFormatException e) {
      throw new UserException(e.getMessage());
    }
  }
}
