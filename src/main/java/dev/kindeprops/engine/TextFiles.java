package dev.kindeprops.engine;

import dev.kindeprops.diag.UserError;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading the text files a run names (saved plans, ignore files), each failure one line. */
final class TextFiles {
  private TextFiles() {}

  /**
   * The file's text.
   *
   * @param what what the file is, for messages: {@code plan file}
   * @param name the file as messages name it
   * @throws UserError when it is missing, unreadable or not UTF-8
   */
  static String read(Path file, String what, String name) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError(what + " " + name + " does not exist");
    } catch (CharacterCodingException e) {
      throw new UserError(name + ": not a " + what + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UserError("cannot read " + what + " " + name + ": " + e.getMessage());
    }
  }
}
