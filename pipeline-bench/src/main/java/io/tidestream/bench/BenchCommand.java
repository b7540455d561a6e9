package io.tidestream.bench;

import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pipeline bench}: in one run on this machine, the raw bulk ceiling, the sink draining a
 * prefilled topic with each {@code tasks.max}, the pipeline's streaming capacity and latency at
 * shares of it, and the worker's heap; written as a Markdown page, PNG charts and JSON to {@code
 * docs/benchmarks/}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure the sink against the engine's own bulk ceiling, its scaling with tasks.max, the"
            + " pipeline's streaming capacity, latency at shares of it and the worker's heap;"
            + " writes docs/benchmarks/README.md, throughput.png, latency.png and results.json."
            + " Starts its own Kafka, Connect worker and engine on free ports (a running ./pipeline"
            + " is left alone).")
public final class BenchCommand implements Callable<Integer> {

  static final String TOPIC = "bench.water_level";
  static final String LATENCY_TOPIC = "bench.latency";
  public static final String INDEX = "bench-run";
  static final String SINK_CLASS = "io.tidestream.elastic.ElasticGeoSinkConnector";

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
      defaultValue = "15",
      description =
          "Length of each latency window; the worker's metric window follows it; 0 skips the"
              + " streaming capacity and latency (default ${DEFAULT-VALUE}).")
  long latencySeconds;

  @Option(
      names = "--latency-windows",
      defaultValue = "3",
      description = "Latency windows at each rate (default ${DEFAULT-VALUE}).")
  int latencyWindows;

  @Option(
      names = "--latency-shares",
      defaultValue = "25,50,75",
      split = ",",
      description =
          "The rates of the latency curve, in percent of the streaming capacity; must include 50,"
              + " the headline (default ${DEFAULT-VALUE}).")
  List<Integer> latencyShares;

  @Option(
      names = "--streaming-capacity",
      description =
          "Records per second the pipeline sustains while streaming; skips measuring it"
              + " (default: measured).")
  Double streamingCapacity;

  @Option(
      names = "--capacity-seconds",
      defaultValue = "15",
      description =
          "Measured window of each streaming-capacity trial, after a 5 s warm-up"
              + " (default ${DEFAULT-VALUE}).")
  long capacitySeconds;

  @Option(
      names = "--capacity-budget",
      defaultValue = "130",
      description =
          "Seconds the streaming-capacity search may take; no trial starts that would end after"
              + " it (default ${DEFAULT-VALUE}).")
  long capacityBudget;

  @Option(
      names = "--latency-converter",
      paramLabel = "CLASS",
      description =
          "value.converter of the streaming/latency connector (default: the worker's,"
              + " JsonConverter with schemas), e.g."
              + " org.apache.kafka.connect.converters.ByteArrayConverter.")
  String latencyConverter;

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
    try (BenchStack stack =
        BenchStack.start(
            home, state, kind, workerHeap, engineHeap, workerMetricsWindow(), console)) {
      BenchRun run = new BenchRun(this, stack, http, console);
      BenchResults results =
          run.all(MachineInfo.describe(home, kind.id() + " " + stack.engineVersion), startedAt, t0);
      ResultsWriter.write(outDir, results, run.workerSurvived());
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
    if (latencySeconds > 0
        && (!latencyShares.contains(50)
            || latencyShares.stream().anyMatch(x -> x < 1 || x > 100)
            || latencyWindows < 1
            || latencySeconds < 5
            || capacitySeconds < 5)) {
      throw new LauncherException(
          "--latency-shares must list percentages from 1 to 100 including 50 (the headline),"
              + " --latency-windows must be at least 1, --latency-seconds and --capacity-seconds"
              + " at least 5");
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
   * The worker's metric window, so that a reading of the sink's {@code record-ack-latency} at a
   * latency window's end covers that window: {@value #METRIC_SAMPLES} samples of a fifth of it.
   */
  Map<String, String> workerMetricsWindow() {
    long windowMs = Math.max(1, latencySeconds) * 1000;
    return Map.of(
        "metrics.sample.window.ms",
        Long.toString(windowMs / METRIC_SAMPLES),
        "metrics.num.samples",
        Integer.toString(METRIC_SAMPLES));
  }

  static final int METRIC_SAMPLES = 5;

  /** The latency connector's configuration: the sink's, with {@code --latency-converter}. */
  Map<String, String> latencySinkConfig(String engineUrl) {
    Map<String, String> c = sinkConfig(engineUrl, LATENCY_TOPIC, 2);
    if (latencyConverter != null) {
      c.put("value.converter", latencyConverter);
    }
    return c;
  }

  /** What the streaming part measures, from the options. */
  LatencyCurve.Settings latencySettings(double searchStart) {
    Map<String, String> window = workerMetricsWindow();
    return new LatencyCurve.Settings(
        streamingCapacity,
        searchStart,
        latencyShares.stream().sorted().map(x -> x / 100.0).toList(),
        latencyWindows,
        Duration.ofSeconds(latencySeconds),
        Duration.ofSeconds(capacitySeconds),
        Duration.ofSeconds(capacityBudget),
        latencyConverter != null
            ? "`" + latencyConverter + "`"
            : "the worker's JsonConverter" + " with `schemas.enable=true`",
        Long.parseLong(window.get("metrics.sample.window.ms")),
        METRIC_SAMPLES);
  }

  /** The command line as typed, for the results page. */
  String commandLine() {
    return "./pipeline bench" + (argv.isEmpty() ? "" : " " + String.join(" ", argv));
  }
}
