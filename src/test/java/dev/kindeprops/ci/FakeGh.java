package dev.kindeprops.ci;

import static dev.kindeprops.fixtures.Launcher.quote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A stand-in for the GitHub CLI, the one thing these tests mock: {@code gh} talks to GitHub, which
 * cannot be reached here. It records every call's arguments (and copies every body file it is
 * given) and answers from rules: the first rule whose bash pattern matches the arguments prints its
 * output and exits with its code; a rule may also copy files into the {@code --dir} it was given,
 * as {@code gh run download} and {@code gh release download} would. A call no rule matches fails,
 * so a test notices it.
 */
final class FakeGh {
  private record Rule(String pattern, int exit, String output, List<Path> downloads) {}

  private final Path directory;
  private final List<Rule> rules = new ArrayList<>();

  FakeGh(Path directory) {
    this.directory = directory;
  }

  /** Answers calls whose arguments start with {@code prefix} with {@code output}. */
  FakeGh on(String prefix, String output) {
    rules.add(new Rule(quote(prefix) + "*", 0, output, List.of()));
    return this;
  }

  /** Answers calls whose arguments contain {@code text} anywhere with {@code output}. */
  FakeGh onContaining(String text, String output) {
    rules.add(new Rule("*" + quote(text) + "*", 0, output, List.of()));
    return this;
  }

  /** Fails calls whose arguments start with {@code prefix}, printing {@code message}. */
  FakeGh fail(String prefix, String message) {
    rules.add(new Rule(quote(prefix) + "*", 1, message, List.of()));
    return this;
  }

  /** Copies {@code files} into the {@code --dir} of calls whose arguments start with it. */
  FakeGh download(String prefix, Path... files) {
    rules.add(new Rule(quote(prefix) + "*", 0, "", List.of(files)));
    return this;
  }

  /** Writes the {@code gh} script into {@code bin} and returns {@code bin}. */
  Path install() throws IOException {
    Path bin = Files.createDirectories(directory.resolve("bin"));
    Files.createDirectories(directory.resolve("bodies"));
    StringBuilder script =
        new StringBuilder(
            """
            #!/usr/bin/env bash
            # Fake gh for WorkflowTest: records the call, then answers from the test's rules.
            set -u
            here=%s
            printf '%%s\\n' "$*" >> "$here/calls.log"
            dir=""
            previous=""
            for arg in "$@"; do
              case "$previous" in
                --body-file) cp "$arg" "$here/bodies/$(ls "$here/bodies" | wc -l).md" ;;
                --dir) dir="$arg" ;;
              esac
              case "$arg" in
                body=@*) cp "${arg#body=@}" "$here/bodies/$(ls "$here/bodies" | wc -l).md" ;;
              esac
              previous="$arg"
            done
            case "$*" in
            """
                .formatted(quote(directory.toAbsolutePath().toString())));
    for (Rule rule : rules) {
      script.append("  ").append(rule.pattern()).append(")\n");
      for (Path file : rule.downloads()) {
        script.append("    mkdir -p \"$dir\" && cp ");
        script.append(quote(file.toAbsolutePath().toString())).append(" \"$dir/\"\n");
      }
      if (rule.exit() == 0) {
        script.append("    printf '%s' ").append(quote(rule.output())).append('\n');
      } else {
        script.append("    printf '%s\\n' ").append(quote(rule.output())).append(" >&2\n");
      }
      script.append("    exit ").append(rule.exit()).append("\n    ;;\n");
    }
    script.append(
        """
          *)
            echo "fake gh: no rule for: $*" >&2
            exit 99
            ;;
        esac
        """);
    Path gh = bin.resolve("gh");
    Files.writeString(gh, script);
    Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  /** Every call's arguments, one line each, in order. */
  List<String> calls() throws IOException {
    Path log = directory.resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** The body files the calls were given, in order. */
  List<String> bodies() throws IOException {
    List<String> bodies = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory.resolve("bodies"))) {
      List<Path> sorted =
          files
              .sorted((a, b) -> Integer.compare(number(a.getFileName()), number(b.getFileName())))
              .toList();
      for (Path file : sorted) {
        bodies.add(Files.readString(file));
      }
    }
    return bodies;
  }

  private static int number(Path name) {
    String text = name.toString();
    return Integer.parseInt(text.substring(0, text.indexOf('.')));
  }
}
