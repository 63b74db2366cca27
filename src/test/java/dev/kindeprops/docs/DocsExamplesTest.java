package dev.kindeprops.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindeprops.fixtures.Folder;
import dev.kindeprops.fixtures.InProcess;
import dev.kindeprops.fixtures.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every example in README.md and docs/*.md works as written, so a copied example always does:
 *
 * <ul>
 *   <li>each {@code ```yaml} block is a manifest that {@code kinde-props validate} accepts, unless
 *       an HTML comment {@code <!-- fragment -->} right before it says it is part of one (or no
 *       manifest at all): then it need only be YAML. {@code <!-- validate-with: ARGS -->} gives
 *       {@code validate} more arguments, such as the variables the example uses;
 *   <li>each {@code kinde-props} or {@code ./kinde-props} command of a {@code sh}, {@code bash} or
 *       {@code console} block, each {@code $ kinde-props} line of another block (a transcript) and
 *       each inline {@code `./kinde-props ARGS`} runs, with bash, in a copy of the repository's
 *       {@code examples/} and {@code schemas/}, and exits 0 or 2 (2: changes or drift, as {@code
 *       plan --detailed-exitcode} and {@code drift} report them). The commands of one block run in
 *       order in one copy. A block marked {@code <!-- not-run: REASON -->} (one that needs a Kinde
 *       tenant, or stands for the reader's own files) is left out.
 * </ul>
 *
 * Each example is a test of its own, named by its file and line.
 */
class DocsExamplesTest {
  private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z0-9_-]*)\\s*$");
  private static final Pattern MARKER =
      Pattern.compile("^\\s*<!--\\s*([a-z-]+)(?::\\s*(.*?))?\\s*-->\\s*$");
  private static final Pattern INLINE = Pattern.compile("`(\\./kinde-props [^`]+)`");
  private static final Pattern COMMAND = Pattern.compile("^(?:\\$\\s+)?(\\.?/?kinde-props\\s.*)$");
  private static final Pattern COMMENT = Pattern.compile("\\s+#\\s.*$");
  private static final List<String> SHELLS = List.of("sh", "shell", "bash", "console");

  /** A fenced block: where it starts, its language, its lines, and the marker before it. */
  record Block(
      String file, int line, String language, List<String> lines, String marker, String note) {
    String where() {
      return file + ":" + line;
    }
  }

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> examples() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    int manifests = 0;
    int commands = 0;
    for (Path doc : documents()) {
      List<String> text = Files.readAllLines(doc);
      for (Block block : blocks(doc.toString(), text)) {
        if (block.language().equals("yaml") || block.language().equals("yml")) {
          tests.add(DynamicTest.dynamicTest(block.where() + " yaml", () -> checkYaml(block)));
          manifests += "fragment".equals(block.marker()) ? 0 : 1;
        } else {
          List<String> run = commands(block);
          if (!run.isEmpty() && !"not-run".equals(block.marker())) {
            tests.add(
                DynamicTest.dynamicTest(block.where() + " commands", () -> runAll(block, run)));
            commands += run.size();
          }
        }
      }
      for (int i = 0; i < text.size(); i++) {
        Matcher inline = INLINE.matcher(text.get(i));
        while (inline.find()) {
          Block line = new Block(doc.toString(), i + 1, "inline", List.of(), null, null);
          String command = inline.group(1);
          tests.add(
              DynamicTest.dynamicTest(
                  line.where() + " inline", () -> runAll(line, List.of(command))));
          commands++;
        }
      }
    }
    // The docs hold examples of both kinds: a broken extraction would find none and pass.
    assertThat(manifests).isGreaterThanOrEqualTo(2);
    assertThat(commands).isGreaterThanOrEqualTo(6);
    return tests.stream();
  }

  /** README.md and every docs/*.md. */
  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> files = Files.list(Path.of("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  /** The fenced blocks of a Markdown text, each with the HTML comment marker right before it. */
  static List<Block> blocks(String file, List<String> text) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      Matcher open = FENCE.matcher(text.get(i));
      if (!open.matches()) {
        continue;
      }
      String indent = open.group(1);
      int start = i;
      List<String> lines = new ArrayList<>();
      for (i++; i < text.size() && !FENCE.matcher(text.get(i)).matches(); i++) {
        String line = text.get(i);
        lines.add(line.startsWith(indent) ? line.substring(indent.length()) : line.strip());
      }
      String marker = null;
      String note = null;
      int before = start - 1;
      while (before >= 0 && text.get(before).isBlank()) {
        before--;
      }
      Matcher comment = before >= 0 ? MARKER.matcher(text.get(before)) : null;
      if (comment != null && comment.matches()) {
        marker = comment.group(1);
        note = comment.group(2);
      }
      blocks.add(new Block(file, start + 1, open.group(2), lines, marker, note));
    }
    return blocks;
  }

  /** The kinde-props commands of a block, continuation lines joined and comments left out. */
  static List<String> commands(Block block) {
    boolean shell = SHELLS.contains(block.language());
    List<String> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : block.lines()) {
      current.append(line.strip());
      if (line.endsWith("\\")) {
        current.setLength(current.length() - 1);
        continue;
      }
      String logical = current.toString().strip();
      current.setLength(0);
      if (!shell && !logical.startsWith("$ ")) {
        continue;
      }
      Matcher command = COMMAND.matcher(logical);
      if (command.matches()) {
        commands.add(COMMENT.matcher(command.group(1)).replaceFirst(""));
      }
    }
    return commands;
  }

  private void checkYaml(Block block) throws IOException {
    String text = String.join("\n", block.lines()) + "\n";
    try {
      new Load(LoadSettings.builder().setLabel(block.where()).build()).loadFromString(text);
    } catch (RuntimeException e) {
      throw new AssertionError(block.where() + ": the example is not YAML: " + e.getMessage());
    }
    if ("fragment".equals(block.marker())) {
      return;
    }
    Path file = temp.resolve("example.yaml");
    Files.writeString(file, text);
    List<String> args = new ArrayList<>(List.of("validate", "-f", file.toString()));
    if ("validate-with".equals(block.marker())) {
      args.addAll(List.of(block.note().split("\\s+")));
    }
    InProcess.Run run = InProcess.run(args);
    assertThat(run.code())
        .as(
            "%s: the manifest example fails kinde-props validate (mark it <!-- fragment --> if it is"
                + " only part of a manifest):%n%s",
            block.where(), run.err().replace(file.toString(), block.where() + " (example.yaml)"))
        .isZero();
  }

  /** Runs the commands in order in a fresh copy of the repository's examples. */
  private void runAll(Block block, List<String> commands) throws IOException, InterruptedException {
    Path copy = Files.createTempDirectory(temp, "repository-");
    for (String folder : List.of("examples", "schemas")) {
      Folder.write(copy.resolve(folder), Folder.texts(Path.of(folder)));
    }
    Path bin = Files.createDirectories(copy.resolve(".bin"));
    Launcher.write(bin.resolve("kinde-props"));
    Launcher.write(copy.resolve("kinde-props"));
    for (String command : commands) {
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-c", command)
              .directory(copy.toFile())
              .redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.clear();
      env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      env.put("HOME", Files.createDirectories(temp.resolve("home")).toString());
      env.put("LANG", "C.UTF-8");
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS))
          .as(block.where() + ": " + command)
          .isTrue();
      assertThat(process.exitValue())
          .as(
              "%s: `%s` exited %d (0 or 2 expected; mark the block <!-- not-run: REASON --> if it"
                  + " cannot run offline):%n%s",
              block.where(), command, process.exitValue(), output)
          .isIn(0, 2);
    }
  }
}
