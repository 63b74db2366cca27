package dev.kindeprops.cli;

import dev.kindeprops.engine.Inputs;
import dev.kindeprops.engine.ValidateUseCase;
import dev.kindeprops.manifest.DesiredState;
import dev.kindeprops.manifest.LoadResult;
import dev.kindeprops.manifest.Variables;
import dev.kindeprops.render.DiagnosticRenderer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of every command that reads manifests, and loading them. */
public final class ManifestOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "PATH",
      required = true,
      converter = ManifestOptions.NonEmptyPath.class,
      description =
          "A manifest file or directory; a directory means every YAML file below it"
              + " (*.yaml, *.yml) in sorted order, hidden ones skipped. Repeatable.")
  List<Path> paths;

  @Option(
      names = "--var",
      paramLabel = "NAME=VALUE",
      description = "A variable for $${var:NAME} in manifests. Repeatable; wins over --var-file.")
  Map<String, String> vars = new LinkedHashMap<>();

  @Option(
      names = "--var-file",
      paramLabel = "FILE",
      description = "A YAML map of variables for $${var:NAME}, such as 'region: eu'.")
  Path varFile;

  /** The manifest files the last load read. */
  private List<Path> loaded = List.of();

  /** A path as {@code -f} takes it: never empty, which would read the current directory. */
  static final class NonEmptyPath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      if (value.isEmpty()) {
        throw new TypeConversionException("-f needs a path, not an empty string");
      }
      return Path.of(value);
    }
  }

  /**
   * The options as another command takes them again, such as {@code -f kinde --var-file
   * vars/prod.yaml} (a {@code --var}'s value is left for the user to give: it may be a secret).
   */
  String arguments() {
    StringBuilder out = new StringBuilder();
    paths.forEach(path -> out.append(" -f ").append(path));
    if (varFile != null) {
      out.append(" --var-file ").append(varFile);
    }
    vars.keySet().forEach(name -> out.append(" --var ").append(name).append("=..."));
    return out.toString();
  }

  /** The files the loaded manifests came from and the variables file: what no output may be. */
  public Inputs inputs() {
    return new Inputs(loaded, varFile);
  }

  /** Loads the manifests with the run's environment, whatever their outcome. */
  public LoadResult read(Console console) {
    return ValidateUseCase.run(
        new ValidateUseCase.Request(paths, new Variables(console.env(), varFile, vars)));
  }

  /**
   * Loads the manifests for a command that needs them valid: prints warnings, and on errors prints
   * the diagnostics to standard error and ends the command with exit code 1.
   *
   * @throws ReportedFailure when the manifests have errors (already printed)
   */
  public DesiredState load(Console console) {
    LoadResult result = read(console);
    loaded = result.files();
    console.err().print(DiagnosticRenderer.text(result.diagnostics()));
    console.err().flush();
    if (!result.ok()) {
      throw new ReportedFailure();
    }
    return result.state();
  }
}
