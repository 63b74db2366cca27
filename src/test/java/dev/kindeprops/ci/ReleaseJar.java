package dev.kindeprops.ci;

import dev.kindeprops.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * What a kinde-props release publishes for the action to download, made from the compiled classes
 * (the tests run before Maven packages the real jar): {@code kinde-props.jar}, which holds the
 * classes and names the dependency jars in its {@code Class-Path}, so {@code java -jar} runs it as
 * it runs the release's jar, and {@code SHA256SUMS}, its checksum as {@code sha256sum} writes it.
 */
final class ReleaseJar {
  static final String JAR = "kinde-props.jar";
  static final String SUMS = "SHA256SUMS";

  private ReleaseJar() {}

  /** Writes both files into {@code dir} and returns the jar. */
  static Path write(Path dir) throws IOException {
    Path classes = Path.of("target/classes").toAbsolutePath();
    List<String> dependencies = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.endsWith(".jar")) {
        dependencies.add(Path.of(entry).toAbsolutePath().toUri().toString());
      }
    }
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.put(Attributes.Name.MAIN_CLASS, "dev.kindeprops.Main");
    attributes.put(Attributes.Name.CLASS_PATH, String.join(" ", dependencies));
    Path jar = dir.resolve(JAR);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    String sum = Json.sha256(Files.readAllBytes(jar)).substring("sha256:".length());
    Files.writeString(dir.resolve(SUMS), sum + "  " + JAR + "\n");
    return jar;
  }
}
