package io.tidestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.engine.Distributions;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.kafka.KafkaBroker;
import io.tidestream.pipeline.kafka.Topics;
import io.tidestream.pipeline.monitoring.JmxExporter;
import io.tidestream.pipeline.monitoring.LagExporterProcess;
import io.tidestream.pipeline.monitoring.PrometheusServer;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Ports;
import io.tidestream.pipeline.process.StartedProcesses;
import io.tidestream.pipeline.sim.SimulatorProcess;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/**
 * Brings the whole local pipeline up and down: Kafka, a distributed Connect cluster with our
 * plugins, a search engine and (in sim mode) the NOAA simulator, each a detached process with its
 * log and pid file in the {@link StateDir}. A start that fails part-way stops what it started.
 */
public final class PipelineStack {

  /**
   * How long {@code up} waits for the connectors' tasks to run before it prints where things are.
   */
  static final Duration CONNECTORS_RUNNING = Duration.ofSeconds(120);

  /** What {@code ./pipeline up} was asked for. */
  public record Options(
      boolean simulateNoaa,
      EngineKind engine,
      int kafkaPort,
      int connectPort,
      int workers,
      int enginePort,
      int simPort,
      int partitions,
      int exporterPort,
      int prometheusPort,
      int lagExporterPort) {

    /**
     * Without monitoring options: exporters from 9404, Prometheus on 9090, the lag exporter on
     * 9390.
     */
    public Options(
        boolean simulateNoaa,
        EngineKind engine,
        int kafkaPort,
        int connectPort,
        int workers,
        int enginePort,
        int simPort,
        int partitions) {
      this(
          simulateNoaa,
          engine,
          kafkaPort,
          connectPort,
          workers,
          enginePort,
          simPort,
          partitions,
          9404,
          9090);
    }

    /** The lag exporter on its default port, 9390. */
    public Options(
        boolean simulateNoaa,
        EngineKind engine,
        int kafkaPort,
        int connectPort,
        int workers,
        int enginePort,
        int simPort,
        int partitions,
        int exporterPort,
        int prometheusPort) {
      this(
          simulateNoaa,
          engine,
          kafkaPort,
          connectPort,
          workers,
          enginePort,
          simPort,
          partitions,
          exporterPort,
          prometheusPort,
          9390);
    }

    List<Integer> connectPorts() {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        ports.add(connectPort + i);
      }
      return ports;
    }
  }

  private final ProjectHome home;
  private final StateDir state;
  private final PrintStream out;

  public PipelineStack(ProjectHome home, StateDir state, PrintStream out) {
    this.home = home;
    this.state = state;
    this.out = out;
  }

  /** Names of the components recorded in stack.json, in start order. */
  public List<String> components() {
    List<String> names = new ArrayList<>();
    state.stack().ifPresent(s -> s.path("components").forEach(c -> names.add(c.asText())));
    return names;
  }

  public boolean anyRunning() {
    return components().stream().anyMatch(c -> state.running(c).isPresent());
  }

  /** The {@code ./pipeline up} that is starting this pipeline right now, if one is. */
  public Optional<ManagedProcess> starting() {
    return ManagedProcess.fromPidFile("./pipeline up", state.startingPid(), state.log("launcher"));
  }

  public void up(Options o) {
    starting()
        .ifPresent(
            p -> {
              throw new LauncherException(
                  "A ./pipeline up (pid "
                      + p.pid()
                      + ") is starting the pipeline in "
                      + state.root()
                      + ": wait for it, or stop it with ./pipeline down.");
            });
    if (anyRunning()) {
      throw new LauncherException(
          "The pipeline is already running (state in "
              + state.root()
              + "): see ./pipeline status, or stop it with ./pipeline down.");
    }
    int controllerPort = o.kafkaPort() + 1;
    Ports.requireFree(o.kafkaPort(), "Kafka", "--kafka-port");
    Ports.requireFree(controllerPort, "Kafka's controller", "--kafka-port");
    for (int port : o.connectPorts()) {
      Ports.requireFree(port, "Kafka Connect REST", "--connect-port");
    }
    Ports.requireFree(o.enginePort(), o.engine().id(), "--engine-port");
    if (o.simulateNoaa()) {
      Ports.requireFree(o.simPort(), "NOAA simulator", "--sim-port");
    }
    List<Path> zips = home.pluginZips();
    String kafkaClassPath = home.kafkaClassPath();
    String simClassPath = o.simulateNoaa() ? home.simulatorClassPath() : null;
    Monitoring monitoring = monitoring(o);

    List<String> components = new ArrayList<>();
    components.add("kafka");
    if (o.simulateNoaa()) {
      components.add("simulator");
    }
    components.add(o.engine().id());
    for (int i = 1; i <= o.workers(); i++) {
      components.add("connect-" + i);
    }
    if (monitoring.lagExporterPort() > 0) {
      components.add("lag-exporter");
    }
    if (monitoring.prometheus() != null) {
      components.add("prometheus");
    }
    writeStack(o, components, monitoring);
    recordStartingLauncher();

    StartedProcesses started = new StartedProcesses();
    // Ctrl-C, or ./pipeline down from another terminal (SIGTERM), while starting: stop what was
    // started instead of leaving detached servers behind
    Thread undo =
        new Thread(
            () -> {
              if (!started.abort().isEmpty()) {
                out.println(
                    "Start interrupted: stopped what was started. ./pipeline up starts again from"
                        + " here.");
              }
              deleteStartingPid();
            },
            "pipeline-up-interrupted");
    Runtime.getRuntime().addShutdownHook(undo);
    try {
      // Every one-time step (plugins, Kafka's storage, the engine's files) is redone when a start
      // stopped before it completed; see KafkaBroker.prepare and SearchEngineNode.prepare.
      PluginInstaller.install(zips, state.plugins());
      long t0 = System.nanoTime();
      out.println("Starting Kafka (KRaft) on 127.0.0.1:" + o.kafkaPort() + " ...");
      KafkaBroker.Settings kafkaSettings =
          new KafkaBroker.Settings(
              state.dir("kafka"),
              o.kafkaPort(),
              controllerPort,
              kafkaClassPath,
              true,
              state.log("kafka"),
              state.pid("kafka"));
      KafkaBroker.prepare(kafkaSettings);
      KafkaBroker kafka =
          started.start(() -> KafkaBroker.start(kafkaSettings), KafkaBroker::process);

      SimulatorProcess sim = null;
      if (o.simulateNoaa()) {
        out.println("Starting the NOAA simulator on 127.0.0.1:" + o.simPort() + " ...");
        sim =
            started.start(
                () ->
                    SimulatorProcess.start(
                        new SimulatorProcess.Settings(
                            state.dir("simulator"),
                            o.simPort(),
                            simClassPath,
                            List.of(),
                            true,
                            state.log("simulator"),
                            state.pid("simulator"))),
                SimulatorProcess::process);
      }

      out.println(
          "Starting "
              + o.engine().id()
              + " "
              + o.engine().version(home.build())
              + " on 127.0.0.1:"
              + o.enginePort()
              + " ...");
      Path engineRoot = state.engineRoot();
      SearchEngineNode.Settings engineSettings =
          new SearchEngineNode.Settings(
              o.engine(),
              engineRoot.resolve("distributions"),
              engineRoot.resolve("node-" + o.engine().id()),
              o.enginePort(),
              "9300-9399",
              "512m",
              List.of(),
              true,
              state.log(o.engine().id()),
              state.pid(o.engine().id()));
      SearchEngineNode.prepare(engineSettings, home.build());
      SearchEngineNode engine =
          started.start(
              () -> SearchEngineNode.start(engineSettings, home.build()),
              SearchEngineNode::process);

      kafka.awaitReady(Duration.ofSeconds(90));
      List<ConnectWorker> workers = new ArrayList<>();
      for (int i = 0; i < o.workers(); i++) {
        String name = "connect-" + (i + 1);
        out.println(
            "Starting Kafka Connect worker "
                + name
                + " on 127.0.0.1:"
                + o.connectPorts().get(i)
                + " ...");
        ConnectWorker.Settings workerSettings =
            new ConnectWorker.Settings(
                name,
                state.dir(name),
                home.configDir().resolve("connect-distributed.properties"),
                kafka.bootstrapServers(),
                o.connectPorts().get(i),
                state.plugins(),
                kafkaClassPath,
                monitoring.workerJvmArgs(i),
                Map.of(),
                true,
                state.log(name),
                state.pid(name));
        workers.add(
            started.start(() -> ConnectWorker.start(workerSettings), ConnectWorker::process));
      }
      if (sim != null) {
        sim.awaitReady(Duration.ofSeconds(60));
      }
      for (ConnectWorker w : workers) {
        w.awaitReady(Duration.ofSeconds(180));
      }
      engine.awaitReady(Duration.ofSeconds(240));
      LagExporterProcess lagExporter = null;
      if (monitoring.lagExporterPort() > 0) {
        out.println(
            "Starting the lag exporter on 127.0.0.1:" + monitoring.lagExporterPort() + " ...");
        LagExporterProcess.Settings lagSettings =
            new LagExporterProcess.Settings(
                state.dir("lag-exporter"),
                monitoring.lagExporterPort(),
                monitoring.lagExporterClassPath(),
                kafka.bootstrapServers(),
                LagExporterProcess.CONNECT_SINK_GROUPS,
                Duration.ofSeconds(10),
                true,
                state.log("lag-exporter"),
                state.pid("lag-exporter"));
        lagExporter =
            started.start(() -> LagExporterProcess.start(lagSettings), LagExporterProcess::process);
        lagExporter.awaitReady(Duration.ofSeconds(60));
      }
      PrometheusServer prometheus = null;
      if (monitoring.prometheus() != null) {
        out.println("Starting Prometheus on 127.0.0.1:" + o.prometheusPort() + " ...");
        String lagExporterTarget = lagExporter == null ? null : lagExporter.target();
        PrometheusServer.Settings prometheusSettings =
            new PrometheusServer.Settings(
                monitoring.prometheus(),
                state.dir("prometheus"),
                o.prometheusPort(),
                PrometheusServer.renderConfig(
                    new PrometheusServer.Targets(
                        monitoring.exporterTargets(),
                        sim == null ? null : "127.0.0.1:" + o.simPort(),
                        lagExporterTarget,
                        List.of(home.alertRules()),
                        Duration.ofSeconds(15)),
                    o.prometheusPort()),
                true,
                state.log("prometheus"),
                state.pid("prometheus"));
        prometheus =
            started.start(
                () -> PrometheusServer.start(prometheusSettings), PrometheusServer::process);
        prometheus.awaitReady(Duration.ofSeconds(60));
      }

      List<ConnectorFiles.Connector> connectors =
          ConnectorFiles.load(home.configDir(), sim == null ? null : sim.url(), engine.url());
      Set<String> topics = new LinkedHashSet<>();
      connectors.forEach(c -> topics.addAll(c.topicsToCreate()));
      try (Admin admin = kafka.admin()) {
        Topics.create(admin, topics, o.partitions());
      }
      for (ConnectorFiles.Connector c : connectors) {
        out.println(
            "Registering connector " + c.name() + " (" + c.config().get("connector.class") + ")");
        workers.get(0).rest().putConnector(c.name(), c.config());
      }
      awaitConnectors(
          workers.get(0).url(), connectors.stream().map(ConnectorFiles.Connector::name).toList());
      out.printf("Pipeline up in %d s.%n%n", Duration.ofNanos(System.nanoTime() - t0).toSeconds());
      printUrls(o, workers, engine, sim, lagExporter, prometheus, monitoring);
      started.keep();
    } catch (RuntimeException e) {
      out.println("Start failed; stopping what was started ...");
      started.stopAll();
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(undo);
        deleteStartingPid();
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook runs
      }
    }
  }

  /**
   * Waits (bounded) until every connector and each of its tasks runs, so the progress line that
   * follows shows them all; a connector that does not get there is shown as it is.
   */
  private void awaitConnectors(String connectUrl, List<String> names) {
    JsonHttp http = new JsonHttp(Duration.ofSeconds(10));
    long deadline = System.nanoTime() + CONNECTORS_RUNNING.toNanos();
    while (!Progress.allRunning(connectUrl, http, names)) {
      if (System.nanoTime() > deadline) {
        out.println(
            "Note: not every connector task runs yet after "
                + CONNECTORS_RUNNING.toSeconds()
                + " s; see ./pipeline status and ./pipeline logs connect-1.");
        return;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** This launcher is starting the pipeline: ./pipeline down finds it here and interrupts it. */
  private void recordStartingLauncher() {
    try {
      ManagedProcess.writePidFile(ProcessHandle.current(), state.startingPid());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void deleteStartingPid() {
    state.startingPid().toFile().delete();
  }

  private void printUrls(
      Options o,
      List<ConnectWorker> workers,
      SearchEngineNode engine,
      SimulatorProcess sim,
      LagExporterProcess lagExporter,
      PrometheusServer prometheus,
      Monitoring monitoring) {
    out.println("  Kafka bootstrap    127.0.0.1:" + o.kafkaPort());
    for (ConnectWorker w : workers) {
      out.println("  Connect REST       " + w.url() + "/connectors?expand=status");
    }
    for (String target : monitoring.exporterTargets()) {
      out.println("  Worker metrics     http://" + target + "/metrics");
    }
    if (lagExporter != null) {
      out.println("  Consumer lag       " + lagExporter.metricsUrl());
    }
    if (prometheus != null) {
      out.println("  Prometheus         " + prometheus.url() + "/alerts");
    }
    out.println("  " + pad(o.engine().id(), 18) + " " + engine.url() + "/_cat/indices?v");
    if (sim != null) {
      out.println("  NOAA simulator     " + sim.url() + "/admin/health");
    }
    out.println("  State and logs     " + state.root() + "  (./pipeline logs <component>)");
    out.println();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /**
   * What monitoring this start gets: the JMX exporter agent on each worker whose exporter port is
   * free (and the agent jar is built), and Prometheus when its binary is installed and its port is
   * free, and the lag exporter (consumer lag measured on the broker) when it is built and its port
   * is free ({@code lagExporterPort} 0 otherwise). Whatever is missing is said in one line and the
   * pipeline starts without it.
   */
  record Monitoring(
      List<List<String>> jvmArgs,
      List<String> exporterTargets,
      Path prometheus,
      int lagExporterPort,
      String lagExporterClassPath) {
    List<String> workerJvmArgs(int i) {
      return jvmArgs.get(i);
    }
  }

  private Monitoring monitoring(Options o) {
    List<List<String>> args = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    Path agent = home.build().jmxExporterAgent();
    boolean haveAgent = Files.isRegularFile(agent) && Files.isRegularFile(home.jmxExporterRules());
    if (!haveAgent) {
      out.println(
          "Note: workers run without the Prometheus JMX exporter: "
              + agent
              + " is missing (fetch it with "
              + "./mvnw dependency:get -Dartifact="
              + home.build().jmxExporterCoordinates()
              + ").");
    }
    for (int i = 0; i < o.workers(); i++) {
      int port = o.exporterPort() + i;
      if (haveAgent && !Ports.inUse(port)) {
        args.add(JmxExporter.jvmArgs(agent, port, home.jmxExporterRules()));
        targets.add("127.0.0.1:" + port);
      } else {
        if (haveAgent) {
          out.println(
              "Note: connect-"
                  + (i + 1)
                  + " runs without its metrics exporter: port "
                  + port
                  + " is in use (--exporter-port).");
        }
        args.add(List.of());
      }
    }
    int lagPort = 0;
    String lagClassPath = null;
    try {
      lagClassPath = home.lagExporterClassPath();
      if (Ports.inUse(o.lagExporterPort())) {
        out.println(
            "Note: the lag exporter is not started: port "
                + o.lagExporterPort()
                + " is in use (--lag-exporter-port); Prometheus gets no broker-side consumer lag.");
      } else {
        lagPort = o.lagExporterPort();
      }
    } catch (LauncherException notBuilt) {
      out.println("Note: the lag exporter is not started: " + notBuilt.getMessage());
    }
    Path prometheus = PrometheusServer.findBinary().orElse(null);
    if (prometheus == null) {
      out.println(
          "Note: Prometheus is not installed, so it is not started: "
              + PrometheusServer.HOW_TO_INSTALL
              + "; then ./pipeline down && ./pipeline up.");
    } else if (targets.isEmpty()) {
      prometheus = null;
    } else if (Ports.inUse(o.prometheusPort())) {
      out.println(
          "Note: Prometheus is not started: port "
              + o.prometheusPort()
              + " is in use (--prometheus-port).");
      prometheus = null;
    }
    return new Monitoring(args, targets, prometheus, lagPort, lagClassPath);
  }

  private void writeStack(Options o, List<String> components, Monitoring monitoring) {
    ObjectNode stack = JsonHttp.MAPPER.createObjectNode();
    stack.put("noaa", o.simulateNoaa() ? "sim" : "live");
    stack.put("engine", o.engine().id());
    stack.put("kafka", "127.0.0.1:" + o.kafkaPort());
    ArrayNode connect = stack.putArray("connect");
    o.connectPorts().forEach(p -> connect.add("http://127.0.0.1:" + p));
    stack.put("engineUrl", "http://127.0.0.1:" + o.enginePort());
    if (o.simulateNoaa()) {
      stack.put("simulator", "http://127.0.0.1:" + o.simPort());
    }
    ArrayNode exporters = stack.putArray("exporters");
    monitoring.exporterTargets().forEach(t -> exporters.add("http://" + t + "/metrics"));
    if (monitoring.lagExporterPort() > 0) {
      stack.put("lagExporter", "http://127.0.0.1:" + monitoring.lagExporterPort() + "/metrics");
    }
    if (monitoring.prometheus() != null) {
      stack.put("prometheus", "http://127.0.0.1:" + o.prometheusPort());
    }
    stack.put("engineRoot", state.engineRoot().toString());
    ArrayNode list = stack.putArray("components");
    components.forEach(list::add);
    state.writeStack(stack);
  }

  /**
   * Stops every component, newest first. Returns the lines to print. A {@code ./pipeline up} still
   * starting the pipeline is interrupted first, as Ctrl-C would: it stops what it started.
   */
  public List<String> down(boolean purge) {
    List<String> report = new ArrayList<>();
    starting()
        .ifPresent(
            launcher -> {
              out.println(
                  "Interrupting ./pipeline up (pid "
                      + launcher.pid()
                      + "), which is still starting the pipeline ...");
              launcher.stop(Duration.ofMinutes(3));
              report.add(
                  "Interrupting ./pipeline up (pid "
                      + launcher.pid()
                      + "): "
                      + (launcher.isAlive()
                          ? "still alive, kill it by hand"
                          : "it stopped what it had started"));
            });
    deleteStartingPid();
    List<String> components = new ArrayList<>(components());
    java.util.Collections.reverse(components);
    for (String c : components) {
      state
          .running(c)
          .ifPresent(
              p -> {
                p.stop(Duration.ofSeconds(30));
                report.add(
                    "Stopped "
                        + c
                        + " (pid "
                        + p.pid()
                        + ")"
                        + (p.isAlive() ? " -- still alive, kill it by hand" : ""));
              });
      state.pid(c).toFile().delete();
    }
    if (purge) {
      JsonNode stack = state.stack().orElse(null);
      if (stack != null && stack.hasNonNull("engineRoot")) {
        Distributions.deleteRecursively(Path.of(stack.get("engineRoot").asText()));
      }
      Distributions.deleteRecursively(state.root());
      report.add("Removed " + state.root());
    }
    return report;
  }

  /** One line: records in Kafka, documents in the engine, connector and task states. */
  public String progressLine() {
    JsonNode stack = state.stack().orElseThrow();
    return Progress.line(stack, new JsonHttp(Duration.ofSeconds(5)));
  }
}
