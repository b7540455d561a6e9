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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark on a running stack, in order: topics and prefill, the sink's settings, the
 * throughput part ({@link ThroughputRounds}: warm-up, plateau, interleaved raw and sink rounds),
 * the latency windows, the worker's heap; assembled into {@link BenchResults}, whose targets table
 * each step adds its rows to.
 */
final class BenchRun {

  private final BenchCommand options;
  private final BenchStack stack;
  private final PrintStream console;
  private final JsonHttp http;
  private final String engineUrl;
  private final NoaaLoad load;
  private final BenchTargets targets;

  /** The sink's dead-letter topic in every round. */
  static final String DEAD_LETTERS = "bench.dlq";

  BenchRun(BenchCommand options, BenchStack stack, JsonHttp http, PrintStream console) {
    this.options = options;
    this.stack = stack;
    this.console = console;
    this.http = http;
    this.engineUrl = stack.engine.url();
    this.load = new NoaaLoad(options.stations);
    this.targets = new BenchTargets(http, engineUrl, stack.worker.rest(), console);
  }

  BenchResults all(
      BenchResults.Machine machine, BenchResults.Baseline baseline, Instant startedAt, long t0) {
    long records = options.records;
    int repetitions = options.repetitions;
    List<Writer> writers = options.writerList();
    try (Admin admin = stack.kafka.admin()) {
      List<String> topics = new ArrayList<>();
      for (Writer.Format f : Writer.Format.values()) {
        topics.add(f.topic);
      }
      topics.addAll(List.of(BenchCommand.LATENCY_TOPIC, DEAD_LETTERS));
      Topics.create(admin, topics, options.partitions);
      prefill(writers, records);

      Map<String, String> validated = options.sinkConfig(engineUrl, writers.get(0));
      validated.put(
          "name", "bench-settings"); // Connect validates its own keys too; a connector needs a name
      Map<String, String> effective =
          SinkSettings.effectiveSettings(
              targets.connect().validate(BenchCommand.SINK_CLASS, validated));
      int sinkInFlight =
          2 * Integer.parseInt(SinkSettings.setting(effective, "bulk.max.in.flight.requests"));
      ProcCpu proc = ProcCpu.system();
      Map<String, ProcCpu.Proc> pids = new LinkedHashMap<>();
      pids.put(ProcCpu.WORKER, new ProcCpu.Proc(stack.worker.process().pid(), true));
      pids.put(ProcCpu.ENGINE, new ProcCpu.Proc(stack.engine.process().pid(), true));
      pids.put(ProcCpu.BROKER, new ProcCpu.Proc(stack.kafka.process().pid(), true));
      // this JVM alone: the servers are its descendants
      pids.put(ProcCpu.BENCH, new ProcCpu.Proc(ProcessHandle.current().pid(), false));
      DrainRounds drains =
          new DrainRounds(
              http,
              engineUrl,
              targets,
              w -> options.sinkConfig(engineUrl, w),
              records,
              () -> proc.snapshot(pids),
              () -> endOffsets(admin, DEAD_LETTERS),
              console);
      ThroughputRounds.Outcome throughput =
          new ThroughputRounds(drains, http, engineUrl, load, records, console)
              .run(
                  writers,
                  repetitions,
                  new Plateau(Plateau.DEFAULT.tolerance(), options.warmupLoads),
                  options.ceilingInFlight,
                  Integer.parseInt(SinkSettings.setting(effective, "bulk.max.actions")),
                  Long.parseLong(SinkSettings.setting(effective, "bulk.max.bytes")));
      // The first 2-task writer's rounds: the streaming-capacity search starts from a share of
      // its drain rate.
      List<BenchResults.Throughput> twoTasks =
          throughput.rounds().stream()
              .filter(
                  t ->
                      writers.stream()
                          .filter(w -> w.tasks() == 2)
                          .findFirst()
                          .map(w -> w.id().equals(t.writer()))
                          .orElse(false))
              .toList();
      LatencyResults latency =
          options.latencySeconds > 0
              ? new LatencyCurve(
                      http,
                      engineUrl,
                      stack.kafka.bootstrapServers(),
                      targets,
                      load,
                      stack.worker.process().pid(),
                      console)
                  .run(
                      options.latencySinkConfig(engineUrl),
                      options.latencySettings(LatencyCurve.searchStart(twoTasks)))
              : null;
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
              writers.stream().map(Writer::id).toList(),
              options.ceilingInFlight,
              sinkInFlight,
              options.latencySeconds,
              options.workerHeap,
              options.engineHeap);
      Map<String, String> shown =
          SinkSettings.shownConfig(options.sinkConfig(engineUrl, writers.get(0)), effective);
      shown.keySet().removeIf(k -> k.equals("topics") || k.startsWith("value.converter"));
      BenchResults results =
          new BenchResults(
              machine,
              plan,
              shown,
              throughput.warmup(),
              throughput.rounds(),
              throughput.ratios(),
              latency,
              heap,
              baseline,
              List.of(),
              options.commandLine(),
              DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                      startedAt.atOffset(ZoneOffset.UTC).withNano(0))
                  + " UTC",
              Duration.ofNanos(System.nanoTime() - t0).toSeconds(),
              backfill);
      // The targets table: each step adds its rows.
      results = results.withTargets(ThroughputTargets.rows(results));
      results = results.withTargets(RunTargets.latency(results));
      results = results.withTargets(List.of(RunTargets.heap(results, workerSurvived())));
      results = results.withTargets(RunTargets.backfill(results));
      return results.withTargets(List.of(ThroughputTargets.jmh()));
    }
  }

  /** Both load topics hold the same records, each only if a writer reads it. */
  private void prefill(List<Writer> writers, long records) {
    try (LoadProducer producer = new LoadProducer(stack.kafka.bootstrapServers(), true)) {
      for (Writer.Format f : Writer.Format.values()) {
        if (writers.stream().noneMatch(w -> w.format() == f)) {
          continue;
        }
        long p0 = System.nanoTime();
        producer.prefill(load, f.topic, 0, records, f == Writer.Format.DEFAULT);
        console.printf(
            Locale.ROOT,
            "Prefilled %s with %,d records in %.1f s.%n",
            f.topic,
            records,
            (System.nanoTime() - p0) / 1e9);
      }
    }
  }

  /** Records written to {@code topic} so far: the sum of its partitions' end offsets. */
  private static long endOffsets(Admin admin, String topic) {
    try {
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
          .sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted");
    } catch (ExecutionException e) {
      throw new BenchException(
          "Cannot read the end offsets of " + topic + ": " + e.getCause().getMessage(), e);
    }
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
