package dev.kindeprops.cli;

import dev.kindeprops.diag.InvalidInputException;
import dev.kindeprops.diag.UserError;
import dev.kindeprops.render.DiagnosticRenderer;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Builds the command line for one run and maps every failure to one message and an exit code: the
 * only place where exceptions become output.
 */
public final class Cli {
  private Cli() {}

  /** Runs kinde-props with these arguments and returns the exit code. */
  public static int run(Console console, String... args) {
    CommandLine commandLine = commandLine(console);
    int code = commandLine.execute(args);
    console.out().flush();
    console.err().flush();
    return code;
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

  private static int onBadArguments(ParameterException exception, String[] args) {
    CommandLine failed = exception.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println("error: " + exception.getMessage());
    err.println(
        "Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.ERROR;
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
