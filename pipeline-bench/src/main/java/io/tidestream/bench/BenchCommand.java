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
    StateDir state = new StateDir(stateDir != null ? stateDir : home.root().resolve(".bench"));
    EngineKind kind = EngineKind.fromId(engine);
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    try (BenchStack stack = BenchStack.start(home, state, kind, workerHeap, engineHeap, console)) {
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
    if (repetitions < 1 || stations < 1) {
      throw new LauncherException("--repetitions and --stations must be at least 1");
    }
    backfill.validate();
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

  /** The command line as typed, for the results page. */
  String commandLine() {
    return "./pipeline bench" + (argv.isEmpty() ? "" : " " + String.join(" ", argv));
  }
}
