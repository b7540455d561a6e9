package io.tidestream.pipeline.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops every attached process when the JVM exits, newest first, so a test run or a launcher
 * that is interrupted leaves no server behind. Detached processes are not registered.
 */
final class ProcessSupervisor {

  static final ProcessSupervisor INSTANCE = new ProcessSupervisor();

  private final Set<ManagedProcess> attached = ConcurrentHashMap.newKeySet();
  private final List<ManagedProcess> order = new ArrayList<>();

  private ProcessSupervisor() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "tidestream-process-supervisor"));
  }

  synchronized void register(ManagedProcess process) {
    attached.add(process);
    order.add(process);
  }

  synchronized void unregister(ManagedProcess process) {
    attached.remove(process);
    order.remove(process);
  }

  private void stopAll() {
    List<ManagedProcess> newestFirst;
    synchronized (this) {
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
