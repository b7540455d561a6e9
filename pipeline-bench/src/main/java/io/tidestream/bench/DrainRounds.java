package io.tidestream.bench;

import io.tidestream.pipeline.process.JsonHttp;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * The throughput rounds: the raw bulk ceiling or the sink (one connector per {@code tasks.max})
 * drains the prefilled records into a fresh index, watched until every document is there exactly
 * once, and measured the same way. Remembers when each sink drain ran, for the worker's heap.
 */
final class DrainRounds {

  private final JsonHttp http;
  private final String engineUrl;
  private final BenchTargets targets;
  private final IntFunction<Map<String, String>> sinkConfig;
  private final long records;
  private final PrintStream console;
  private final Map<Integer, List<Instant[]>> drainWindows = new LinkedHashMap<>();

  /**
   * @param sinkConfig the sink's configuration for a {@code tasks.max}, reading the prefilled topic
   */
  DrainRounds(
      JsonHttp http,
      String engineUrl,
      BenchTargets targets,
      IntFunction<Map<String, String>> sinkConfig,
      long records,
      PrintStream console) {
    this.http = http;
    this.engineUrl = engineUrl;
    this.targets = targets;
    this.sinkConfig = sinkConfig;
    this.records = records;
    this.console = console;
  }

  /** When each sink drain ran since the last {@link #forgetWindows()}, by {@code tasks.max}. */
  Map<Integer, List<Instant[]>> drainWindows() {
    return drainWindows;
  }

  /** Forgets the drains so far (the warm-up's), so the heap counts only measured ones. */
  void forgetWindows() {
    drainWindows.clear();
  }

  /** The raw ceiling: {@code bodies} sent straight to the engine, {@code concurrency} at a time. */
  BenchResults.Throughput ceilingRun(
      BulkCeiling ceiling, List<byte[]> bodies, int concurrency, int rep) {
    targets.deleteIndex();
    IndexingWatch watch = new IndexingWatch(http, engineUrl, BenchCommand.INDEX);
    CompletableFuture<Long> loading =
        CompletableFuture.supplyAsync(() -> ceiling.load(engineUrl, bodies, concurrency));
    IndexingWatch.Fill fill =
        watch.awaitDocuments(
            records,
            Duration.ofMinutes(10),
            () -> !loading.isCompletedExceptionally(),
            "The raw bulk loader");
    return measured(0, rep, fill, loading.join(), "raw bulk ceiling ");
  }

  /** The sink with {@code taskCount} tasks, a new connector that reads the topic from the start. */
  BenchResults.Throughput sinkRun(int taskCount, int rep) {
    targets.deleteIndex();
    String name = "bench-sink-t" + taskCount + "-r" + rep;
    IndexingWatch watch = new IndexingWatch(http, engineUrl, BenchCommand.INDEX);
    Instant from = Instant.now();
    long start = System.nanoTime();
    targets.connect().putConnector(name, sinkConfig.apply(taskCount));
    int[] polls = {0};
    IndexingWatch.Fill fill =
        watch.awaitDocuments(
            records,
            Duration.ofMinutes(10),
            () -> polls[0]++ % 20 != 0 || targets.healthy(name),
            "The sink with tasks.max=" + taskCount);
    Instant to = Instant.now();
    targets.deleteConnector(name);
    drainWindows.computeIfAbsent(taskCount, k -> new ArrayList<>()).add(new Instant[] {from, to});
    return measured(
        taskCount, rep, fill, fill.completeNanos() - start, "sink, tasks.max=" + taskCount);
  }

  /**
   * A run's numbers. Operations the writer repeated (a sink re-delivers what was in flight when a
   * rebalance moved a partition) are taken out of the steady rate in proportion, so it counts
   * distinct documents.
   */
  private BenchResults.Throughput measured(
      int taskCount, int rep, IndexingWatch.Fill fill, long wallNanos, String label) {
    long operations = records + fill.resentOperations(records);
    double steady =
        IndexingWatch.steadyRate(fill.samples(), operations, 0.05, 0.95) * records / operations;
    BenchResults.Throughput t =
        new BenchResults.Throughput(
            taskCount, rep, steady, records / (wallNanos / 1e9), fill.resentOperations(records));
    console.printf(
        Locale.ROOT,
        "  %-12s  %-18s %,9.0f docs/s steady, %,9.0f wall%s%n",
        rep == 0 ? "warm-up" : "repetition " + rep,
        label,
        t.steadyRate(),
        t.wallRate(),
        t.resent() == 0 ? "" : String.format(Locale.ROOT, " (%,d re-sent)", t.resent()));
    return t;
  }
}
