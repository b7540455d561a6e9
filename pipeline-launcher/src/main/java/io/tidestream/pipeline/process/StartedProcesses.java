package io.tidestream.pipeline.process;

import io.tidestream.pipeline.LauncherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The servers one start has launched so far, so that an interrupted start (Ctrl-C, or {@code
 * ./pipeline down} from another terminal, both a shutdown of the launcher's JVM) stops them all. A
 * JVM that shuts down keeps running its other threads while the shutdown hooks run: {@link #start}
 * and {@link #abort} exclude each other, so a server is either started before the abort and stopped
 * by it, or never started.
 */
public final class StartedProcesses {

  private final List<ManagedProcess> started = new ArrayList<>();
  private boolean aborted;

  /**
   * Runs {@code start} (which must only launch a process, not wait for it) and keeps what it
   * started.
   */
  public synchronized <T> T start(Supplier<T> start, Function<T, ManagedProcess> process) {
    if (aborted) {
      throw new LauncherException("The start was interrupted; nothing more is started.");
    }
    T server = start.get();
    started.add(process.apply(server));
    return server;
  }

  /**
   * Stops everything started so far, newest first; later starts are refused. Returns what it
   * stopped.
   */
  public synchronized List<ManagedProcess> abort() {
    aborted = true;
    return stopAll();
  }

  /** Stops everything started so far, newest first (a start that failed). */
  public synchronized List<ManagedProcess> stopAll() {
    List<ManagedProcess> newestFirst = new ArrayList<>(started);
    started.clear();
    Collections.reverse(newestFirst);
    for (ManagedProcess p : newestFirst) {
      p.stop(Duration.ofSeconds(20));
    }
    return newestFirst;
  }

  /** The start completed: the servers are no longer this object's to stop. */
  public synchronized void keep() {
    started.clear();
  }
}
