package io.tidestream.bench;

import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.kafka.Topics;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * One benchmark on a running stack, in order: topics and prefill, the sink's settings, the
 * unmeasured warm-ups, the interleaved throughput repetitions, the latency windows, the worker's
 * heap; assembled into {@link BenchResults}.
 */
final class BenchRun {

  private final BenchCommand options;
  private final BenchStack stack;
  private final PrintStream console;
  private final JsonHttp http;
  private final String engineUrl;
  private final NoaaLoad load;
  private final BenchTargets targets;

  BenchRun(BenchCommand options, BenchStack stack, JsonHttp http, PrintStream console) {
    this.options = options;
    this.stack = stack;
    this.console = console;
    this.http = http;
    this.engineUrl = stack.engine.url();
    this.load = new NoaaLoad(options.stations);
    this.targets = new BenchTargets(http, engineUrl, stack.worker.rest(), console);
  }

  BenchResults all(BenchResults.Machine machine, Instant startedAt, long t0) {
    long records = options.records;
    int repetitions = options.repetitions;
    try (Admin admin = stack.kafka.admin()) {
      Topics.create(
          admin,
          List.of(BenchCommand.TOPIC, BenchCommand.LATENCY_TOPIC, "bench.dlq"),
          options.partitions);
    }
    long p0 = System.nanoTime();
    try (LoadProducer producer = new LoadProducer(stack.kafka.bootstrapServers(), true)) {
      producer.prefill(load, BenchCommand.TOPIC, 0, records);
    }
    console.printf(
        Locale.ROOT,
        "Prefilled %s with %,d records in %.1f s.%n",
        BenchCommand.TOPIC,
        records,
        (System.nanoTime() - p0) / 1e9);

    Map<String, String> validated = options.sinkConfig(engineUrl, BenchCommand.TOPIC, 2);
    validated.put(
        "name", "bench-settings"); // Connect validates its own keys too; a connector needs a name
    Map<String, String> effective =
        SinkSettings.effectiveSettings(
            targets.connect().validate(BenchCommand.SINK_CLASS, validated));
    int concurrency =
        2 * Integer.parseInt(SinkSettings.setting(effective, "bulk.max.in.flight.requests"));
    BulkCeiling ceiling = new BulkCeiling();
    DrainRounds drains =
        new DrainRounds(
            http,
            engineUrl,
            targets,
            taskCount -> options.sinkConfig(engineUrl, BenchCommand.TOPIC, taskCount),
            records,
            console);
    // The engine's and the worker's JIT and caches warm up on loads that are not counted: else
    // whichever writer goes first is measured on a cold engine. The sink's warm-up also installs
    // its index template and writes the documents the raw ceiling then sends.
    drains.sinkRun(2, 0);
    List<byte[]> bodies =
        SinkDocuments.bulkBodies(
            http,
            engineUrl,
            BenchCommand.INDEX,
            load,
            records,
            Integer.parseInt(SinkSettings.setting(effective, "bulk.max.actions")),
            Long.parseLong(SinkSettings.setting(effective, "bulk.max.bytes")));
    console.printf(
        Locale.ROOT,
        "Built %,d bulk requests for the raw ceiling from the sink's documents (%d in flight).%n",
        bodies.size(),
        concurrency);
    drains.ceilingRun(ceiling, bodies, concurrency, 0);
    drains.forgetWindows();

    List<BenchResults.Throughput> throughput = new ArrayList<>();
    for (int rep = 1; rep <= repetitions; rep++) {
      throughput.add(drains.ceilingRun(ceiling, bodies, concurrency, rep));
      for (int t : options.tasks) {
        throughput.add(drains.sinkRun(t, rep));
      }
    }
    bodies = null;
    List<BenchResults.Latency> latency =
        options.latencySeconds > 0
            ? new LatencyRounds(
                    http, engineUrl, stack.kafka.bootstrapServers(), targets, load, console)
                .run(
                    options.sinkConfig(engineUrl, BenchCommand.LATENCY_TOPIC, 2),
                    LatencyRounds.rate(options.latencyRate, throughput),
                    repetitions,
                    options.latencySeconds)
            : List.of();
    List<BenchResults.Heap> heap = WorkerHeap.perTaskCount(stack.gcLog, drains.drainWindows());
    // after the sink's windows, so the source's load never overlaps a measured drain
    BackfillResult backfill =
        options.backfill.enabled()
            ? new SourceBackfill(
                    options.backfill,
                    ProjectHome.locate(),
                    stack.state(),
                    stack.kafka,
                    targets,
                    http,
                    console)
                .run()
            : null;
    BenchResults.Plan plan =
        new BenchResults.Plan(
            records,
            options.stations,
            options.partitions,
            repetitions,
            options.tasks,
            concurrency,
            options.latencySeconds,
            options.workerHeap,
            options.engineHeap);
    return new BenchResults(
        machine,
        plan,
        SinkSettings.shownConfig(options.sinkConfig(engineUrl, BenchCommand.TOPIC, 2), effective),
        throughput,
        latency,
        heap,
        options.commandLine(),
        DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(startedAt.atOffset(ZoneOffset.UTC).withNano(0))
            + " UTC",
        Duration.ofNanos(System.nanoTime() - t0).toSeconds(),
        backfill);
  }

  /** False when a task failed, the worker died or its log shows an OutOfMemoryError. */
  boolean workerSurvived() {
    if (targets.taskFailed() || !stack.worker.process().isAlive()) {
      return false;
    }
    try {
      return !Files.readString(stack.logOf("connect")).contains("OutOfMemoryError");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
