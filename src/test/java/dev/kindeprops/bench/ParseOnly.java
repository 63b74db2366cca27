package dev.kindeprops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The parse-only baseline: a program that only parses the given YAML files with snakeyaml-engine
 * into plain maps and lists, and prints how many documents it read. Whole-process figures of {@code
 * plan} are ratios to this program run on the same files.
 */
public final class ParseOnly {
  private ParseOnly() {}

  public static void main(String[] args) throws IOException {
    Load load = new Load(LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build());
    int documents = 0;
    for (String file : args) {
      if (load.loadFromString(Files.readString(Path.of(file))) != null) {
        documents++;
      }
    }
    System.out.println(documents + " documents");
  }
}
