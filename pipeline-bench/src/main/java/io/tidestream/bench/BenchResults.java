package io.tidestream.bench;

import java.util.ArrayList;
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
    Warmup warmup,
    List<Throughput> throughput,
    List<RoundRatio> ratios,
    LatencyResults latency,
    List<Heap> heap,
    Baseline baseline,
    List<Target> targets,
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
      List<String> writers,
      int ceilingConcurrency,
      int sinkInFlightAtTwoTasks,
      long latencySeconds,
      String workerHeap,
      String engineHeap) {}

  /**
   * One drain of the load: {@code tasks} 0 and writer {@value #RAW} is the raw bulk ceiling, else
   * the sink as {@link Writer#id()}. Rates in documents per second; {@code resent} counts index
   * operations beyond one per document; {@code cpu} what the processes spent on it per document.
   */
  record Throughput(
      int tasks,
      int repetition,
      double steadyRate,
      double wallRate,
      long resent,
      String writer,
      Cpu cpu) {
    boolean ceiling() {
      return tasks == 0;
    }
  }

  /** The raw ceiling's writer name. */
  static final String RAW = "raw";

  /**
   * CPU microseconds per document (user + system, from {@code /proc}) over one round: the Connect
   * worker, the engine, the broker, and this benchmark's JVM (the raw loader in raw rounds).
   */
  record Cpu(double worker, double engine, double broker, double bench) {
    static final Cpu NONE = new Cpu(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * A sink round against the raw rounds next to it: {@code ratio} is {@code sinkRate} over the mean
   * of {@code rawBefore} and {@code rawAfter} (NaN: no such round).
   */
  record RoundRatio(
      String writer,
      int repetition,
      double sinkRate,
      double rawBefore,
      double rawAfter,
      double ratio) {}

  /**
   * The raw loads before any measured round, until two consecutive ones were within {@code
   * tolerance}; {@code plateauRate} is the mean of those two, NaN when {@code maxLoads} did not
   * reach a plateau.
   */
  record Warmup(
      List<Double> rates, boolean plateau, double plateauRate, double tolerance, int maxLoads) {}

  /**
   * Today's worker CPU per document from an earlier run ({@code --baseline}): that run's median for
   * {@code writer}, over {@code rounds} rounds, with the plugin build it measured.
   */
  record Baseline(String file, String plugins, String writer, double workerMicros, int rounds) {}

  /** Whether a target was met. */
  enum Verdict {
    MET("yes"),
    NOT_MET("**no**"),
    SHOWN("shown"),
    NOT_MEASURED("not measured");

    final String shown;

    Verdict(String shown) {
      this.shown = shown;
    }

    static Verdict of(boolean met) {
      return met ? MET : NOT_MET;
    }
  }

  /**
   * One row of the targets table (the page and the root README): a goal of the issue, what this run
   * measured for it, and the verdict. Each step of the run adds its own rows.
   */
  record Target(String target, String measured, Verdict verdict) {}

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

  /** These results with {@code more} rows added to the targets table (each step adds its own). */
  BenchResults withTargets(List<Target> more) {
    List<Target> all = new ArrayList<>(targets);
    all.addAll(more);
    return new BenchResults(
        machine,
        plan,
        sinkConfig,
        warmup,
        throughput,
        ratios,
        latency,
        heap,
        baseline,
        List.copyOf(all),
        command,
        startedAt,
        tookSeconds,
        backfill);
  }

  /** Steady rates of the rounds of {@code writer} ({@value #RAW}: the ceiling). */
  Spread steady(String writer) {
    return of(writer, Throughput::steadyRate);
  }

  /** Index operations re-sent by the rounds of {@code writer}, all repetitions together. */
  long resent(String writer) {
    return throughput.stream()
        .filter(t -> t.writer().equals(writer))
        .mapToLong(Throughput::resent)
        .sum();
  }

  /** Wall rates of the rounds of {@code writer} ({@value #RAW}: the ceiling). */
  Spread wall(String writer) {
    return of(writer, Throughput::wallRate);
  }

  /** CPU microseconds per document of one process over the rounds of {@code writer}. */
  Spread cpu(String writer, ToDoubleFunction<Cpu> process) {
    return of(writer, t -> process.applyAsDouble(t.cpu()));
  }

  /** The per-round ratios of {@code writer} to the raw rounds next to it. */
  Spread ratio(String writer) {
    return Spread.of(
        ratios.stream().filter(r -> r.writer().equals(writer)).map(RoundRatio::ratio).toList());
  }

  private Spread of(String writer, ToDoubleFunction<Throughput> value) {
    return Spread.of(
        throughput.stream()
            .filter(t -> t.writer().equals(writer))
            .map(value::applyAsDouble)
            .filter(v -> !Double.isNaN(v))
            .toList());
  }
}
