package io.tidestream.bench;

import io.tidestream.pipeline.PluginInstaller;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import io.tidestream.pipeline.engine.Distributions;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.kafka.KafkaBroker;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Ports;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The servers one benchmark run needs, on free ports and in a state folder of their own (so a
 * pipeline started by {@code ./pipeline up} is left alone): a KRaft broker, the search engine and
 * one distributed Connect worker with the given plugin ZIPs in its {@code plugin.path}, a capped
 * heap and a GC log. Closing it stops them all and removes their data; the logs stay in {@code
 * <state>/logs} and the worker's GC log in {@code <state>/connect}.
 */
final class BenchStack implements AutoCloseable {
  /** Extra JVM options for the benchmark's Connect worker (profiling). */
  static final String WORKER_JVM_OPTS_ENV = "TIDESTREAM_BENCH_WORKER_JVM_OPTS";

  final KafkaBroker kafka;
  final SearchEngineNode engine;
  final ConnectWorker worker;
  final Path gcLog;
  final String engineVersion;
  private final StateDir state;
  private final List<ManagedProcess> started;
  private final Thread undo;

  private BenchStack(
      KafkaBroker kafka,
      SearchEngineNode engine,
      ConnectWorker worker,
      Path gcLog,
      String engineVersion,
      StateDir state,
      List<ManagedProcess> started,
      Thread undo) {
    this.kafka = kafka;
    this.engine = engine;
    this.worker = worker;
    this.gcLog = gcLog;
    this.engineVersion = engineVersion;
    this.state = state;
    this.started = started;
    this.undo = undo;
  }

  static BenchStack start(
      ProjectHome home,
      StateDir state,
      EngineKind kind,
      List<Path> pluginZips,
      String workerHeap,
      String engineHeap,
      Map<String, String> workerSettings,
      PrintStream out) {
    List<ManagedProcess> started = Collections.synchronizedList(new ArrayList<>());
    // Ctrl-C at any point of the benchmark stops the servers instead of leaving them behind.
    Thread undo = new Thread(() -> ManagedProcess.stopNewestFirst(started), "bench-interrupted");
    Runtime.getRuntime().addShutdownHook(undo);
    try {
      for (String leftover : List.of("kafka", "connect", "logs", "pids")) {
        Distributions.deleteRecursively(state.dir(leftover)); // an earlier run's, if it was killed
      }
      PluginInstaller.install(pluginZips, state.plugins());
      String classPath = home.kafkaClassPath();
      int kafkaPort = Ports.free();
      out.println(
          "Starting Kafka, "
              + kind.id()
              + " "
              + kind.version(home.build())
              + " and one Connect worker "
              + "(-Xmx"
              + workerHeap
              + ") in "
              + state.root()
              + " ...");
      KafkaBroker kafka =
          KafkaBroker.start(
              new KafkaBroker.Settings(
                  state.dir("kafka"),
                  kafkaPort,
                  Ports.free(),
                  classPath,
                  false,
                  state.log("kafka"),
                  state.pid("kafka")));
      started.add(kafka.process());
      Path engineRoot = state.engineRoot();
      Distributions.deleteRecursively(engineRoot.resolve("node-bench"));
      SearchEngineNode engine =
          SearchEngineNode.start(
              new SearchEngineNode.Settings(
                  kind,
                  engineRoot.resolve("distributions"),
                  engineRoot.resolve("node-bench"),
                  Ports.free(),
                  "9300-9399",
                  engineHeap,
                  List.of(),
                  false,
                  state.log(kind.id()),
                  state.pid(kind.id())),
              home.build());
      started.add(engine.process());
      kafka.awaitReady(Duration.ofSeconds(90));
      Path gcLog = state.dir("connect").resolve("gc.log");
      ConnectWorker worker =
          ConnectWorker.start(
              new ConnectWorker.Settings(
                  "connect",
                  state.dir("connect"),
                  home.configDir().resolve("connect-distributed.properties"),
                  kafka.bootstrapServers(),
                  Ports.free(),
                  state.plugins(),
                  classPath,
                  workerJvmArgs(gcLog),
                  workerOverrides(workerSettings),
                  false,
                  state.log("connect"),
                  state.pid("connect"),
                  workerHeap));
      started.add(worker.process());
      worker.awaitReady(Duration.ofSeconds(180));
      engine.awaitReady(Duration.ofSeconds(240));
      return new BenchStack(
          kafka, engine, worker, gcLog, kind.version(home.build()), state, started, undo);
    } catch (RuntimeException e) {
      ManagedProcess.stopNewestFirst(started);
      removeHook(undo);
      throw e;
    }
  }

  private static Map<String, String> workerOverrides(Map<String, String> settings) {
    Map<String, String> overrides = new java.util.LinkedHashMap<>(settings);
    overrides.put("group.id", "tidestream-bench");
    return overrides;
  }

  /** The run's state folder (the source backfill step keeps the simulator's log there). */
  StateDir state() {
    return state;
  }

  Path logOf(String component) {
    return state.log(component);
  }

  @Override
  public void close() {
    ManagedProcess.stopNewestFirst(started);
    removeHook(undo);
    Distributions.deleteRecursively(state.dir("kafka"));
    Distributions.deleteRecursively(state.plugins());
    Distributions.deleteRecursively(state.engineRoot().resolve("node-bench"));
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook runs
    }
  }

  /**
   * The worker's extra JVM options: its GC log, then whatever {@value #WORKER_JVM_OPTS_ENV} holds
   * (split at spaces), e.g. {@code -XX:StartFlightRecording=filename=/tmp/worker.jfr} to profile
   * the sink task under the benchmark's load.
   */
  static List<String> workerJvmArgs(Path gcLog) {
    List<String> args = new ArrayList<>();
    args.add("-Xlog:gc:file=" + gcLog + ":time,uptime");
    String extra = System.getenv(WORKER_JVM_OPTS_ENV);
    if (extra != null && !extra.isBlank()) {
      args.addAll(List.of(extra.trim().split("\\s+")));
    }
    return args;
  }
}
