package io.tidestream.it.harness;

import io.tidestream.pipeline.PluginInstaller;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.kafka.KafkaBroker;
import io.tidestream.pipeline.monitoring.JmxExporter;
import io.tidestream.pipeline.monitoring.LagExporterProcess;
import io.tidestream.pipeline.process.Ports;
import io.tidestream.pipeline.sim.SimulatorProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servers the integration tests share, started once per test JVM and on first need, with the
 * launcher's own classes: a KRaft Kafka, a distributed Connect cluster of two workers that load the
 * plugins from the built ZIPs through {@code plugin.path} (the launcher's Kafka, or the one {@code
 * -Dit.connect.runtime} names; clusters of other versions on request), search engines by kind, and
 * the NOAA simulator as its own process. Ports are ephemeral; logs and data stay under {@code
 * integration-tests/target/it-servers}. Every process is stopped when the JVM exits (the launcher's
 * process supervisor), or when the test plan ends.
 */
public final class TestStack implements AutoCloseable {

  public static final int WORKERS = 2;

  private final ProjectHome home;
  private final StateDir state;
  private final AtomicInteger names = new AtomicInteger();
  private KafkaBroker kafka;
  private final ConnectRuntime runtime;
  private final Map<ConnectRuntime, ConnectCluster> clusters = new LinkedHashMap<>();
  private final Map<EngineKind, SearchEngineNode> engines = new EnumMap<>(EngineKind.class);
  private SimulatorProcess simulator;

  TestStack() {
    this.home = ProjectHome.locate();
    String work =
        System.getProperty(
            "tidestream.it.work",
            home.root().resolve("integration-tests/target/it-servers").toString());
    this.state = new StateDir(Path.of(work));
    this.runtime =
        ConnectRuntime.of(System.getProperty(ConnectRuntime.PROPERTY), home.build().kafkaVersion());
    stopLeftoversOfAnEarlierRun();
  }

  /** A test JVM killed hard cannot stop its servers; the next run does, from their pid files. */
  private void stopLeftoversOfAnEarlierRun() {
    for (Path pid : ProjectHome.filesEndingWith(state.root().resolve("pids"), ".pid")) {
      String component = pid.getFileName().toString().replace(".pid", "");
      state.running(component).ifPresent(p -> p.stop(Duration.ofSeconds(20)));
    }
  }

  public ProjectHome home() {
    return home;
  }

  public synchronized KafkaBroker kafka() {
    if (kafka == null) {
      PluginInstaller.install(home.pluginZips(), state.plugins());
      kafka =
          KafkaBroker.start(
                  new KafkaBroker.Settings(
                      freshDir("kafka"),
                      Ports.free(),
                      Ports.free(),
                      home.kafkaClassPath(),
                      false,
                      state.log("kafka"),
                      state.pid("kafka")))
              .awaitReady(Duration.ofSeconds(90));
    }
    return kafka;
  }

  /**
   * The Connect cluster of {@link #WORKERS} workers of {@link #connectRuntime()}; they load our
   * plugins from the ZIPs only.
   */
  public synchronized ConnectCluster connect() {
    return connect(runtime, WORKERS);
  }

  /** The Kafka version of {@link #connect()}'s workers: {@code -Dit.connect.runtime}. */
  public ConnectRuntime connectRuntime() {
    return runtime;
  }

  /**
   * A Connect cluster of {@code runtime}'s workers: {@link #connect()} for its runtime, else a
   * cluster of its own of {@code workers} workers (its own group and storage topics, on the same
   * Kafka), started on first need and shared by the tests that ask for that runtime.
   */
  public synchronized ConnectCluster connect(ConnectRuntime runtime, int workers) {
    ConnectCluster cluster = clusters.get(runtime);
    if (cluster == null) {
      boolean own = !runtime.equals(this.runtime);
      cluster = startConnect(runtime, own ? workers : WORKERS, own);
      clusters.put(runtime, cluster);
    }
    return cluster;
  }

  /**
   * Stops a cluster of its own that {@link #connect(ConnectRuntime, int)} started, so that its
   * workers do not hold memory and CPU for the rest of the suite; asking again starts a new one.
   */
  public synchronized void stopConnect(ConnectRuntime runtime) {
    if (runtime.equals(this.runtime)) {
      throw new IllegalArgumentException(runtime + " runs the suite's own cluster: it stays up");
    }
    ConnectCluster cluster = clusters.remove(runtime);
    if (cluster != null) {
      cluster.workers().forEach(ConnectWorker::stop);
    }
  }

  private ConnectCluster startConnect(ConnectRuntime runtime, int count, boolean own) {
    String classPath = home.connectClassPath(runtime.kafkaVersion());
    String suffix = own ? "-" + runtime.kafkaVersion() : "";
    Map<String, String> overrides =
        own
            ? Map.of(
                "group.id", "it-connect" + suffix,
                "config.storage.topic", "_connect-configs" + suffix,
                "offset.storage.topic", "_connect-offsets" + suffix,
                "status.storage.topic", "_connect-status" + suffix)
            : Map.of("group.id", "it-connect");
    List<ConnectWorker> workers = new ArrayList<>();
    List<Integer> exporterPorts = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String name = "connect" + suffix + "-" + i;
      // every worker serves its JMX metrics for Prometheus, as under ./pipeline up
      int exporterPort = Ports.free();
      exporterPorts.add(exporterPort);
      workers.add(startWorker(name, classPath, exporterPort, home.jmxExporterRules(), overrides));
    }
    for (ConnectWorker w : workers) {
      w.awaitReady(Duration.ofSeconds(180));
    }
    return new ConnectCluster(runtime, workers, exporterPorts);
  }

  /**
   * A Connect cluster of one worker for one test, in a group of its own ({@code name}, with its own
   * config, offset and status topics) on the shared Kafka, so the shared cluster's assignments are
   * untouched: its JMX exporter runs with {@code exporterRules} instead of the project's. The
   * caller stops it ({@link ConnectCluster#stop()}).
   */
  public ConnectCluster connectOfItsOwn(String name, Path exporterRules) {
    int exporterPort = Ports.free();
    ConnectWorker worker =
        startWorker(
                name,
                home.connectClassPath(runtime.kafkaVersion()),
                exporterPort,
                exporterRules,
                Map.of(
                    "group.id", name,
                    "config.storage.topic", name + "-configs",
                    "offset.storage.topic", name + "-offsets",
                    "status.storage.topic", name + "-status"))
            .awaitReady(Duration.ofSeconds(180));
    return new ConnectCluster(runtime, List.of(worker), List.of(exporterPort));
  }

  private ConnectWorker startWorker(
      String name,
      String classPath,
      int exporterPort,
      Path exporterRules,
      Map<String, String> group) {
    return ConnectWorker.start(
        new ConnectWorker.Settings(
            name,
            freshDir(name),
            home.configDir().resolve("connect-distributed.properties"),
            kafka().bootstrapServers(),
            Ports.free(),
            state.plugins(),
            classPath,
            JmxExporter.jvmArgs(home.build().jmxExporterAgent(), exporterPort, exporterRules),
            group,
            false,
            state.log(name),
            state.pid(name)));
  }

  /** A search engine of this kind, started on first use and shared by the tests that ask for it. */
  public synchronized SearchEngineNode engine(EngineKind kind) {
    SearchEngineNode node = engines.get(kind);
    if (node == null) {
      node = startEngine(kind, kind.id(), List.of());
      engines.put(kind, node);
    }
    return node;
  }

  /**
   * A node of its own for one test, e.g. with a tiny write queue or to be stopped and started: the
   * caller stops it. {@code settings} are extra {@code key=value} engine settings.
   */
  public SearchEngineNode dedicatedEngine(EngineKind kind, String name, List<String> settings) {
    return startEngine(kind, name, settings);
  }

  private SearchEngineNode startEngine(EngineKind kind, String name, List<String> settings) {
    Path root = state.engineRoot();
    return SearchEngineNode.start(
            new SearchEngineNode.Settings(
                kind,
                root.resolve("distributions"),
                freshAbsolute(root.resolve("node-" + name)),
                Ports.free(),
                Integer.toString(Ports.free()),
                "512m",
                settings,
                false,
                state.log(name),
                state.pid(name)),
            home.build())
        .awaitReady(Duration.ofSeconds(240));
  }

  /** Producers, consumers and counts on the test Kafka. */
  public KafkaTool kafkaTool() {
    return new KafkaTool(kafka().bootstrapServers());
  }

  /** The NOAA simulator as its own process; {@code args} are passed on its command line. */
  public synchronized SimulatorProcess simulator() {
    if (simulator == null) {
      simulator =
          SimulatorProcess.start(
                  new SimulatorProcess.Settings(
                      freshDir("simulator"),
                      Ports.free(),
                      home.simulatorClassPath(),
                      List.of(),
                      false,
                      state.log("simulator"),
                      state.pid("simulator")))
              .awaitReady(Duration.ofSeconds(60));
    }
    return simulator;
  }

  /**
   * A lag exporter of its own for one test, watching the consumer groups whose id matches {@code
   * groups}, polling Kafka every {@code interval}: the caller stops it.
   */
  public LagExporterProcess lagExporter(String name, String groups, Duration interval) {
    return LagExporterProcess.start(
            new LagExporterProcess.Settings(
                freshDir(name),
                Ports.free(),
                home.lagExporterClassPath(),
                kafka().bootstrapServers(),
                groups,
                interval,
                false,
                state.log(name),
                state.pid(name)))
        .awaitReady(Duration.ofSeconds(60));
  }

  /** A name no other test in this run uses, for topics, indices and connectors. */
  public String uniqueName(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + names.incrementAndGet();
  }

  /**
   * A folder of its own for a test's server (e.g. Prometheus), emptied first, with its log beside
   * the others.
   */
  public Path serverDir(String component) {
    return freshDir(component);
  }

  public Path logFile(String component) {
    return state.log(component);
  }

  public Path pidFile(String component) {
    return state.pid(component);
  }

  private Path freshDir(String component) {
    return freshAbsolute(state.dir(component));
  }

  private static Path freshAbsolute(Path dir) {
    io.tidestream.pipeline.engine.Distributions.deleteRecursively(dir);
    return dir;
  }

  /** Stops every server at once: the shutdown must fit in the test runner's exit timeout. */
  @Override
  public synchronized void close() {
    List<Runnable> stops = new ArrayList<>();
    clusters.values().forEach(c -> c.workers().forEach(w -> stops.add(w::stop)));
    if (simulator != null) {
      stops.add(simulator::stop);
    }
    engines.values().forEach(e -> stops.add(e::stop));
    List<Thread> threads = stops.stream().map(r -> new Thread(r, "stop-server")).toList();
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (kafka != null) {
      kafka.stop();
    }
  }
}
