package dev.kindeprops.cli;

import dev.kindeprops.diag.InvalidInputException;
import dev.kindeprops.diag.UserError;
import dev.kindeprops.render.DiagnosticRenderer;
import dev.kindeprops.text.Spelling;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds the command line for one run and maps every failure to one message and an exit code: the
 * only place where exceptions become output.
 */
public final class Cli {
  private Cli() {}

  /** Runs kinde-props with these arguments and returns the exit code. */
  public static int run(Console console, String... args) {
    Console safe = safeOutput(console);
    CommandLine commandLine = commandLine(safe);
    int code = commandLine.execute(args);
    safe.out().flush();
    safe.err().flush();
    return code;
  }

  /**
   * The console with both output streams behind {@link TerminalSafeStream}, so that no name or
   * message from the manifests or from Kinde reaches a terminal or a log as a control sequence.
   */
  static Console safeOutput(Console console) {
    return new Console(
        console.in(),
        TerminalSafeStream.over(console.out(), console.interactive()),
        TerminalSafeStream.over(console.err(), console.interactive()),
        console.env(),
        console.interactive());
  }

  /** The command line of one run, with its output and failures wired to the console. */
  static CommandLine commandLine(Console console) {
    CommandLine commandLine = new CommandLine(KindePropsCommand.class, factory(console));
    // Every command answers --version, not only the top one.
    commandLine
        .getSubcommands()
        .values()
        .forEach(
            sub -> sub.getCommandSpec().versionProvider(new KindePropsCommand.VersionProvider()));
    commandLine.setOut(new PrintWriter(console.out(), true));
    commandLine.setErr(new PrintWriter(console.err(), true));
    commandLine.setParameterExceptionHandler(Cli::onBadArguments);
    commandLine.setExecutionStrategy(Cli::execute);
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> onFailure(console, exception, parseResult));
    return commandLine;
  }

  /** Commands get the run's {@link Console} as picocli makes them. */
  private static IFactory factory(Console console) {
    IFactory defaults = CommandLine.defaultFactory();
    return new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K made = defaults.create(type);
        if (made instanceof Subcommand command) {
          command.console = console;
        }
        return made;
      }
    };
  }

  /**
   * Runs the command asked for, with the options every command takes given before it ({@code
   * kinde-props --no-color plan}) as if given after it.
   */
  private static int execute(ParseResult parsed) {
    CommonOptions top = ((KindePropsCommand) parsed.commandSpec().userObject()).common;
    for (ParseResult sub = parsed.subcommand(); sub != null; sub = sub.subcommand()) {
      if (sub.commandSpec().userObject() instanceof Subcommand command) {
        command.common.include(top);
      }
    }
    return new RunLast().execute(parsed);
  }

  private static int onBadArguments(ParameterException exception, String[] args) {
    CommandLine failed = exception.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println("error: " + message(exception));
    if (exception instanceof UnmatchedArgumentException unmatched) {
      suggestion(unmatched).ifPresent(meant -> err.println("Did you mean: " + meant + "?"));
    }
    err.println(
        "Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.ERROR;
  }

  /** Picocli's message, said as our own messages are. */
  private static String message(ParameterException exception) {
    if (isUnknownCommand(exception)) {
      return "unknown command '"
          + ((UnmatchedArgumentException) exception).getUnmatched().get(0)
          + "'";
    }
    // Picocli starts an argument group's message with "Error: " and writes "option option" for a
    // map option's value without '='.
    return exception.getMessage().replaceFirst("^Error: ", "").replace("option option ", "option ");
  }

  /** A word where a command is expected, on the one command that has subcommands. */
  private static boolean isUnknownCommand(ParameterException exception) {
    return exception instanceof UnmatchedArgumentException unmatched
        && !unmatched.isUnknownOption()
        && !exception.getCommandLine().getSubcommands().isEmpty();
  }

  /** The command or option closest to the first one not understood, if one is close. */
  private static Optional<String> suggestion(UnmatchedArgumentException unmatched) {
    CommandSpec spec = unmatched.getCommandLine().getCommandSpec();
    String first = unmatched.getUnmatched().get(0);
    if (isUnknownCommand(unmatched)) {
      return Spelling.closest(first, spec.subcommands().keySet());
    }
    if (!unmatched.isUnknownOption()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    spec.options().forEach(option -> names.addAll(List.of(option.names())));
    return Spelling.closest(first.split("=", 2)[0], names);
  }

  private static int onFailure(Console console, Exception exception, ParseResult parseResult) {
    if (exception instanceof ReportedFailure) {
      return ExitCode.ERROR;
    }
    if (exception instanceof InvalidInputException invalid) {
      console.err().print(DiagnosticRenderer.text(invalid.diagnostics()));
      console.err().flush();
      return ExitCode.ERROR;
    }
    boolean verbose = parseResult.expandedArgs().contains("--verbose");
    if (exception instanceof UserError) {
      console.err().println("error: " + exception.getMessage());
    } else {
      console
          .err()
          .println(
              "error: unexpected "
                  + exception.getClass().getSimpleName()
                  + ": "
                  + exception.getMessage()
                  + (verbose ? "" : " (run with --verbose for details)"));
    }
    if (verbose) {
      printTrace(console, exception);
    }
    console.err().flush();
    return ExitCode.ERROR;
  }

  private static void printTrace(Console console, Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      console.err().println((t == exception ? "" : "Caused by: ") + t);
      for (StackTraceElement element : t.getStackTrace()) {
        console.err().println("\tat " + element);
      }
    }
  }
}
