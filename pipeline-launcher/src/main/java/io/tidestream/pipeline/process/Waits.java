package io.tidestream.pipeline.process;

import io.tidestream.pipeline.LauncherException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls a readiness check until it passes, the process dies, or the deadline passes. */
public final class Waits {
  private Waits() {}

  public static void until(
      ManagedProcess process, Duration timeout, String what, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (safely(ready)) {
        return;
      }
      if (process != null && !process.isAlive()) {
        throw new LauncherException(
            process.name()
                + " exited while starting; last lines of "
                + process.logFile()
                + ":\n"
                + process.tail(25));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new LauncherException(
            what
                + " was not ready after "
                + timeout.toSeconds()
                + " s"
                + (process == null ? "" : "; see " + process.logFile()));
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LauncherException("Interrupted while waiting for " + what, e);
      }
    }
  }

  private static boolean safely(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
