package io.tidestream.it.cluster;

import io.tidestream.pipeline.PipelineStack;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import io.tidestream.pipeline.process.Ports;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline as {@code ./pipeline up --noaa sim --workers 3} starts it, through the launcher's
 * own {@link PipelineStack} (the same code, in the test's JVM): Kafka, three Connect workers
 * loading the plugins from the ZIPs, OpenSearch 2, the simulator, the monitoring that is installed,
 * and the connectors of {@code config/}. It runs in a state folder of its own under the IT work
 * folder, on free ports, beside the suite's {@code TestStack} (which it does not use). Faults go
 * through the launcher too: {@link #restart}, {@link #kill} and {@link #start} are {@code
 * ./pipeline restart}'s code.
 */
final class LauncherCluster implements AutoCloseable {

  static final int WORKERS = 3;

  private final PipelineStack stack;
  private final StateDir state;
  private final PipelineStack.Options options;

  private LauncherCluster(PipelineStack stack, StateDir state, PipelineStack.Options options) {
    this.stack = stack;
    this.state = state;
    this.options = options;
  }

  /**
   * Starts the pipeline in {@code <work>/<name>} (what an earlier run left there is stopped and
   * removed first), with the simulator's clock starting at {@code simClockStart} and running {@code
   * simClockSpeed} times as fast as the wall clock, and {@code simStations} generated stations
   * besides the five real ones.
   */
  static LauncherCluster up(
      String name, Instant simClockStart, double simClockSpeed, int simStations) {
    for (int attempt = 1; ; attempt++) {
      try {
        return upOnce(name, simClockStart, simClockSpeed, simStations);
      } catch (RuntimeException e) {
        // The ports were free when chosen, but the OS hands out the same range to outgoing
        // connections (of Kafka, OpenSearch, other builds): a server that starts later may find
        // its port taken. Choose new ports and start again.
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
          throw e;
        }
        System.out.println(
            "Starting again on other ports: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
  }

  private static LauncherCluster upOnce(
      String name, Instant simClockStart, double simClockSpeed, int simStations) {
    ProjectHome home = ProjectHome.locate();
    Path work =
        Path.of(
            System.getProperty(
                "tidestream.it.work",
                home.root().resolve("integration-tests/target/it-servers").toString()));
    StateDir state = new StateDir(work.resolve(name));
    PipelineStack stack = new PipelineStack(home, state, System.out);
    stack.down(true);
    PipelineStack.Options options =
        new PipelineStack.Options(
            true,
            EngineKind.OPENSEARCH_2,
            Ports.freeRun(2),
            Ports.freeRun(WORKERS),
            WORKERS,
            Ports.free(),
            Ports.free(),
            3,
            Ports.freeRun(WORKERS),
            Ports.free(),
            Ports.free(),
            simClockStart == null ? null : simClockStart.toString(),
            simClockSpeed,
            simStations);
    LauncherCluster cluster = new LauncherCluster(stack, state, options);
    try {
      stack.up(options);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  PipelineStack stack() {
    return stack;
  }

  StateDir state() {
    return state;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + options.kafkaPort();
  }

  String engineUrl() {
    return "http://127.0.0.1:" + options.enginePort();
  }

  String simulatorUrl() {
    return "http://127.0.0.1:" + options.simPort();
  }

  /** {@code connect-1} … {@code connect-3}, as {@code ./pipeline status} names them. */
  List<String> workers() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= WORKERS; i++) {
      names.add("connect-" + i);
    }
    return names;
  }

  /** The REST URL of worker {@code connect-<n>}. */
  String workerUrl(String worker) {
    int i = Integer.parseInt(worker.substring("connect-".length())) - 1;
    return "http://127.0.0.1:" + (options.connectPort() + i);
  }

  /** The REST API of the first worker that runs (any worker forwards to the leader). */
  ConnectRestClient rest() {
    for (String w : workers()) {
      if (state.running(w).isPresent()) {
        return new ConnectRestClient(workerUrl(w));
      }
    }
    throw new IllegalStateException("no Connect worker runs in " + state.root());
  }

  /** Stops {@code component} (SIGKILL with {@code kill}) and starts it again; waits until ready. */
  void restart(String component, boolean kill) {
    stack.restart(component, kill);
  }

  /** SIGKILL, and leave it stopped. */
  void kill(String component) {
    stack.kill(component);
  }

  void start(String component) {
    stack.start(component);
  }

  /** Stops everything; the state folder (logs) stays for reading after a failure. */
  @Override
  public void close() {
    stack.down(false).forEach(System.out::println);
  }
}
