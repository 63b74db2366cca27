package dev.kindeprops.cli;

import dev.kindeprops.apply.ApplyListener;
import dev.kindeprops.apply.ChangeResult;
import java.time.Duration;

/**
 * The progress line of a long apply on a terminal: {@code Applying: 120/400 changes}, rewritten in
 * place on standard error, and wiped before the report is printed. Short applies and runs without a
 * terminal print nothing here.
 */
final class ApplyProgress implements ApplyListener {
  /** An apply that takes longer than this shows a progress line. */
  static final Duration LONG = Duration.ofSeconds(1);

  private static final long REDRAW_NANOS = Duration.ofMillis(100).toNanos();

  private final Console console;
  private final boolean enabled;
  private final long showAfter;
  private final long started = System.nanoTime();
  private long drawnAt;
  private int width;

  ApplyProgress(Console console, Duration showAfter) {
    this.console = console;
    this.enabled = console.interactive();
    this.showAfter = showAfter.toNanos();
  }

  @Override
  public synchronized void finished(ChangeResult result, int finished, int total) {
    long now = System.nanoTime();
    boolean last = finished == total;
    if (!enabled
        || now - started < showAfter
        || (!last && width > 0 && now - drawnAt < REDRAW_NANOS)) {
      return;
    }
    String line = "Applying: " + finished + "/" + total + " changes";
    console.err().print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
    console.err().flush();
    width = line.length();
    drawnAt = now;
  }

  /** Wipes the progress line, if one was drawn, so the report starts on a clean line. */
  synchronized void end() {
    if (width > 0) {
      console.err().print("\r" + " ".repeat(width) + "\r");
      console.err().flush();
      width = 0;
    }
  }
}
