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
 * The latency windows: a 2-task sink on {@link BenchCommand#LATENCY_TOPIC}, records produced at a
 * fixed rate, about 100 a second of them probes whose documents are searched for until they show.
 */
final class LatencyRounds {

  private final JsonHttp http;
  private final String engineUrl;
  private final String bootstrapServers;
  private final BenchTargets targets;
  private final NoaaLoad load;
  private final PrintStream console;

  LatencyRounds(
      JsonHttp http,
      String engineUrl,
      String bootstrapServers,
      BenchTargets targets,
      NoaaLoad load,
      PrintStream console) {
    this.http = http;
    this.engineUrl = engineUrl;
    this.bootstrapServers = bootstrapServers;
    this.targets = targets;
    this.load = load;
    this.console = console;
  }

  /** The rate asked for on the command line, else half the 2-task sink's median steady rate. */
  static double rate(Double asked, List<BenchResults.Throughput> throughput) {
    double twoTasks =
        BenchResults.Spread.of(
                throughput.stream()
                    .filter(t -> t.tasks() == 2)
                    .map(BenchResults.Throughput::steadyRate)
                    .toList())
            .median();
    return asked != null ? asked : Math.max(1, Math.round(twoTasks / 2));
  }

  /**
   * A 10 s warm-up, then {@code repetitions} windows of {@code seconds} each at {@code rate}
   * records per second, through a connector configured by {@code config}.
   */
  List<BenchResults.Latency> run(
      Map<String, String> config, double rate, int repetitions, long seconds) {
    int probeEvery = (int) Math.max(1, Math.round(rate / 100));
    targets.deleteIndex();
    console.printf(
        Locale.ROOT,
        "Latency: producing %,.0f records/s to %s (2 tasks), 10 s warm-up, %d x %d s ...%n",
        rate,
        BenchCommand.LATENCY_TOPIC,
        repetitions,
        seconds);
    targets.connect().putConnector("bench-latency", config);
    List<BenchResults.Latency> results = new ArrayList<>();
    try (LatencyProbe probe = new LatencyProbe(http, engineUrl, BenchCommand.INDEX, repetitions);
        LoadProducer producer = new LoadProducer(bootstrapServers, false)) {
      // Wait until the tasks run and consume (one record indexed), so that the warm-up starts on a
      // pipeline that is live rather than on a backlog piled up while the tasks started.
      long next =
          producer.atRate(
              load,
              BenchCommand.LATENCY_TOPIC,
              0,
              10,
              Duration.ofMillis(100),
              (i, bytes, nanos) -> probe.expect(load.documentId(i), nanos, -1));
      if (probe.awaitAll(Duration.ofSeconds(120)) > 0) {
        throw new BenchException(
            "The latency connector indexed nothing within 120 s; see the worker's log");
      }
      long[] probes = new long[repetitions];
      for (int w = -1; w < repetitions; w++) {
        int window = w;
        Duration length = w < 0 ? Duration.ofSeconds(10) : Duration.ofSeconds(seconds);
        next =
            producer.atRate(
                load,
                BenchCommand.LATENCY_TOPIC,
                next,
                rate,
                length,
                (i, bytes, nanos) -> {
                  if (i % probeEvery == 0) {
                    probe.expect(load.documentId(i), nanos, window);
                    if (window >= 0) {
                      probes[window]++;
                    }
                  }
                });
      }
      int unseen = probe.awaitAll(Duration.ofSeconds(60));
      for (int w = 0; w < repetitions; w++) {
        Histogram h = probe.window(w);
        long seen = h.getTotalCount();
        results.add(
            new BenchResults.Latency(
                w + 1,
                rate,
                probes[w],
                probes[w] - seen,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0));
        console.printf(
            Locale.ROOT,
            "  window %d  p50 %,.0f ms  p95 %,.0f ms  p99 %,.0f ms  max %,.0f ms  (%,d probes)%n",
            w + 1,
            results.get(w).p50(),
            results.get(w).p95(),
            results.get(w).p99(),
            results.get(w).max(),
            seen);
      }
      if (unseen > 0) {
        console.printf("  %d probe(s) were not found within 60 s of the end%n", unseen);
      }
    } finally {
      targets.deleteConnector("bench-latency");
    }
    return results;
  }
}
