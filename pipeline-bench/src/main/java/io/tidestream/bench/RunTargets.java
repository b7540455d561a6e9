package io.tidestream.bench;

import io.tidestream.bench.BenchResults.Target;
import io.tidestream.bench.BenchResults.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * The targets rows of the steps that are not throughput: the worker's heap (issue #13 keeps it),
 * and end-to-end latency as issue #7 judged it, until the latency step brings its own rows.
 */
final class RunTargets {

  private RunTargets() {}

  /** The issue #7 bound on p99 from produce to searchable. */
  static final double P99_TARGET_MS = 2_000;

  static List<Target> latency(BenchResults r) {
    if (r.latency().isEmpty()) {
      return List.of();
    }
    double p99 = r.latency(BenchResults.Latency::p99).median();
    return List.of(
        new Target(
            "end-to-end p99 at half load < 2 s (issue #7)",
            String.format(Locale.ROOT, "%.0f ms (median of %d windows)", p99, r.latency().size()),
            Verdict.of(p99 < P99_TARGET_MS)));
  }

  /** Full-speed drains at the worker's capped heap: no OutOfMemoryError, no full GC. */
  static Target heap(BenchResults r, boolean workerSurvived) {
    long peak = r.heap().stream().mapToLong(BenchResults.Heap::peakBytes).max().orElse(0);
    int full = r.heap().stream().mapToInt(BenchResults.Heap::fullPauses).sum();
    double pause = r.heap().stream().mapToDouble(BenchResults.Heap::pauseShare).max().orElse(0);
    return new Target(
        "full-speed drain with -Xmx"
            + r.plan().workerHeap()
            + ": no out-of-memory error, no GC death spiral",
        String.format(
            Locale.ROOT,
            "peak %s, %d full GCs, at most %.1f%% of the time in GC pauses, worker %s",
            Report.mib(peak),
            full,
            100 * pause,
            workerSurvived ? "alive and its tasks RUNNING throughout" : "FAILED"),
        Verdict.of(workerSurvived && full == 0));
  }
}
