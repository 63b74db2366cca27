package dev.kindeprops.target.file;

import dev.kindeprops.target.ClaimSource;
import dev.kindeprops.target.LiveApplication;
import dev.kindeprops.target.LiveState;
import dev.kindeprops.target.Operation;
import dev.kindeprops.target.Target;
import dev.kindeprops.target.TargetException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local state file as a target. Claim toggles live in the file, so claim changes are ordinary
 * changes here.
 *
 * <p>Each {@link #apply} is durable before it returns. Writers exclude each other through an
 * exclusive lock on a sibling {@code FILE.lock} file (other processes) and an in-process lock per
 * file (other threads and instances), and re-read the file under the lock, so no update is lost.
 * Calls that arrive while another write is in progress are carried out together in the next write
 * (group commit); each still returns only once its own change is on disk.
 */
public final class StateFileTarget implements Target {
  /** One writer per file in this process: the OS file lock is held per process, not per thread. */
  private static final ConcurrentHashMap<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

  private final StateFile file;
  private final Path lockFile;
  private final ReentrantLock writer;
  private final List<Pending> queue = new ArrayList<>();

  public StateFileTarget(Path path) {
    this.file = new StateFile(path);
    Path absolute = path.toAbsolutePath().normalize();
    this.lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
    this.writer = WRITERS.computeIfAbsent(absolute, p -> new ReentrantLock());
  }

  @Override
  public String name() {
    return "file:" + file.displayName();
  }

  @Override
  public LiveState read(Set<String> applicationIds) {
    StateDocument document = file.read();
    List<LiveApplication> asked = new ArrayList<>();
    int otherM2m = 0;
    for (LiveApplication application : document.applications()) {
      if (applicationIds.contains(application.id())) {
        asked.add(application);
      } else if (application.isM2m()) {
        otherM2m++;
      }
    }
    return new LiveState(
        document.categories(), document.properties(), asked, otherM2m, ClaimSource.STATE);
  }

  @Override
  public void apply(Operation operation) {
    Pending mine = new Pending(operation);
    synchronized (queue) {
      queue.add(mine);
    }
    writer.lock();
    try {
      // A writer that ran while this thread waited may already have carried out this operation.
      if (!mine.finished()) {
        List<Pending> batch;
        synchronized (queue) {
          batch = new ArrayList<>(queue);
          queue.clear();
        }
        commit(batch);
      }
    } finally {
      writer.unlock();
    }
    mine.rethrow();
  }

  @Override
  public boolean canApplyClaims() {
    return true;
  }

  /** Carries out a batch under the file lock with one write; records each operation's outcome. */
  private void commit(List<Pending> batch) {
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      // Closing the channel releases the lock.
      channel.lock();
      StateDocument document = file.read();
      List<Pending> applied = new ArrayList<>();
      for (Pending pending : batch) {
        try {
          document = document.apply(pending.operation);
          applied.add(pending);
        } catch (TargetException e) {
          pending.finish(e);
        }
      }
      if (!applied.isEmpty()) {
        file.write(document);
      }
      applied.forEach(pending -> pending.finish(null));
    } catch (IOException e) {
      TargetException failure =
          new TargetException(
              "cannot lock state file " + file.displayName() + ": " + e.getMessage(), e);
      batch.forEach(pending -> pending.finish(failure));
    } catch (TargetException e) {
      batch.forEach(pending -> pending.finish(e));
    }
  }

  /** One caller's operation and, once the batch holding it was written or failed, its outcome. */
  private static final class Pending {
    private final Operation operation;
    private boolean finished;
    private TargetException failure;

    Pending(Operation operation) {
      this.operation = operation;
    }

    synchronized void finish(TargetException failure) {
      if (!finished) {
        this.finished = true;
        this.failure = failure;
      }
    }

    synchronized boolean finished() {
      return finished;
    }

    synchronized void rethrow() {
      if (failure != null) {
        throw new TargetException(failure.getMessage(), failure);
      }
    }
  }
}
