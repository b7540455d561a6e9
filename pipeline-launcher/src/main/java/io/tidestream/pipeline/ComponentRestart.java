package io.tidestream.pipeline;

import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.StartedProcesses;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Stops one component of a running pipeline and starts it again with the settings the {@code up}
 * that started it recorded in {@code stack.json}: the same ports, folders, data and (for a worker)
 * metrics exporter. What {@code ./pipeline restart} runs, one component after the other for a
 * rolling restart; fault tests use it to crash ({@code SIGKILL}) and bring back a worker or the
 * broker. Kafka, the simulator, the engine and the Connect workers can be restarted; the lag
 * exporter and Prometheus only with a new {@code up}.
 */
final class ComponentRestart {

  private final ProjectHome home;
  private final StateDir state;
  private final PrintStream out;

  ComponentRestart(ProjectHome home, StateDir state, PrintStream out) {
    this.home = home;
    this.state = state;
    this.out = out;
  }

  /** Stops {@code component} (gracefully, or with SIGKILL when {@code kill}). */
  void stop(String component, boolean kill) {
    requireRestartable(component);
    Optional<ManagedProcess> running = state.running(component);
    if (running.isEmpty()) {
      return;
    }
    ManagedProcess p = running.get();
    if (kill) {
      p.kill();
      p.awaitExit(Duration.ofSeconds(30));
    } else {
      p.stop(Duration.ofSeconds(60));
    }
    if (p.isAlive()) {
      throw new LauncherException(
          component + " (pid " + p.pid() + ") did not stop within a minute: kill it by hand.");
    }
    out.println((kill ? "Killed " : "Stopped ") + component + " (pid " + p.pid() + ").");
  }

  /** Starts {@code component} again, unless it runs, and waits until it is ready. */
  void start(String component) {
    PipelineStack.Options o = options(component);
    if (state.running(component).isPresent()) {
      return;
    }
    StartedProcesses started = new StartedProcesses();
    ServerStarter start = new ServerStarter(home, state, out, o, started);
    try {
      if (component.equals("kafka")) {
        start.kafka(home.kafkaClassPath()).awaitReady(Duration.ofSeconds(90));
      } else if (component.equals("simulator")) {
        start.simulator(home.simulatorClassPath()).awaitReady(Duration.ofSeconds(60));
      } else if (component.equals(o.engine().id())) {
        start.engine().awaitReady(Duration.ofSeconds(240));
      } else {
        int i = workerIndex(component);
        start
            .worker(
                i,
                "127.0.0.1:" + o.kafkaPort(),
                home.kafkaClassPath(),
                StackFile.workerJvmArgs(state, i))
            .awaitReady(Duration.ofSeconds(180));
      }
    } catch (RuntimeException e) {
      started.stopAll();
      throw e;
    }
    started.keep();
    out.println("Started " + component + " again.");
  }

  private PipelineStack.Options options(String component) {
    requireRestartable(component);
    return StackFile.options(state)
        .orElseThrow(
            () ->
                new LauncherException(
                    "No start with recorded settings in "
                        + state.root()
                        + ": restart works on a pipeline started by ./pipeline up of this"
                        + " version; stop it with ./pipeline down and start it with ./pipeline"
                        + " up."));
  }

  private void requireRestartable(String component) {
    List<String> components = StackFile.components(state);
    if (!components.contains(component)) {
      throw new LauncherException(
          "No component "
              + component
              + " in the pipeline in "
              + state.root()
              + (components.isEmpty() ? "" : "; it has " + String.join(", ", components))
              + ".");
    }
    if (component.equals("lag-exporter") || component.equals("prometheus")) {
      throw new LauncherException(
          component
              + " cannot be restarted on its own: ./pipeline down and ./pipeline up restart the"
              + " monitoring with the rest.");
    }
  }

  private static int workerIndex(String component) {
    if (!component.startsWith("connect-")) {
      throw new LauncherException("Unknown component " + component + ".");
    }
    return Integer.parseInt(component.substring("connect-".length())) - 1;
  }
}
