package io.tidestream.bench;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Everything one {@code ./pipeline bench} run measured, as it is written to {@code results.json}.
 */
record BenchResults(
    Machine machine,
    Plan plan,
    Map<String, String> sinkConfig,
    List<Throughput> throughput,
    List<Latency> latency,
    List<Heap> heap,
    String command,
    String startedAt,
    long tookSeconds,
    BackfillResult backfill) {

  /** Where it ran. */
  record Machine(
      int cores,
      long memoryBytes,
      String cpu,
      String os,
      String java,
      String kafka,
      String engine,
      String plugins,
      String commit) {}

  /** What it was asked to do. */
  record Plan(
      long records,
      int stations,
      int partitions,
      int repetitions,
      List<Integer> tasks,
      int ceilingConcurrency,
      long latencySeconds,
      String workerHeap,
      String engineHeap) {}

  /**
   * One drain of the load: {@code tasks} 0 is the raw bulk ceiling. Rates in documents per second;
   * {@code resent} counts index operations beyond one per document.
   */
  record Throughput(int tasks, int repetition, double steadyRate, double wallRate, long resent) {
    boolean ceiling() {
      return tasks == 0;
    }
  }

  /** One latency window at a steady produce rate; times in milliseconds. */
  record Latency(
      int repetition,
      double rate,
      long probes,
      long unseen,
      double p50,
      double p95,
      double p99,
      double max) {}

  /** The worker's heap while the sink with {@code tasks} drained the load (all repetitions). */
  record Heap(int tasks, long peakBytes, long maxLiveBytes, double pauseShare, int fullPauses) {}

  /** Median, smallest and largest of some numbers. */
  record Spread(double median, double min, double max, int n) {
    static Spread of(List<Double> values) {
      if (values.isEmpty()) {
        return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
      }
      double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = v.length;
      double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
      return new Spread(median, v[0], v[n - 1], n);
    }
  }

  /** Steady rates of the runs with {@code tasks} (0: the ceiling). */
  Spread steady(int tasks) {
    return rates(tasks, Throughput::steadyRate);
  }

  /** Index operations re-sent by the runs with {@code tasks}, all repetitions together. */
  long resent(int tasks) {
    return throughput.stream().filter(t -> t.tasks() == tasks).mapToLong(Throughput::resent).sum();
  }

  /** Wall rates of the runs with {@code tasks} (0: the ceiling). */
  Spread wall(int tasks) {
    return rates(tasks, Throughput::wallRate);
  }

  private Spread rates(int tasks, ToDoubleFunction<Throughput> rate) {
    return Spread.of(
        throughput.stream().filter(t -> t.tasks() == tasks).map(rate::applyAsDouble).toList());
  }

  Spread latency(ToDoubleFunction<Latency> percentile) {
    return Spread.of(latency.stream().map(percentile::applyAsDouble).toList());
  }
}
