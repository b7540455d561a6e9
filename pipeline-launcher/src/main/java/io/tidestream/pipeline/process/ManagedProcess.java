package io.tidestream.pipeline.process;

import io.tidestream.pipeline.LauncherException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One server process (Kafka, a Connect worker, a search engine, the simulator) with its own log
 * file and pid file. A <em>detached</em> process runs in a session of its own and outlives the
 * launcher ({@code ./pipeline up}); an attached one is stopped when the JVM exits (tests).
 */
public final class ManagedProcess {

  private final String name;
  private final ProcessHandle handle;
  private final Path logFile;

  private ManagedProcess(String name, ProcessHandle handle, Path logFile) {
    this.name = name;
    this.handle = handle;
    this.logFile = logFile;
  }

  /** What to run and where its output goes. */
  public record Spec(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path workDir,
      Path logFile,
      Path pidFile,
      boolean detached) {}

  public static ManagedProcess start(Spec spec) {
    List<String> command = new ArrayList<>();
    if (spec.detached()) {
      command.add(
          "setsid"); // own session: no SIGHUP when the terminal that ran ./pipeline up closes
    }
    command.addAll(spec.command());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(spec.workDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(spec.environment());
    boolean attached = !spec.detached();
    if (attached && !ProcessSupervisor.INSTANCE.beginStart()) {
      throw new LauncherException(
          "Not starting " + spec.name() + ": the launcher is shutting down.");
    }
    boolean registered = false;
    try {
      Files.createDirectories(spec.logFile().getParent());
      Files.createDirectories(spec.workDir());
      Process process = builder.start();
      ManagedProcess managed = new ManagedProcess(spec.name(), process.toHandle(), spec.logFile());
      if (attached) {
        ProcessSupervisor.INSTANCE.register(managed);
        registered = true;
      }
      if (spec.pidFile() != null) {
        managed.writePidFile(spec.pidFile());
      }
      return managed;
    } catch (IOException e) {
      throw new LauncherException("Cannot start " + spec.name() + ": " + e.getMessage(), e);
    } finally {
      if (attached && !registered) {
        ProcessSupervisor.INSTANCE.abandonStart();
      }
    }
  }

  /** The process a pid file names, if it is still the same process (same start time). */
  public static Optional<ManagedProcess> fromPidFile(String name, Path pidFile, Path logFile) {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      String[] parts = Files.readString(pidFile, StandardCharsets.UTF_8).trim().split("\\s+");
      long pid = Long.parseLong(parts[0]);
      Optional<String> recordedStart = parts.length > 1 ? Optional.of(parts[1]) : Optional.empty();
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              h ->
                  recordedStart.isEmpty()
                      || h.info().startInstant().map(Instant::toString).equals(recordedStart))
          .map(h -> new ManagedProcess(name, h, logFile));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void writePidFile(Path pidFile) throws IOException {
    writePidFile(handle, pidFile);
  }

  /**
   * Records {@code process} in {@code pidFile} the way {@link #fromPidFile} reads it: pid and start
   * time.
   */
  public static void writePidFile(ProcessHandle process, Path pidFile) throws IOException {
    Files.createDirectories(pidFile.getParent());
    String start = process.info().startInstant().map(Instant::toString).orElse("");
    Files.writeString(pidFile, process.pid() + " " + start + "\n", StandardCharsets.UTF_8);
  }

  /** Waits for the process to end by itself; false when it still runs after {@code timeout}. */
  public boolean awaitExit(Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
    ProcessSupervisor.INSTANCE.unregister(this);
    return true;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return handle.pid();
  }

  public Path logFile() {
    return logFile;
  }

  public boolean isAlive() {
    return handle.isAlive();
  }

  /**
   * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it and every process
   * it started (SIGKILL). The descendants are listed before the first signal: once the parent is
   * gone they are re-parented and could no longer be found.
   */
  public void stop(Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(handle.descendants().collect(Collectors.toList()));
    handle.destroy();
    try {
      handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // still alive after the grace period: killed below
    }
    tree.add(handle);
    for (ProcessHandle p : tree) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // a process that ignores SIGKILL for 10 s is beyond our reach; the caller reports it
      }
    }
    ProcessSupervisor.INSTANCE.unregister(this);
  }

  /** Kills the process at once, as a crash would (for tests of recovery). */
  public void kill() {
    handle.descendants().forEach(ProcessHandle::destroyForcibly);
    handle.destroyForcibly();
    handle.onExit().join();
    ProcessSupervisor.INSTANCE.unregister(this);
  }

  /** The last {@code lines} lines of the log, to explain why a process died. */
  public String tail(int lines) {
    return LogFiles.tail(logFile, lines);
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }

  /** Small helpers for log files. */
  public static final class LogFiles {
    private LogFiles() {}

    public static String tail(Path file, int lines) {
      if (!Files.isRegularFile(file)) {
        return "";
      }
      try {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        return "(log not readable: " + e.getMessage() + ")";
      }
    }
  }

  /**
   * Stops every process in {@code started} (a synchronized list), newest first, and empties it;
   * safe to call from a shutdown hook and again afterwards.
   */
  public static void stopNewestFirst(List<ManagedProcess> started) {
    List<ManagedProcess> newestFirst;
    synchronized (started) {
      newestFirst = new ArrayList<>(started);
      started.clear();
    }
    java.util.Collections.reverse(newestFirst);
    newestFirst.forEach(p -> p.stop(Duration.ofSeconds(20)));
  }
}
