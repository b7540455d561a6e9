package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import io.tidestream.pipeline.kafka.Topics;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pipeline bench}: in one run on this machine, the raw bulk ceiling, the sink draining a
 * prefilled topic with each {@code tasks.max}, end-to-end latency at half the 2-task rate and the
 * worker's heap; written as a Markdown page, PNG charts and JSON to {@code docs/benchmarks/}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure the sink against the engine's own bulk ceiling, its scaling with tasks.max,"
            + " end-to-end latency and the worker's heap; writes docs/benchmarks/README.md,"
            + " throughput.png, latency.png and results.json. Starts its own Kafka, Connect worker"
            + " and engine on free ports (a running ./pipeline is left alone).")
public final class BenchCommand implements Callable<Integer> {

  static final String TOPIC = "bench.water_level";
  static final String LATENCY_TOPIC = "bench.latency";
  public static final String INDEX = "bench-run";
  static final String SINK_CLASS = "io.tidestream.elastic.ElasticGeoSinkConnector";

  /**
   * The sink settings shown with the results, as the sink's REST validation reports them (defaults
   * included).
   */
  static final List<String> SHOWN_SINK_SETTINGS =
      List.of(
          "bulk.max.actions",
          "bulk.max.bytes",
          "bulk.linger.ms",
          "bulk.max.in.flight.requests",
          "buffer.max.bytes");

  @Option(
      names = "--records",
      defaultValue = "300000",
      description = "Records in the prefilled topic (default ${DEFAULT-VALUE}).")
  long records;

  @Option(
      names = "--stations",
      defaultValue = "50",
      description = "Stations the records spread over (default ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--partitions",
      defaultValue = "4",
      description =
          "Partitions of the topics; at least the largest --tasks (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--tasks",
      defaultValue = "1,2,4",
      split = ",",
      description = "The tasks.max values to measure (default ${DEFAULT-VALUE}).")
  List<Integer> tasks;

  @Option(
      names = "--repetitions",
      defaultValue = "3",
      description =
          "Repetitions of each measurement; the median is quoted (default ${DEFAULT-VALUE}).")
  int repetitions;

  @Option(
      names = "--latency-seconds",
      defaultValue = "30",
      description = "Length of each latency window; 0 skips latency (default ${DEFAULT-VALUE}).")
  long latencySeconds;

  @Option(
      names = "--latency-rate",
      description =
          "Records per second for the latency windows (default: half the 2-task "
              + "sink's median steady rate).")
  Double latencyRate;

  @Option(
      names = "--worker-heap",
      defaultValue = "256m",
      description = "The Connect worker's -Xmx (default ${DEFAULT-VALUE}).")
  String workerHeap;

  @Option(
      names = "--engine",
      defaultValue = "opensearch-2",
      paramLabel = "ENGINE",
      description =
          "opensearch-2 (default), opensearch-3, elasticsearch-7, elasticsearch-8 or"
              + " elasticsearch-9.")
  String engine;

  @Option(
      names = "--engine-heap",
      defaultValue = "1g",
      description = "The engine's heap (default ${DEFAULT-VALUE}).")
  String engineHeap;

  @Option(
      names = "--sink",
      paramLabel = "KEY=VALUE",
      description =
          "A sink setting to change from its default, e.g. --sink bulk.max.actions=1000"
              + " (repeatable).")
  Map<String, String> sinkOverrides = new LinkedHashMap<>();

  @Option(
      names = "--out",
      description = "Where the results go (default docs/benchmarks in the checkout).")
  Path out;

  @Option(
      names = "--state-dir",
      description = "Where the servers keep data and logs (default .bench in the checkout).")
  Path stateDir;

  private final PrintStream console = System.out;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(60));
  private final List<String> argv = new ArrayList<>();

  BenchCommand withArgs(String... args) {
    argv.addAll(List.of(args));
    return this;
  }

  @Override
  public Integer call() {
    validate();
    ProjectHome home = ProjectHome.locate();
    Path outDir = out != null ? out : home.root().resolve("docs").resolve("benchmarks");
    StateDir state = new StateDir(stateDir != null ? stateDir : home.root().resolve(".bench"));
    EngineKind kind = EngineKind.fromId(engine);
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    try (BenchStack stack = BenchStack.start(home, state, kind, workerHeap, engineHeap, console)) {
      Run run = new Run(stack);
      BenchResults results =
          run.all(MachineInfo.describe(home, kind.id() + " " + stack.engineVersion), startedAt, t0);
      write(outDir, results, run.workerSurvived());
      console.printf(
          "%nWrote %s (README.md, throughput.png, latency.png, results.json) in %d s.%n",
          outDir, results.tookSeconds());
    }
    return 0;
  }

  private void validate() {
    if (records < 10_000) {
      throw new LauncherException("--records must be at least 10000 to measure a steady rate");
    }
    if (tasks.isEmpty() || tasks.stream().anyMatch(t -> t < 1)) {
      throw new LauncherException("--tasks must list positive numbers, e.g. 1,2,4");
    }
    if (!tasks.contains(2)) {
      throw new LauncherException(
          "--tasks must include 2: the ceiling's concurrency and the latency load follow the "
              + "2-task sink");
    }
    if (partitions < tasks.stream().mapToInt(Integer::intValue).max().orElse(1)) {
      throw new LauncherException(
          "--partitions must be at least the largest --tasks, or tasks sit idle");
    }
    if (repetitions < 1 || stations < 1) {
      throw new LauncherException("--repetitions and --stations must be at least 1");
    }
  }

  /**
   * The sink's configuration for a run: the documented defaults with the bench's topic and index.
   */
  public Map<String, String> sinkConfig(String engineUrl, String topic, int taskCount) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", SINK_CLASS);
    c.put("tasks.max", Integer.toString(taskCount));
    c.put("topics", topic);
    c.put("connection.urls", engineUrl);
    c.put("index.name", INDEX);
    c.put("mapping.template.name", "tidestream-bench");
    c.put("mapping.template.patterns", "bench-*");
    c.put("mapping.index.settings", "{\"number_of_replicas\":0}");
    c.put("document.id.fields", "station_id,product,time");
    c.put("geo.lat.field", "lat");
    c.put("geo.lon.field", "lon");
    c.put("geo.target.field", "location");
    c.put("errors.tolerance", "all");
    c.put("errors.deadletterqueue.topic.name", "bench.dlq");
    c.put("errors.deadletterqueue.topic.replication.factor", "1");
    c.putAll(sinkOverrides);
    return c;
  }

  /**
   * The settings the sink runs with, defaults included, as the worker's {@code PUT
   * /connector-plugins/{class}/config/validate} reports them: the benchmark learns the sink's batch
   * size and in-flight budget from the plugin it installed, not from the sink's classes.
   */
  static Map<String, String> effectiveSettings(JsonNode validation) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (JsonNode config : validation.path("configs")) {
      JsonNode value = config.path("value");
      values.put(
          value.path("name").asText(),
          value.path("value").isNull() ? null : value.path("value").asText());
      value
          .path("errors")
          .forEach(e -> errors.add(value.path("name").asText() + ": " + e.asText()));
    }
    if (!errors.isEmpty()) {
      throw new BenchException(
          "The sink refuses the benchmark's configuration: " + String.join("; ", errors));
    }
    return values;
  }

  /** The settings shown with the results: what the sink was given beyond the connector plumbing. */
  private Map<String, String> shownConfig(String engineUrl, Map<String, String> effective) {
    Map<String, String> c = sinkConfig(engineUrl, TOPIC, 2);
    c.remove("connection.urls");
    c.remove("connector.class");
    c.remove("tasks.max");
    for (String key : SHOWN_SINK_SETTINGS) {
      c.put(key, setting(effective, key));
    }
    return c;
  }

  static String setting(Map<String, String> effective, String key) {
    String value = effective.get(key);
    if (value == null) {
      throw new BenchException(
          "The sink plugin does not report the setting " + key + "; the benchmark needs it");
    }
    return value;
  }

  /** One benchmark on a running stack. */
  private final class Run {
    private final BenchStack stack;
    private final String engineUrl;
    private final ConnectRestClient connect;
    private final NoaaLoad load;
    private final List<BenchResults.Throughput> throughput = new ArrayList<>();
    private final Map<Integer, List<Instant[]>> drainWindows = new LinkedHashMap<>();
    private boolean taskFailed;

    Run(BenchStack stack) {
      this.stack = stack;
      this.engineUrl = stack.engine.url();
      this.connect = stack.worker.rest();
      this.load = new NoaaLoad(stations);
    }

    BenchResults all(BenchResults.Machine machine, Instant startedAt, long t0) {
      try (Admin admin = stack.kafka.admin()) {
        Topics.create(admin, List.of(TOPIC, LATENCY_TOPIC, "bench.dlq"), partitions);
      }
      long p0 = System.nanoTime();
      try (LoadProducer producer = new LoadProducer(stack.kafka.bootstrapServers(), true)) {
        producer.prefill(load, TOPIC, 0, records);
      }
      console.printf(
          Locale.ROOT,
          "Prefilled %s with %,d records in %.1f s.%n",
          TOPIC,
          records,
          (System.nanoTime() - p0) / 1e9);

      Map<String, String> validated = sinkConfig(engineUrl, TOPIC, 2);
      validated.put(
          "name", "bench-settings"); // Connect validates its own keys too; a connector needs a name
      Map<String, String> effective = effectiveSettings(connect.validate(SINK_CLASS, validated));
      int concurrency = 2 * Integer.parseInt(setting(effective, "bulk.max.in.flight.requests"));
      BulkCeiling ceiling = new BulkCeiling();
      // The engine's and the worker's JIT and caches warm up on loads that are not counted: else
      // whichever writer goes first is measured on a cold engine. The sink's warm-up also installs
      // its index template and writes the documents the raw ceiling then sends.
      sinkRun(2, 0);
      List<byte[]> bodies =
          SinkDocuments.bulkBodies(
              http,
              engineUrl,
              INDEX,
              load,
              records,
              Integer.parseInt(setting(effective, "bulk.max.actions")),
              Long.parseLong(setting(effective, "bulk.max.bytes")));
      console.printf(
          Locale.ROOT,
          "Built %,d bulk requests for the raw ceiling from the sink's documents (%d in flight).%n",
          bodies.size(),
          concurrency);
      ceilingRun(ceiling, bodies, concurrency, 0);
      drainWindows.clear();

      for (int rep = 1; rep <= repetitions; rep++) {
        throughput.add(ceilingRun(ceiling, bodies, concurrency, rep));
        for (int t : tasks) {
          throughput.add(sinkRun(t, rep));
        }
      }
      bodies = null;
      List<BenchResults.Latency> latency = latencySeconds > 0 ? latencyRuns() : List.of();
      List<BenchResults.Heap> heap = heap();
      BenchResults.Plan plan =
          new BenchResults.Plan(
              records,
              stations,
              partitions,
              repetitions,
              tasks,
              concurrency,
              latencySeconds,
              workerHeap,
              engineHeap);
      String command = "./pipeline bench" + (argv.isEmpty() ? "" : " " + String.join(" ", argv));
      return new BenchResults(
          machine,
          plan,
          shownConfig(engineUrl, effective),
          throughput,
          latency,
          heap,
          command,
          DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                  startedAt.atOffset(ZoneOffset.UTC).withNano(0))
              + " UTC",
          Duration.ofNanos(System.nanoTime() - t0).toSeconds());
    }

    boolean workerSurvived() {
      if (taskFailed || !stack.worker.process().isAlive()) {
        return false;
      }
      try {
        return !Files.readString(stack.logOf("connect")).contains("OutOfMemoryError");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private BenchResults.Throughput ceilingRun(
        BulkCeiling ceiling, List<byte[]> bodies, int concurrency, int rep) {
      deleteIndex();
      IndexingWatch watch = new IndexingWatch(http, engineUrl, INDEX);
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

    private BenchResults.Throughput sinkRun(int taskCount, int rep) {
      deleteIndex();
      String name = "bench-sink-t" + taskCount + "-r" + rep;
      IndexingWatch watch = new IndexingWatch(http, engineUrl, INDEX);
      Instant from = Instant.now();
      long start = System.nanoTime();
      connect.putConnector(name, sinkConfig(engineUrl, TOPIC, taskCount));
      int[] polls = {0};
      IndexingWatch.Fill fill =
          watch.awaitDocuments(
              records,
              Duration.ofMinutes(10),
              () -> polls[0]++ % 20 != 0 || healthy(name),
              "The sink with tasks.max=" + taskCount);
      Instant to = Instant.now();
      deleteConnector(name);
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

    private List<BenchResults.Latency> latencyRuns() {
      double twoTasks =
          BenchResults.Spread.of(
                  throughput.stream()
                      .filter(t -> t.tasks() == 2)
                      .map(BenchResults.Throughput::steadyRate)
                      .toList())
              .median();
      double rate = latencyRate != null ? latencyRate : Math.max(1, Math.round(twoTasks / 2));
      int probeEvery = (int) Math.max(1, Math.round(rate / 100));
      deleteIndex();
      Map<String, String> config = sinkConfig(engineUrl, LATENCY_TOPIC, 2);
      console.printf(
          Locale.ROOT,
          "Latency: producing %,.0f records/s to %s (2 tasks), 10 s warm-up, %d x %d s ...%n",
          rate,
          LATENCY_TOPIC,
          repetitions,
          latencySeconds);
      connect.putConnector("bench-latency", config);
      List<BenchResults.Latency> results = new ArrayList<>();
      try (LatencyProbe probe = new LatencyProbe(http, engineUrl, INDEX, repetitions);
          LoadProducer producer = new LoadProducer(stack.kafka.bootstrapServers(), false)) {
        // Wait until the tasks run and consume (one record indexed), so that the warm-up starts on
        // a
        // pipeline that is live rather than on a backlog piled up while the tasks started.
        long next =
            producer.atRate(
                load,
                LATENCY_TOPIC,
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
          Duration length = w < 0 ? Duration.ofSeconds(10) : Duration.ofSeconds(latencySeconds);
          next =
              producer.atRate(
                  load,
                  LATENCY_TOPIC,
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
        deleteConnector("bench-latency");
      }
      return results;
    }

    private List<BenchResults.Heap> heap() {
      List<GcLog.Pause> pauses = GcLog.read(stack.gcLog);
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

    /**
     * False (and remembered) when the connector or a task failed; its trace goes to the console.
     */
    private boolean healthy(String name) {
      JsonNode status = connect.status(name);
      if (status == null) {
        return true; // not started yet
      }
      for (JsonNode task : status.path("tasks")) {
        if ("FAILED".equals(task.path("state").asText())) {
          taskFailed = true;
          console.println(
              "Task "
                  + task.path("id").asText()
                  + " of "
                  + name
                  + " FAILED: "
                  + task.path("trace").asText());
          return false;
        }
      }
      return !"FAILED".equals(status.path("connector").path("state").asText());
    }

    private void deleteIndex() {
      JsonHttp.Response r = http.delete(engineUrl + "/" + INDEX);
      if (!r.ok() && r.status() != 404) {
        throw new BenchException(
            "Cannot delete index " + INDEX + " (HTTP " + r.status() + "): " + r.body());
      }
    }

    /** Deletes a connector and waits until it is gone, so its tasks no longer write. */
    private void deleteConnector(String name) {
      connect.delete(name);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (connect.status(name) != null) {
        if (System.nanoTime() > deadline) {
          throw new BenchException(
              "Connector " + name + " was still there 60 s after it was deleted");
        }
        IndexingWatch.sleep(Duration.ofMillis(200));
      }
    }
  }

  private static void write(Path dir, BenchResults results, boolean workerSurvived) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("README.md"), Report.markdown(results, workerSurvived));
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve("results.json").toFile(), results);
      Charts.throughput(results, dir.resolve("throughput.png"));
      if (!results.latency().isEmpty()) {
        Charts.latency(results, dir.resolve("latency.png"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
