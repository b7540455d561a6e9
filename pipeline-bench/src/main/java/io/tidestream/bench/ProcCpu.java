package io.tidestream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time the servers spent, from Linux's {@code /proc/<pid>/stat}: user plus system time ({@code
 * utime + stime}, fields 14 and 15, in clock ticks of {@code getconf CLK_TCK}) of a process and
 * every process under it (the engine runs under {@code setpriv} and a start script). CPU seconds do
 * not depend on how busy the other cores are the way rates do, so they show a writer's cost even on
 * a noisy machine.
 */
final class ProcCpu {

  /** Linux's usual tick rate, when {@code getconf} cannot be asked. */
  static final long DEFAULT_TICKS_PER_SECOND = 100;

  private final long ticksPerSecond;
  private final Path proc;

  ProcCpu(long ticksPerSecond, Path proc) {
    this.ticksPerSecond = ticksPerSecond;
    this.proc = proc;
  }

  /** The machine's {@code /proc}, ticks from {@code getconf CLK_TCK}. */
  static ProcCpu system() {
    return new ProcCpu(ticksPerSecond(), Path.of("/proc"));
  }

  /**
   * {@code utime + stime} in ticks from one {@code /proc/<pid>/stat} line. The command name (field
   * 2) is in parentheses and may hold spaces and parentheses itself, so the fields are counted from
   * the last {@code ')'}.
   */
  static long ticks(String statLine) {
    int close = statLine.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
    }
    // after ')': field 3 (state) is the first; utime is field 14, stime field 15
    String[] f = statLine.substring(close + 1).trim().split("\\s+");
    if (f.length < 13) {
      throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + statLine);
    }
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * A process to measure: with its descendants (a server under {@code setpriv} and a start script),
   * or alone (this JVM, whose descendants are the servers themselves).
   */
  record Proc(long pid, boolean withDescendants) {}

  /** CPU seconds {@code pid} (and its descendants) have used so far; gone processes count 0. */
  double seconds(Proc p) {
    long ticks = ticksOf(p.pid());
    if (p.withDescendants()) {
      try (Stream<ProcessHandle> children =
          ProcessHandle.of(p.pid()).map(ProcessHandle::descendants).orElse(Stream.empty())) {
        for (ProcessHandle child : children.toList()) {
          ticks += ticksOf(child.pid());
        }
      }
    }
    return ticks / (double) ticksPerSecond;
  }

  /** CPU seconds of each named process, now. */
  Map<String, Double> snapshot(Map<String, Proc> processes) {
    Map<String, Double> s = new LinkedHashMap<>();
    processes.forEach((name, p) -> s.put(name, seconds(p)));
    return s;
  }

  /** The names of the process trees a round measures, as the results use them. */
  static final String WORKER = "worker";

  static final String ENGINE = "engine";
  static final String BROKER = "broker";
  static final String BENCH = "bench";

  /**
   * CPU microseconds per document between two snapshots of the {@link #WORKER}, {@link #ENGINE},
   * {@link #BROKER} and {@link #BENCH} trees; a name missing from either snapshot gives NaN.
   */
  static BenchResults.Cpu perDocument(
      Map<String, Double> before, Map<String, Double> after, long documents) {
    return new BenchResults.Cpu(
        micros(before, after, WORKER, documents),
        micros(before, after, ENGINE, documents),
        micros(before, after, BROKER, documents),
        micros(before, after, BENCH, documents));
  }

  private static double micros(
      Map<String, Double> before, Map<String, Double> after, String name, long documents) {
    Double a = before.get(name);
    Double b = after.get(name);
    if (a == null || b == null || documents <= 0) {
      return Double.NaN;
    }
    return (b - a) * 1e6 / documents;
  }

  private long ticksOf(long pid) {
    try {
      return ticks(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat")));
    } catch (IOException e) {
      return 0; // ended between listing and reading
    }
  }

  static long ticksPerSecond() {
    try {
      Process p =
          new ProcessBuilder(List.of("getconf", "CLK_TCK")).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9]+")) {
        return Long.parseLong(out);
      }
    } catch (IOException e) {
      // no getconf: Linux's usual value
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT_TICKS_PER_SECOND;
  }
}
