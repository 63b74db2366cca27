package dev.kindeprops.live.file;

import dev.kindeprops.live.Operation;
import java.nio.file.Path;

/**
 * Run in a second JVM by {@link StateFileTargetTest}: creates categories PREFIX0..PREFIXn-1, and
 * prints {@code writing} once the first is written.
 */
public final class StateFileWriterProcess {
  private StateFileWriterProcess() {}

  public static void main(String[] args) {
    StateFileTarget target = new StateFileTarget(Path.of(args[0]));
    int count = Integer.parseInt(args[2]);
    for (int i = 0; i < count; i++) {
      target.apply(new Operation.CreateCategory(args[1] + i));
      if (i == 0) {
        // Tells the test that this process is writing, so that it starts its own writes now.
        System.out.println("writing");
        System.out.flush();
      }
    }
  }
}
