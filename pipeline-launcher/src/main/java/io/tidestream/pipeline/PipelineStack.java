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

  /**
   * What {@code ./pipeline up} was asked for. {@code simClockStart} (null: now) and {@code
   * simClockSpeed} set the simulator's clock ({@code --sim-clock-start}, {@code
   * --sim-clock-speed}).
   */
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
      int lagExporterPort,
      String simClockStart,
      double simClockSpeed,
      int simStations) {

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

    /** The simulator's command-line arguments: its clock and generated stations. */
    List<String> simulatorArgs() {
      List<String> args = new ArrayList<>();
      if (simStations > 0) {
        args.add("--stations");
        args.add(Integer.toString(simStations));
      }
      if (simClockStart != null) {
        args.add("--clock-start");
        args.add(simClockStart);
      }
      if (simClockSpeed != 1.0) {
        args.add("--clock-speed");
        args.add(Double.toString(simClockSpeed));
      }
      return args;
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

  /**
   * Stops one component (Kafka, the simulator, the engine or a worker {@code connect-<n>}) and
   * starts it again with the settings of the {@code up} that started it; with {@code kill}, stops
   * it with SIGKILL, as a crash would. Returns once it is ready again.
   */
  public void restart(String component, boolean kill) {
    ComponentRestart restart = new ComponentRestart(home, state, out);
    restart.stop(component, kill);
    restart.start(component);
  }

  /** Stops one component with SIGKILL, as a crash would, and leaves it stopped. */
  public void kill(String component) {
    new ComponentRestart(home, state, out).stop(component, true);
  }

  /** Starts a stopped component again (see {@link #restart}); nothing when it runs. */
  public void start(String component) {
    new ComponentRestart(home, state, out).start(component);
  }

  /** One line: records in Kafka, documents in the engine, connector and task states. */
  public String progressLine() {
    JsonNode stack = state.stack().orElseThrow();
    return Progress.line(stack, new JsonHttp(Duration.ofSeconds(5)));
  }
}
