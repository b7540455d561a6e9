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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servers the integration tests share, started once per test JVM and on first need, with the
 * launcher's own classes: a KRaft Kafka, a distributed Connect cluster of two workers that load the
 * plugins from the built ZIPs through {@code plugin.path}, search engines by kind, and the NOAA
 * simulator as its own process. Ports are ephemeral; logs and data stay under {@code
 * integration-tests/target/it-servers}. Every process is stopped when the JVM exits (the launcher's
 * process supervisor), or when the test plan ends.
 */
public final class TestStack implements AutoCloseable {

  public static final int WORKERS = 2;

  private final ProjectHome home;
  private final StateDir state;
  private final AtomicInteger names = new AtomicInteger();
  private KafkaBroker kafka;
  private ConnectCluster connect;
  private final Map<EngineKind, SearchEngineNode> engines = new EnumMap<>(EngineKind.class);
  private SimulatorProcess simulator;

  TestStack() {
    this.home = ProjectHome.locate();
    String work =
        System.getProperty(
            "tidestream.it.work",
            home.root().resolve("integration-tests/target/it-servers").toString());
    this.state = new StateDir(Path.of(work));
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

  /** The Connect cluster; its workers load our plugins from the ZIPs only. */
  public synchronized ConnectCluster connect() {
    if (connect == null) {
      List<ConnectWorker> workers = new ArrayList<>();
      List<Integer> exporterPorts = new ArrayList<>();
      for (int i = 1; i <= WORKERS; i++) {
        // every worker serves its JMX metrics for Prometheus, as under ./pipeline up
        int exporterPort = Ports.free();
        exporterPorts.add(exporterPort);
        workers.add(
            startWorker(
                "connect-" + i,
                exporterPort,
                home.jmxExporterRules(),
                Map.of("group.id", "it-connect")));
      }
      for (ConnectWorker w : workers) {
        w.awaitReady(Duration.ofSeconds(180));
      }
      connect = new ConnectCluster(workers, exporterPorts);
    }
    return connect;
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
                exporterPort,
                exporterRules,
                Map.of(
                    "group.id", name,
                    "config.storage.topic", name + "-configs",
                    "offset.storage.topic", name + "-offsets",
                    "status.storage.topic", name + "-status"))
            .awaitReady(Duration.ofSeconds(180));
    return new ConnectCluster(List.of(worker), List.of(exporterPort));
  }

  private ConnectWorker startWorker(
      String name, int exporterPort, Path exporterRules, Map<String, String> group) {
    return ConnectWorker.start(
        new ConnectWorker.Settings(
            name,
            freshDir(name),
            home.configDir().resolve("connect-distributed.properties"),
            kafka().bootstrapServers(),
            Ports.free(),
            state.plugins(),
            home.kafkaClassPath(),
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
    if (connect != null) {
      connect.workers().forEach(w -> stops.add(w::stop));
    }
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
