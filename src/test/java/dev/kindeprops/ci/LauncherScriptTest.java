package dev.kindeprops.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kinde-props} launcher's class-data-sharing archive, with the real script and a real
 * JVM: a checkout whose jar is a tiny program that prints a line and exits with the code it is
 * given, so that the script never builds anything.
 */
class LauncherScriptTest {
  @TempDir Path checkout;

  private Path archive;

  @BeforeEach
  void checkout() throws IOException {
    Files.copy(Path.of("kinde-props"), checkout.resolve("kinde-props"));
    checkout.resolve("kinde-props").toFile().setExecutable(true);
    Path target = Files.createDirectories(checkout.resolve("target"));
    writeJar(target.resolve("kinde-props.jar"));
    archive = target.resolve("kinde-props.jsa");
  }

  @Test
  void theFirstRunWritesTheArchiveAndLaterRunsUseItWithTheSameOutput() throws Exception {
    Result first = run("0");
    Result second = run("0");

    assertThat(first).isEqualTo(new Result(0, "exiting with 0\n", ""));
    assertThat(second).isEqualTo(first);
    assertThat(archive).isNotEmptyFile();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void theFirstRunEndsWithTheCommandsExitCode() throws Exception {
    assertThat(run("3").exit()).isEqualTo(3);
    assertThat(run("3").exit()).isEqualTo(3);
  }

  @Test
  void aJarNewerThanTheArchiveGetsANewArchive() throws Exception {
    run("0");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
    FileTime stale = Files.getLastModifiedTime(archive);

    assertThat(run("0").exit()).isZero();
    assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(stale);
  }

  @Test
  void anArchiveThatDoesNotFitIsIgnored() throws Exception {
    run("0");
    Files.writeString(archive, "not an archive");

    assertThat(run("0")).isEqualTo(new Result(0, "exiting with 0\n", ""));
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(checkout.resolve("target"))) {
      return files.filter(f -> f.getFileName().toString().startsWith("kinde-props.jsa.")).toList();
    }
  }

  private Result run(String exitCode) throws Exception {
    Process process =
        new ProcessBuilder("sh", checkout.resolve("kinde-props").toString(), exitCode)
            .directory(checkout.toFile())
            .start();
    process.getOutputStream().close();
    byte[] err = process.getErrorStream().readAllBytes();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), out, new String(err, StandardCharsets.UTF_8));
  }

  /** A jar whose main class is {@link ExitWith}, copied from this test run's classes. */
  private static void writeJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ExitWith.class.getName());
    String entry = ExitWith.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new JarEntry(entry));
      out.write(Files.readAllBytes(Path.of("target/test-classes").resolve(entry)));
      out.closeEntry();
    }
  }

  private record Result(int exit, String out, String err) {}

  /** The launched program: prints what it will do and exits with its argument. */
  public static final class ExitWith {
    private ExitWith() {}

    public static void main(String[] args) {
      System.out.println("exiting with " + args[0]);
      System.exit(Integer.parseInt(args[0]));
    }
  }
}
