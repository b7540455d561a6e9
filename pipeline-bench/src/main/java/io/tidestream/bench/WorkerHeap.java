package io.tidestream.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The worker's heap while the sink drained, per {@code tasks.max}, from its GC log. */
final class WorkerHeap {

  private WorkerHeap() {}

  /**
   * Peak heap, live after GC and full pauses over all drains of a {@code tasks.max}, and the share
   * of their time spent in pauses.
   */
  static List<BenchResults.Heap> perTaskCount(
      Path gcLog, Map<Integer, List<Instant[]>> drainWindows) {
    List<GcLog.Pause> pauses = GcLog.read(gcLog);
    List<BenchResults.Heap> heap = new ArrayList<>();
    drainWindows.forEach(
        (taskCount, windows) -> {
          long peak = 0;
          long live = 0;
          double pausedMs = 0;
          double totalMs = 0;
          int full = 0;
          for (Instant[] w : windows) {
            GcLog.Summary s = GcLog.summarize(pauses, w[0], w[1]);
            peak = Math.max(peak, s.peakBytes());
            live = Math.max(live, s.maxLiveBytes());
            double ms = Math.max(1, w[1].toEpochMilli() - w[0].toEpochMilli());
            pausedMs += s.pauseShare() * ms;
            totalMs += ms;
            full += s.fullPauses();
          }
          heap.add(
              new BenchResults.Heap(
                  taskCount, peak, live, totalMs == 0 ? 0 : pausedMs / totalMs, full));
        });
    return heap;
  }
}
