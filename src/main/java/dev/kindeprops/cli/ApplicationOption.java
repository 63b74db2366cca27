package dev.kindeprops.cli;

import picocli.CommandLine.Option;

/** {@code --app}: the one managed application a command looks at. */
public final class ApplicationOption {
  @Option(
      names = "--app",
      paramLabel = "NAME",
      description = "Only this application (its local name in the manifests).")
  String name;
}
