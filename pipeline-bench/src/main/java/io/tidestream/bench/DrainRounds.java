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
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The throughput rounds: the raw bulk ceiling or the sink (one connector per {@link Writer}) drains
 * the prefilled records into a fresh index, watched until every document is there exactly once, and
 * measured the same way, with the CPU the servers spent on it. Remembers when each sink drain ran,
 * for the worker's heap.
 */
final class DrainRounds {

  private final JsonHttp http;
  private final String engineUrl;
  private final BenchTargets targets;
  private final Function<Writer, Map<String, String>> sinkConfig;
  private final long records;
  private final Supplier<Map<String, Double>> cpu;
  private final LongSupplier deadLettered;
  private final PrintStream console;
  private final Map<Integer, List<Instant[]>> drainWindows = new LinkedHashMap<>();

  /**
   * @param sinkConfig the sink's configuration for a writer, reading its prefilled topic
   * @param cpu the CPU seconds of the measured processes so far, by {@link ProcCpu} name
   * @param deadLettered records in the dead-letter topic so far
   */
  DrainRounds(
      JsonHttp http,
      String engineUrl,
      BenchTargets targets,
      Function<Writer, Map<String, String>> sinkConfig,
      long records,
      Supplier<Map<String, Double>> cpu,
      LongSupplier deadLettered,
      PrintStream console) {
    this.http = http;
    this.engineUrl = engineUrl;
    this.targets = targets;
    this.sinkConfig = sinkConfig;
    this.records = records;
    this.cpu = cpu;
    this.deadLettered = deadLettered;
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

  /**
   * The raw ceiling: {@code bodies} sent straight to the engine, {@code concurrency} at a time.
   * {@code phase} names an unmeasured load on the console (null: repetition {@code rep}).
   */
  BenchResults.Throughput ceilingRun(
      BulkCeiling ceiling, List<byte[]> bodies, int concurrency, int rep, String phase) {
    targets.deleteIndex();
    IndexingWatch watch = new IndexingWatch(http, engineUrl, BenchCommand.READ_ALIAS);
    Map<String, Double> cpuBefore = cpu.get();
    CompletableFuture<Long> loading =
        CompletableFuture.supplyAsync(() -> ceiling.load(engineUrl, bodies, concurrency));
    IndexingWatch.Fill fill =
        watch.awaitDocuments(
            records,
            Duration.ofMinutes(10),
            () -> !loading.isCompletedExceptionally(),
            "The raw bulk loader");
    long nanos = loading.join();
    return measured(
        0,
        BenchResults.RAW,
        rep,
        fill,
        nanos,
        cpuBefore,
        "raw _bulk, " + concurrency + " in flight",
        phase);
  }

  /** The sink as {@code writer}: a new connector that reads its topic from the start. */
  BenchResults.Throughput sinkRun(Writer writer, int rep) {
    targets.deleteIndex();
    String name =
        "bench-sink-"
            + writer.format().id
            + "-"
            + writer.converter().id
            + "-t"
            + writer.tasks()
            + "-r"
            + rep;
    IndexingWatch watch = new IndexingWatch(http, engineUrl, BenchCommand.READ_ALIAS);
    long dlqBefore = deadLettered.getAsLong();
    Map<String, Double> cpuBefore = cpu.get();
    Instant from = Instant.now();
    long start = System.nanoTime();
    targets.connect().putConnector(name, sinkConfig.apply(writer));
    int[] polls = {0};
    IndexingWatch.Fill fill =
        watch.awaitDocuments(
            records,
            Duration.ofMinutes(10),
            () -> polls[0]++ % 20 != 0 || (targets.healthy(name) && noDeadLetters(name, dlqBefore)),
            "The " + writer.label());
    Instant to = Instant.now();
    BenchResults.Throughput t =
        measured(
            writer.tasks(),
            writer.id(),
            rep,
            fill,
            fill.completeNanos() - start,
            cpuBefore,
            writer.label(),
            rep == 0 ? "warm-up" : null);
    targets.deleteConnector(name);
    drainWindows
        .computeIfAbsent(writer.tasks(), k -> new ArrayList<>())
        .add(new Instant[] {from, to});
    return t;
  }

  /**
   * A drain that dead-letters records never completes: fail at once, naming the cause, instead of
   * waiting for the timeout.
   */
  private boolean noDeadLetters(String connector, long before) {
    long dead = deadLettered.getAsLong() - before;
    if (dead > 0) {
      throw new BenchException(
          connector
              + " dead-lettered "
              + dead
              + " record(s) to bench.dlq instead of indexing them: the sink cannot read this"
              + " writer's values (its reason is in the records' headers). Measure it with a"
              + " sink build that reads them, or leave the writer out of --writers");
    }
    return true;
  }

  /**
   * A run's numbers. Operations the writer repeated (a sink re-delivers what was in flight when a
   * rebalance moved a partition) are taken out of the steady rate in proportion, so it counts
   * distinct documents.
   */
  private BenchResults.Throughput measured(
      int taskCount,
      String writer,
      int rep,
      IndexingWatch.Fill fill,
      long wallNanos,
      Map<String, Double> cpuBefore,
      String label,
      String phase) {
    BenchResults.Cpu perDoc = ProcCpu.perDocument(cpuBefore, cpu.get(), records);
    long operations = records + fill.resentOperations(records);
    double steady =
        IndexingWatch.steadyRate(fill.samples(), operations, 0.05, 0.95) * records / operations;
    BenchResults.Throughput t =
        new BenchResults.Throughput(
            taskCount,
            rep,
            steady,
            records / (wallNanos / 1e9),
            fill.resentOperations(records),
            writer,
            perDoc);
    console.printf(
        Locale.ROOT,
        "  %-12s  %-62s %,9.0f docs/s steady, %,9.0f wall; µs/doc worker %.1f, engine %.1f,"
            + " broker %.1f, bench %.1f%s%n",
        phase != null ? phase : "repetition " + rep,
        label,
        t.steadyRate(),
        t.wallRate(),
        perDoc.worker(),
        perDoc.engine(),
        perDoc.broker(),
        perDoc.bench(),
        t.resent() == 0 ? "" : String.format(Locale.ROOT, " (%,d re-sent)", t.resent()));
    return t;
  }
}
