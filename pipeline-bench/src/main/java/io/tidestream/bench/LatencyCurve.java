package io.tidestream.bench;

import io.tidestream.pipeline.process.JsonHttp;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The streaming part of a run: one 2-task sink on {@link BenchCommand#LATENCY_TOPIC}, its streaming
 * capacity ({@link StreamingCapacity}, unless given), then latency windows at shares of that
 * capacity. Per window: produce→acknowledged from the sink's {@code record-ack-latency} metric read
 * over JMX at the window's end (the worker's metric window is set to the bench window), and
 * produce→searchable from probes ({@link LatencyProbe}: about 100 records a second are searched for
 * every 50 ms).
 */
final class LatencyCurve {

  static final Duration SETTLE = Duration.ofSeconds(5);

  /** What to measure; {@code capacity} null means search for it. */
  record Settings(
      Double capacity,
      double searchStart,
      List<Double> shares,
      int windows,
      Duration window,
      Duration capacityWindow,
      Duration capacityBudget,
      String converter,
      long metricSampleWindowMs,
      int metricSamples) {}

  private final JsonHttp http;
  private final String engineUrl;
  private final String bootstrapServers;
  private final BenchTargets targets;
  private final NoaaLoad load;
  private final long workerPid;
  private final PrintStream console;

  LatencyCurve(
      JsonHttp http,
      String engineUrl,
      String bootstrapServers,
      BenchTargets targets,
      NoaaLoad load,
      long workerPid,
      PrintStream console) {
    this.http = http;
    this.engineUrl = engineUrl;
    this.bootstrapServers = bootstrapServers;
    this.targets = targets;
    this.load = load;
    this.workerPid = workerPid;
    this.console = console;
  }

  /**
   * Where the capacity search starts: 40% of the 2-task sink's median steady drain rate (streaming
   * shares the cores with the producer and broker, so it sustains less than the drain rate; in a
   * run on a busy machine it still sustained 96% of it), at least {@link CapacitySearch#MIN_RATE}.
   */
  static double searchStart(List<BenchResults.Throughput> throughput) {
    double twoTasks =
        BenchResults.Spread.of(
                throughput.stream()
                    .filter(t -> t.tasks() == 2)
                    .map(BenchResults.Throughput::steadyRate)
                    .toList())
            .median();
    return Double.isNaN(twoTasks)
        ? 1_000
        : Math.max(CapacitySearch.MIN_RATE, Math.round(twoTasks * 0.4));
  }

  LatencyResults run(Map<String, String> connectorConfig, Settings s) {
    targets.deleteIndex();
    targets.connect().putConnector(StreamingLoad.CONNECTOR, connectorConfig);
    try (WorkerMetrics metrics = WorkerMetrics.attach(workerPid);
        StreamingLoad stream = new StreamingLoad(bootstrapServers, metrics, load)) {
      awaitLive(stream);
      List<CapacityTrial> trials = List.of();
      double capacity;
      if (s.capacity() != null) {
        capacity = s.capacity();
      } else {
        trials =
            new StreamingCapacity(stream, console)
                .search(s.searchStart(), s.capacityWindow(), s.capacityBudget());
        capacity = CapacitySearch.capacity(trials);
        if (Double.isNaN(capacity)) {
          throw new BenchException(
              "No streaming rate of at least "
                  + (long) CapacitySearch.MIN_RATE
                  + " records/s was sustainable; see the trials above and the worker's log");
        }
      }
      List<LatencyResults.Window> windows = new ArrayList<>();
      for (double share : s.shares()) {
        windows.addAll(point(stream, share, Math.max(1, Math.round(share * capacity)), s));
        if (!targets.healthy(StreamingLoad.CONNECTOR)) {
          throw new BenchException("The latency connector failed; see its trace above");
        }
      }
      return new LatencyResults(
          s.converter(),
          s.window().toSeconds(),
          s.metricSampleWindowMs(),
          s.metricSamples(),
          trials,
          capacity,
          windows);
    } finally {
      targets.deleteConnector(StreamingLoad.CONNECTOR);
    }
  }

  /**
   * Produces a few records and waits until the sink indexed them, so that measuring starts on a
   * live pipeline and not on a backlog piled up while the tasks started.
   */
  private void awaitLive(StreamingLoad stream) {
    stream.produce(100, Duration.ofMillis(200), null);
    if (stream.drain(Duration.ofSeconds(120)) > 0 || stream.indexed() == 0) {
      targets.healthy(StreamingLoad.CONNECTOR);
      throw new BenchException(
          "The latency connector indexed nothing within 120 s (or its tasks publish no"
              + " documents-indexed metric); see the worker's log");
    }
  }

  private List<LatencyResults.Window> point(
      StreamingLoad stream, double share, double rate, Settings s) {
    console.printf(
        Locale.ROOT,
        "Latency at %.0f%% of the streaming capacity: %,.0f records/s, %d s settle, %d x %d s"
            + " ...%n",
        100 * share,
        rate,
        SETTLE.toSeconds(),
        s.windows(),
        s.window().toSeconds());
    int probeEvery = (int) Math.max(1, Math.round(rate / 100));
    long[] probes = new long[s.windows()];
    double[] producedRates = new double[s.windows()];
    WorkerMetrics.AckLatency[] acks = new WorkerMetrics.AckLatency[s.windows()];
    List<LatencyResults.Window> out = new ArrayList<>();
    try (LatencyProbe probe =
        new LatencyProbe(http, engineUrl, BenchCommand.READ_ALIAS, s.windows())) {
      for (int w = -1; w < s.windows(); w++) {
        int window = w;
        long before = stream.produced();
        double seconds =
            stream.produce(
                rate,
                w < 0 ? SETTLE : s.window(),
                (i, bytes, nanos) -> {
                  if (i % probeEvery == 0) {
                    probe.expect(load.documentId(i), nanos, window);
                    if (window >= 0) {
                      probes[window]++;
                    }
                  }
                });
        if (w >= 0) {
          producedRates[w] = (stream.produced() - before) / seconds;
          acks[w] = stream.metrics().ackLatency(StreamingLoad.CONNECTOR);
        }
      }
      int unseen = probe.awaitAll(Duration.ofSeconds(30));
      for (int w = 0; w < s.windows(); w++) {
        Histogram h = probe.window(w);
        long seen = h.getTotalCount();
        boolean any = seen > 0;
        LatencyResults.Window result =
            new LatencyResults.Window(
                share,
                rate,
                w + 1,
                producedRates[w],
                probes[w],
                probes[w] - seen,
                acks[w].p50(),
                acks[w].p99(),
                acks[w].max(),
                any ? h.getValueAtPercentile(50) / 1000.0 : Double.NaN,
                any ? h.getValueAtPercentile(99) / 1000.0 : Double.NaN,
                any ? h.getMaxValue() / 1000.0 : Double.NaN);
        out.add(result);
        console.printf(
            Locale.ROOT,
            "  window %d  acknowledged p50 %,.0f p99 %,.0f max %,.0f ms | searchable p50 %,.0f"
                + " p99 %,.0f max %,.0f ms (%,d probes%s)%n",
            w + 1,
            result.ackP50(),
            result.ackP99(),
            result.ackMax(),
            result.searchP50(),
            result.searchP99(),
            result.searchMax(),
            seen,
            result.unseen() > 0 ? ", " + result.unseen() + " never seen" : "");
      }
      if (unseen > 0) {
        console.printf("  %d probe(s) were not found within 30 s of the end%n", unseen);
      }
    }
    long left = stream.drain(StreamingCapacity.DRAIN_TIMEOUT);
    if (left > 0) {
      console.printf(Locale.ROOT, "  %,d records still waiting to be indexed%n", left);
    }
    return out;
  }
}
