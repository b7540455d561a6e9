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

  /**
   * The latency step's rows (p99 produce to acknowledged and to searchable at half the streaming
   * capacity, in every window); none when the run skipped latency.
   */
  static List<Target> latency(BenchResults r) {
    if (r.latency() == null) {
      return List.of();
    }
    return LatencyReport.targetRows(r.latency()).stream()
        .map(row -> new Target(row.target(), row.measured(), Verdict.of(row.met())))
        .toList();
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

  /** The source backfill step's row: requests made against the minimum, within the rate. */
  static List<Target> backfill(BenchResults r) {
    BackfillResult b = r.backfill();
    if (b == null) {
      return List.of();
    }
    BackfillResult.Requests q = b.requests();
    return List.of(
        new Target(
            "source backfill request count equals the minimum, no repeats, within the rate",
            String.format(
                Locale.ROOT,
                "measured %,d / minimum %,d, %d repeated, %d units behind, peak %d in 1 s"
                    + " (bound %d)",
                q.made(),
                q.minimum(),
                q.repeats(),
                q.behind().size(),
                q.peakOneSecond(),
                q.oneSecondBound()),
            Verdict.of(q.minimal() && q.withinRate())));
  }
}
