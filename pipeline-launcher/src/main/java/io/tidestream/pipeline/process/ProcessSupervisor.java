package io.tidestream.pipeline.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops every attached process when the JVM exits, newest first, so a test run or a launcher that
 * is interrupted leaves no server behind. Detached processes are not registered.
 *
 * <p>A JVM that shuts down keeps running its other threads while this hook runs, so a process may
 * be starting at that moment: the hook waits for starts in flight to register, and no start begins
 * once it ran ({@link #beginStart}).
 */
final class ProcessSupervisor {

  static final ProcessSupervisor INSTANCE = new ProcessSupervisor();

  private final Set<ManagedProcess> attached = ConcurrentHashMap.newKeySet();
  private final List<ManagedProcess> order = new ArrayList<>();
  private int startsInFlight;
  private boolean shuttingDown;

  private ProcessSupervisor() {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(this::stopAll, "tidestream-process-supervisor"));
  }

  /**
   * Before an attached process is launched: false once the JVM shuts down (then nothing may start).
   */
  synchronized boolean beginStart() {
    if (shuttingDown) {
      return false;
    }
    startsInFlight++;
    return true;
  }

  /** A start that {@link #beginStart began} failed before there was a process. */
  synchronized void abandonStart() {
    startsInFlight--;
    notifyAll();
  }

  /** The process a {@link #beginStart begun} start launched. */
  synchronized void register(ManagedProcess process) {
    startsInFlight--;
    attached.add(process);
    order.add(process);
    notifyAll();
  }

  synchronized void unregister(ManagedProcess process) {
    attached.remove(process);
    order.remove(process);
  }

  private void stopAll() {
    List<ManagedProcess> newestFirst;
    synchronized (this) {
      shuttingDown = true;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (startsInFlight > 0 && System.nanoTime() < deadline) {
        try {
          wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      newestFirst = new ArrayList<>(order);
    }
    java.util.Collections.reverse(newestFirst);
    for (ManagedProcess p : newestFirst) {
      if (p.isAlive()) {
        p.stop(Duration.ofSeconds(10));
      }
    }
  }
}
