package dev.kindeprops.live.file;

import dev.kindeprops.live.ClaimObservation;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TargetException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * (group commit): one waiting caller leads it, the others sleep until their change is on disk, and
 * each still returns only once its own change is.
 */
public final class StateFileTarget implements Target {
  /** One writer per file in this process: the OS file lock is held per process, not per thread. */
  private static final ConcurrentHashMap<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

  private final StateFile file;
  private final Path lockFile;
  private final ReentrantLock writer;

  /** Guards {@link #queue} and {@link #committing}; callers wait on it for their turn. */
  private final Object turn = new Object();

  private final List<Pending> queue = new ArrayList<>();
  private boolean committing;

  /**
   * What this instance last wrote, so that it need not parse the file again if nobody else wrote it
   * since. Only the caller leading a write touches these, under {@link #writer}.
   */
  private byte[] writtenBytes;

  private StateDocument writtenDocument;

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
        document.categories(), document.properties(), asked, otherM2m, ClaimToggles.STORED);
  }

  @Override
  public LiveState readAllM2mApplications() {
    Set<String> ids = new TreeSet<>();
    file.read().applications().stream()
        .filter(LiveApplication::isM2m)
        .forEach(application -> ids.add(application.id()));
    return read(ids);
  }

  @Override
  public void apply(Operation operation) {
    Pending mine = new Pending(operation);
    boolean interrupted = false;
    synchronized (turn) {
      queue.add(mine);
    }
    while (true) {
      List<Pending> batch;
      synchronized (turn) {
        // A caller whose change is on disk returns without waiting for the writer's lock.
        while (committing && !mine.finished()) {
          try {
            turn.wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (mine.finished()) {
          break;
        }
        committing = true;
        batch = new ArrayList<>(queue);
        queue.clear();
      }
      try {
        writer.lock();
        try {
          commit(batch);
        } finally {
          writer.unlock();
        }
      } finally {
        synchronized (turn) {
          committing = false;
          turn.notifyAll();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    mine.rethrow();
  }

  @Override
  public ClaimToggles claimToggles() {
    return ClaimToggles.STORED;
  }

  /** What each application's token would carry, as Kinde would issue it for the stored state. */
  @Override
  public Map<String, ClaimObservation> observeClaims(
      Collection<String> applicationIds, Map<String, String> audiences) {
    StateDocument document = file.read();
    Map<String, LiveProperty> properties = new HashMap<>();
    document.properties().forEach(p -> properties.put(p.key(), p));
    Map<String, ClaimObservation> observed = new LinkedHashMap<>();
    for (String id : applicationIds) {
      Optional<LiveApplication> app = document.application(id);
      if (app.isEmpty()) {
        observed.put(
            id, ClaimObservation.failed("no live application has id " + id + " in " + name()));
      } else if (!app.get().isM2m()) {
        observed.put(
            id,
            ClaimObservation.failed(
                id
                    + " is a "
                    + app.get().type()
                    + " application ("
                    + app.get().name()
                    + "); only an M2M application's token carries its properties"));
      } else {
        observed.put(id, ClaimObservation.of(app.get().token(properties)));
      }
    }
    return observed;
  }

  /** Carries out a batch under the file lock with one write; records each operation's outcome. */
  private void commit(List<Pending> batch) {
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      // Closing the channel releases the lock.
      channel.lock();
      byte[] bytes = file.readBytes();
      StateDocument document =
          Arrays.equals(bytes, writtenBytes) ? writtenDocument : file.parse(bytes);
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
        byte[] content = StateFile.format(document).getBytes(StandardCharsets.UTF_8);
        file.write(content);
        writtenBytes = content;
        writtenDocument = document;
      }
      applied.forEach(pending -> pending.finish(null));
    } catch (IOException e) {
      TargetException failure =
          new TargetException(
              "cannot lock state file " + file.displayName() + ": " + e.getMessage(), e);
      batch.forEach(pending -> pending.finish(failure));
    } catch (TargetException e) {
      batch.forEach(pending -> pending.finish(e));
    } catch (RuntimeException e) {
      // Every caller of the batch must hear of the failure, or it would wait for ever.
      TargetException failure =
          new TargetException(
              "cannot update state file " + file.displayName() + ": " + e.getMessage(), e);
      batch.forEach(pending -> pending.finish(failure));
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
