package dev.kindeprops.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replaces a file's content so that a crash leaves either the old content or the new, never a mix:
 * write a temporary file beside it, sync it, rename it over the original, sync the directory.
 */
public final class AtomicFile {
  private AtomicFile() {}

  private static final Set<PosixFilePermission> OWNER_ONLY =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  /**
   * Writes the file; one that exists keeps its permissions, a new one is readable by everyone.
   *
   * @throws IOException when the file cannot be written; the message names the reason, never the
   *     temporary file
   */
  public static void write(Path file, byte[] content) throws IOException {
    write(file, out -> out.write(content), false);
  }

  /**
   * Writes a file that may hold a secret (a plan, a snapshot of the live state): readable and
   * writable by its owner alone, where the file system has permissions.
   *
   * @throws IOException when the file cannot be written
   */
  public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
    write(file, out -> out.write(content), true);
  }

  /**
   * Writes a file that may hold a secret, as {@link #writeOwnerOnly(Path, byte[])} does, with the
   * content streamed in by {@code content}, so that a large file never sits in memory whole.
   *
   * @throws IOException when the file cannot be written
   */
  public static void writeOwnerOnly(Path file, Content content) throws IOException {
    write(file, content, true);
  }

  /** What a file is given: written to a stream, which the caller must not close. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void write(Path file, Content content, boolean ownerOnly) throws IOException {
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    if (Files.isDirectory(target)) {
      throw new IOException("it is a directory");
    }
    if (!Files.isDirectory(directory)) {
      throw new IOException("directory " + file.toAbsolutePath().getParent() + " does not exist");
    }
    if (!Files.isWritable(directory)) {
      throw new IOException("directory " + directory + " is not writable");
    }
    Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      setPermissions(target, temporary, ownerOnly);
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot rename " + target + " atomically", e);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    syncDirectory(directory);
  }

  /**
   * A temporary file is created readable only by its owner; it stays so where asked, else takes the
   * mode of the file it replaces, or everyone's read access for a new file.
   */
  private static void setPermissions(Path original, Path replacement, boolean ownerOnly)
      throws IOException {
    if (!Files.getFileStore(replacement).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> mode =
        ownerOnly
            ? OWNER_ONLY
            : Files.exists(original)
                ? Files.getPosixFilePermissions(original)
                : defaultPermissions();
    Files.setPosixFilePermissions(replacement, mode);
  }

  private static Set<PosixFilePermission> defaultPermissions() {
    return Set.of(
        PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_READ,
        PosixFilePermission.OTHERS_READ);
  }

  /** Makes the rename itself durable where the platform allows opening a directory. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
    }
  }
}
