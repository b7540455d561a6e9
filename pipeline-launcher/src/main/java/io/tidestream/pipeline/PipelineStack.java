package io.tidestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.engine.Distributions;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.kafka.KafkaBroker;
import io.tidestream.pipeline.monitoring.LagExporterProcess;
import io.tidestream.pipeline.monitoring.PrometheusServer;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Ports;
import io.tidestream.pipeline.process.StartedProcesses;
import io.tidestream.pipeline.sim.SimulatorProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Brings the whole local pipeline up and down: Kafka, a distributed Connect cluster with our
 * plugins, a search engine and (in sim mode) the NOAA simulator, each a detached process with its
 * log and pid file in the {@link StateDir}. A start that fails part-way stops what it started.
 *
 * <p>This class holds the order of {@code up} and {@code down}; the steps are its collaborators:
 * {@link MonitoringPlan} (what monitoring can run), {@link StackFile} ({@code stack.json}), {@link
 * StartingLauncher} ({@code starting.pid}), {@link ServerStarter} (each server's start), {@link
 * ConnectorRegistration} (topics, connectors, waiting for their tasks) and {@link StackUrls}.
 */
public final class PipelineStack {

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

    int controllerPort() {
      return kafkaPort + 1;
    }
  }

  private final ProjectHome home;
  private final StateDir state;
  private final PrintStream out;
  private final StartingLauncher startingLauncher;

  public PipelineStack(ProjectHome home, StateDir state, PrintStream out) {
    this.home = home;
    this.state = state;
    this.out = out;
    this.startingLauncher = new StartingLauncher(state);
  }

  /** Names of the components recorded in stack.json, in start order. */
  public List<String> components() {
    return StackFile.components(state);
  }

  public boolean anyRunning() {
    return components().stream().anyMatch(c -> state.running(c).isPresent());
  }

  /** The {@code ./pipeline up} that is starting this pipeline right now, if one is. */
  public Optional<ManagedProcess> starting() {
    return startingLauncher.find();
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
    requireFreePorts(o);
    List<Path> zips = home.pluginZips();
    String kafkaClassPath = home.kafkaClassPath();
    String simClassPath = o.simulateNoaa() ? home.simulatorClassPath() : null;
    MonitoringPlan monitoring = MonitoringPlan.choose(home, o, out);

    StackFile.write(state, o, StackFile.components(o, monitoring), monitoring);
    startingLauncher.recordThisProcess();

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
              startingLauncher.forget();
            },
            "pipeline-up-interrupted");
    Runtime.getRuntime().addShutdownHook(undo);
    try {
      // Every one-time step (plugins, Kafka's storage, the engine's files) is redone when a start
      // stopped before it completed; see KafkaBroker.prepare and SearchEngineNode.prepare.
      PluginInstaller.install(zips, state.plugins());
      long t0 = System.nanoTime();
      ServerStarter start = new ServerStarter(home, state, out, o, started);
      KafkaBroker kafka = start.kafka(kafkaClassPath);
      SimulatorProcess sim = o.simulateNoaa() ? start.simulator(simClassPath) : null;
      SearchEngineNode engine = start.engine();

      kafka.awaitReady(Duration.ofSeconds(90));
      List<ConnectWorker> workers = start.workers(kafka, kafkaClassPath, monitoring);
      if (sim != null) {
        sim.awaitReady(Duration.ofSeconds(60));
      }
      for (ConnectWorker w : workers) {
        w.awaitReady(Duration.ofSeconds(180));
      }
      engine.awaitReady(Duration.ofSeconds(240));
      LagExporterProcess lagExporter = null;
      if (monitoring.lagExporterPort() > 0) {
        lagExporter = start.lagExporter(kafka, monitoring);
        lagExporter.awaitReady(Duration.ofSeconds(60));
      }
      PrometheusServer prometheus = null;
      if (monitoring.prometheus() != null) {
        prometheus = start.prometheus(monitoring, sim, lagExporter);
        prometheus.awaitReady(Duration.ofSeconds(60));
      }

      new ConnectorRegistration(out)
          .registerAll(
              home.configDir(),
              sim == null ? null : sim.url(),
              engine.url(),
              kafka,
              o.partitions(),
              workers.get(0));
      out.printf("Pipeline up in %d s.%n%n", Duration.ofNanos(System.nanoTime() - t0).toSeconds());
      StackUrls.print(
          out, state.root(), o, workers, engine, sim, lagExporter, prometheus, monitoring);
      started.keep();
    } catch (RuntimeException e) {
      out.println("Start failed; stopping what was started ...");
      started.stopAll();
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(undo);
        startingLauncher.forget();
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook runs
      }
    }
  }

  private static void requireFreePorts(Options o) {
    Ports.requireFree(o.kafkaPort(), "Kafka", "--kafka-port");
    Ports.requireFree(o.controllerPort(), "Kafka's controller", "--kafka-port");
    for (int port : o.connectPorts()) {
      Ports.requireFree(port, "Kafka Connect REST", "--connect-port");
    }
    Ports.requireFree(o.enginePort(), o.engine().id(), "--engine-port");
    if (o.simulateNoaa()) {
      Ports.requireFree(o.simPort(), "NOAA simulator", "--sim-port");
    }
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
    startingLauncher.forget();
    List<String> components = new ArrayList<>(components());
    Collections.reverse(components);
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
