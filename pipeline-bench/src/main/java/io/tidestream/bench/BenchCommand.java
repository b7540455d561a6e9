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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./pipeline bench}: in one run on this machine, the engine's raw bulk ceiling after it
 * plateaus, the sink draining prefilled topics as each {@link Writer} (format, converter, {@code
 * tasks.max}) in rounds interleaved with raw ones, the CPU per document of every process, the
 * pipeline's streaming capacity and latency at shares of it, and the worker's heap; written as a
 * Markdown page, PNG charts and JSON to {@code docs/benchmarks/}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure the sink against the engine's own bulk ceiling (after it plateaus, in"
            + " interleaved rounds), per value format, converter and tasks.max, with the CPU per"
            + " document of the worker, engine and broker, the pipeline's streaming capacity,"
            + " latency at shares of it and the worker's heap; writes docs/benchmarks/README.md,"
            + " throughput.png, latency.png and results.json. Starts its own Kafka, Connect worker"
            + " and engine on free ports (a running ./pipeline is left alone).")
public final class BenchCommand implements Callable<Integer> {

  static final String TOPIC = "bench.water_level";
  static final String LATENCY_TOPIC = "bench.latency";
  public static final String INDEX = "bench-run";

  /**
   * The name the bench reads through, as dashboards read the pipeline's {@code tides}: the sink's
   * read alias, which its template puts on {@link #INDEX} when the index is created.
   */
  public static final String READ_ALIAS = "bench";

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
          "Partitions of the topics; at least the largest TASKS in --writers (default"
              + " ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--writers",
      defaultValue = Writer.DEFAULTS,
      split = ",",
      paramLabel = "FORMAT:CONVERTER:TASKS",
      description =
          "The sink rounds to measure, each paired with raw _bulk rounds: FORMAT default (the"
              + " source's JsonConverter envelope) or schemaless (plain JSON), CONVERTER bytes"
              + " (ByteArrayConverter), string (StringConverter) or json (JsonConverter), TASKS"
              + " tasks.max. The first one also runs the unmeasured warm-up drain whose"
              + " documents the raw loader sends (default ${DEFAULT-VALUE}).")
  List<String> writers;

  @Option(
      names = "--ceiling-in-flight",
      defaultValue = "2",
      description =
          "Requests the raw _bulk loader keeps in flight: the ceiling of issue #13 is the 2-way"
              + " rate (default ${DEFAULT-VALUE}).")
  int ceilingInFlight;

  @Option(
      names = "--warmup-loads",
      defaultValue = "8",
      description =
          "Most raw loads before the measured rounds while waiting for two consecutive ones within"
              + " 5%% of each other; without a plateau the run says so (default ${DEFAULT-VALUE}).")
  int warmupLoads;

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description =
          "Run the plugin ZIPs in DIR (e.g. an older build) instead of the freshly built ones.")
  Path plugins;

  @Option(
      names = "--plugins-label",
      paramLabel = "TEXT",
      description =
          "How the page names the build in --plugins, e.g. 'commit 081c666' (default: the"
              + " folder's name).")
  String pluginsLabel;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "results.json of an earlier run on today's plugin (--plugins DIR --writers"
              + " default:json:2): its worker CPU per document is the 'today' of the CPU target.")
  Path baseline;

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
      paramLabel = "CONVERTER",
      defaultValue = "bytes",
      description =
          "value.converter of the streaming/latency connector, which reads the default format:"
              + " bytes (ByteArrayConverter, the pipeline's default), string or json"
              + " (JsonConverter with schemas, the default before issue #13); default"
              + " ${DEFAULT-VALUE}.")
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
      names = "--capacity-from",
      paramLabel = "RESULTS_JSON",
      description =
          "Measure nothing: write the capacity guide (capacity.md, into --out) from the"
              + " results.json of an earlier run.")
  Path capacityFrom;

  @Option(
      names = "--state-dir",
      description = "Where the servers keep data and logs (default .bench in the checkout).")
  Path stateDir;

  /** The source backfill step's options ({@code --backfill-*}). */
  @Mixin SourceBackfillOptions backfill = new SourceBackfillOptions();

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
    if (capacityFrom != null) {
      Path guide = outDir.resolve(ResultsWriter.CAPACITY);
      try {
        java.nio.file.Files.createDirectories(outDir);
        java.nio.file.Files.writeString(
            guide, CapacityGuide.markdown(ResultsWriter.read(capacityFrom)));
      } catch (java.io.IOException e) {
        throw new BenchException("Cannot write " + guide + ": " + e.getMessage());
      }
      console.printf("Wrote %s from %s.%n", guide, capacityFrom);
      return 0;
    }
    StateDir state = new StateDir(stateDir != null ? stateDir : home.root().resolve(".bench"));
    EngineKind kind = EngineKind.fromId(engine);
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    BenchResults.Baseline before = baseline == null ? null : Baseline.read(baseline);
    List<Path> zips = plugins == null ? home.pluginZips() : PluginZips.in(plugins);
    try (BenchStack stack =
        BenchStack.start(
            home, state, kind, zips, workerHeap, engineHeap, workerMetricsWindow(), console)) {
      BenchRun run = new BenchRun(this, stack, http, console);
      BenchResults.Machine machine =
          PluginZips.describe(
              MachineInfo.describe(home, kind.id() + " " + stack.engineVersion),
              plugins,
              pluginsLabel,
              stack.worker.rest(),
              SINK_CLASS);
      BenchResults results = run.all(machine, before, startedAt, t0);
      ResultsWriter.write(outDir, results);
      if (out == null) {
        ReadmeTargets.update(home.root().resolve("README.md"), results);
      }
      console.printf(
          "%nWrote %s (README.md, capacity.md, throughput.png, latency.png, results.json) in %d"
              + " s.%n",
          outDir, results.tookSeconds());
    }
    return 0;
  }

  /** The writers asked for, parsed. */
  List<Writer> writerList() {
    return Writer.parseAll(writers);
  }

  private void validate() {
    if (records < 10_000) {
      throw new LauncherException("--records must be at least 10000 to measure a steady rate");
    }
    List<Writer> list;
    try {
      list = writerList();
      latencyWriter();
    } catch (IllegalArgumentException e) {
      throw new LauncherException("--writers or --latency-converter: " + e.getMessage());
    }
    if (list.isEmpty() || list.stream().distinct().count() != list.size()) {
      throw new LauncherException("--writers must list each writer once, e.g. " + Writer.DEFAULTS);
    }
    if (latencySeconds > 0
        && streamingCapacity == null
        && list.stream().noneMatch(w -> w.tasks() == 2)) {
      throw new LauncherException(
          "--writers must include one with 2 tasks (the capacity search starts from its rate), or"
              + " give --streaming-capacity");
    }
    if (partitions < list.stream().mapToInt(Writer::tasks).max().orElse(1)) {
      throw new LauncherException(
          "--partitions must be at least the largest tasks.max in --writers, or tasks sit idle");
    }
    if (repetitions < 1 || stations < 1 || ceilingInFlight < 1) {
      throw new LauncherException(
          "--repetitions, --stations and --ceiling-in-flight must be at least 1");
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
    if (sinkOverrides.keySet().stream().anyMatch(k -> k.startsWith("value.converter"))) {
      throw new LauncherException(
          "--sink cannot set the value converter: each writer in --writers names its own, e.g."
              + " default:json:2");
    }
    if (warmupLoads < 2) {
      throw new LauncherException(
          "--warmup-loads must be at least 2: a plateau is two consecutive loads");
    }
    backfill.validate();
  }

  /** The sink's configuration for {@code writer}: its topic, tasks.max and value converter. */
  Map<String, String> sinkConfig(String engineUrl, Writer writer) {
    Map<String, String> c = sinkConfig(engineUrl, writer.format().topic, writer.tasks());
    c.putAll(writer.converterConfig());
    return c;
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
    c.put("mapping.read.alias", READ_ALIAS);
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
    c.putAll(latencyWriter().converterConfig());
    return c;
  }

  /** The latency connector as a {@link Writer}: the default format, 2 tasks. */
  Writer latencyWriter() {
    return Writer.parse(Writer.Format.DEFAULT.id + ":" + latencyConverter + ":2");
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
        "`" + latencyWriter().converter().className + "`",
        Long.parseLong(window.get("metrics.sample.window.ms")),
        METRIC_SAMPLES);
  }

  /** The command line as typed, for the results page. */
  String commandLine() {
    return "./pipeline bench" + (argv.isEmpty() ? "" : " " + String.join(" ", argv));
  }
}
