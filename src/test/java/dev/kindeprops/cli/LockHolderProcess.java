package dev.kindeprops.cli;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run in a second JVM by {@link ApplyLockWaitTest}: takes the exclusive lock on the file named by
 * its argument, prints {@code locked}, and holds it until its standard input ends.
 */
public final class LockHolderProcess {
  private LockHolderProcess() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel =
        FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.lock();
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() != -1) {
        // Held until the test closes this process's input.
      }
    }
  }
}
