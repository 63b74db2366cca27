package dev.kindeprops.live.file;

import dev.kindeprops.live.ClaimObservation;
import dev.kindeprops.live.ClaimToggles;
import dev.kindeprops.live.LiveApplication;
import dev.kindeprops.live.LiveProperty;
import dev.kindeprops.live.LiveState;
import dev.kindeprops.live.LockWait;
import dev.kindeprops.live.Operation;
import dev.kindeprops.live.Target;
import dev.kindeprops.live.TargetException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The local state file as a target. Claim toggles live in the file, so claim changes are ordinary
 * changes here.
 *
 * <p>{@link #lock} makes an apply one transaction: it takes an exclusive lock on a sibling {@code
 * FILE.lock} file (against other processes) and a per-file semaphore (against other threads of this
 * one), reads the file once, and from then on reads and operations work on that content in memory;
 * {@link #commit} writes it once, atomically. A symbolic link is followed: the real file is locked
 * and replaced, whichever path names it. Without a lock, each {@link #apply} is a transaction of
 * its own.
 */
public final class StateFileTarget implements Target {
  /** One holder per real file in this process: the OS file lock is held per process. */
  private static final ConcurrentHashMap<Path, Semaphore> HOLDERS = new ConcurrentHashMap<>();

  /** How long a wait for the lock stays silent. */
  private static final Duration QUIET_WAIT = Duration.ofSeconds(1);

  /** How often a waiter tries the lock again. */
  private static final long RETRY_MILLIS = 50;

  /** A one-operation transaction waits as long as apply does by default, silently. */
  private static final LockWait ONE_OPERATION = new LockWait(LockWait.DEFAULT_TIMEOUT, line -> {});

  private final StateFile file;

  /** The transaction in progress, or null; guarded by this. */
  private Transaction transaction;

  public StateFileTarget(Path path) {
    this.file = new StateFile(path);
  }

  @Override
  public String name() {
    return "file:" + file.displayName();
  }

  @Override
  public LiveState read(Set<String> applicationIds) {
    StateDocument document = current();
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
    current().applications().stream()
        .filter(LiveApplication::isM2m)
        .forEach(application -> ids.add(application.id()));
    return read(ids);
  }

  @Override
  public void apply(Operation operation) {
    synchronized (this) {
      if (transaction != null) {
        transaction.content.apply(operation);
        transaction.changed = true;
        return;
      }
    }
    try (StateFileTarget once = new StateFileTarget(file.path())) {
      once.lock(ONE_OPERATION);
      once.apply(operation);
      once.commit();
    }
  }

  @Override
  public synchronized void lock(LockWait wait) {
    if (transaction != null) {
      throw new IllegalStateException("the state file is locked already");
    }
    transaction = Transaction.begin(file, wait);
  }

  @Override
  public synchronized void commit() {
    if (transaction == null || !transaction.changed) {
      return;
    }
    file.write(StateFile.format(transaction.content.document()).getBytes(StandardCharsets.UTF_8));
    transaction.changed = false;
  }

  @Override
  public synchronized void close() {
    if (transaction != null) {
      transaction.end();
      transaction = null;
    }
  }

  @Override
  public ClaimToggles claimToggles() {
    return ClaimToggles.STORED;
  }

  /** What each application's token would carry, as Kinde would issue it for the stored state. */
  @Override
  public Map<String, ClaimObservation> observeClaims(
      Collection<String> applicationIds, Map<String, String> audiences) {
    StateDocument document = current();
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

  /** The content in the transaction, or else as the file holds it now. */
  private StateDocument current() {
    synchronized (this) {
      if (transaction != null) {
        return transaction.content.document();
      }
    }
    return file.read();
  }

  /** The locks held for one transaction, and the file's content as the transaction changes it. */
  private static final class Transaction {
    private final Semaphore holder;
    private final FileChannel channel;
    private final WorkingCopy content;
    private boolean changed;

    private Transaction(Semaphore holder, FileChannel channel, WorkingCopy content) {
      this.holder = holder;
      this.channel = channel;
      this.content = content;
    }

    /** Takes both locks, waiting as {@code wait} says, and reads the file under them. */
    static Transaction begin(StateFile file, LockWait wait) {
      Path real = file.realPath();
      Path lockFile = real.resolveSibling(real.getFileName() + ".lock");
      String lockName = file.displayName() + ".lock";
      if (!real.equals(file.path().toAbsolutePath().normalize())) {
        lockName += " (" + lockFile + ")";
      }
      Semaphore holder = HOLDERS.computeIfAbsent(real, p -> new Semaphore(1));
      FileChannel channel = null;
      boolean held = false;
      try {
        channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long start = System.nanoTime();
        boolean told = false;
        while (true) {
          held = held || holder.tryAcquire();
          if (held && tryLock(channel)) {
            break;
          }
          Duration waited = Duration.ofNanos(System.nanoTime() - start);
          if (waited.compareTo(wait.timeout()) >= 0) {
            throw new TargetException(
                "state file "
                    + file.displayName()
                    + " is locked: another kinde-props apply holds "
                    + lockName
                    + (wait.timeout().isZero()
                        ? ", and --lock-timeout 0 says not to wait"
                        : "; gave up waiting after " + wait.timeoutText() + " (--lock-timeout)")
                    + ". Nothing was changed.");
          }
          if (!told && waited.compareTo(QUIET_WAIT) >= 0) {
            wait.waiting()
                .accept(
                    "Waiting for the lock on "
                        + lockName
                        + ", which another kinde-props apply holds (giving up after "
                        + wait.timeoutText()
                        + ": --lock-timeout)...");
            told = true;
          }
          Thread.sleep(Math.min(RETRY_MILLIS, wait.timeout().minus(waited).toMillis() + 1));
        }
        return new Transaction(holder, channel, new WorkingCopy(file.read()));
      } catch (IOException e) {
        release(holder, held, channel);
        throw new TargetException(
            "cannot lock state file " + file.displayName() + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        release(holder, held, channel);
        Thread.currentThread().interrupt();
        throw new TargetException("interrupted while waiting for the lock on " + lockName, e);
      } catch (RuntimeException e) {
        release(holder, held, channel);
        throw e;
      }
    }

    /** Releases both locks; closing the channel releases the file lock. */
    void end() {
      release(holder, true, channel);
    }

    private static boolean tryLock(FileChannel channel) throws IOException {
      try {
        FileLock lock = channel.tryLock();
        return lock != null;
      } catch (OverlappingFileLockException e) {
        // Something else in this process holds the file lock outside kinde-props' own holders.
        return false;
      }
    }

    private static void release(Semaphore holder, boolean held, FileChannel channel) {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException e) {
        // Closing releases the lock even when it reports a problem; nothing more can be done.
      } finally {
        if (held) {
          holder.release();
        }
      }
    }
  }
}
