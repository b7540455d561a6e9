package io.tidestream.pipeline.sim;

import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The NOAA simulator (module noaa-simulator) run as a process of its own. */
public final class SimulatorProcess {

  /** Where and how to run the simulator; {@code extraArgs} go to its command line. */
  public record Settings(
      Path dir,
      int port,
      String classPath,
      List<String> extraArgs,
      boolean detached,
      Path logFile,
      Path pidFile) {}

  private final Settings settings;
  private final ManagedProcess process;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(10));

  private SimulatorProcess(Settings settings, ManagedProcess process) {
    this.settings = settings;
    this.process = process;
  }

  public static SimulatorProcess start(Settings s) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                s.classPath(),
                "io.tidestream.sim.NoaaSimulatorMain",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(s.port())));
    cmd.addAll(s.extraArgs());
    ManagedProcess process =
        ManagedProcess.start(
            new ManagedProcess.Spec(
                "simulator", cmd, Map.of(), s.dir(), s.logFile(), s.pidFile(), s.detached()));
    return new SimulatorProcess(s, process);
  }

  public SimulatorProcess awaitReady(Duration timeout) {
    Waits.until(
        process,
        timeout,
        "NOAA simulator on port " + settings.port(),
        () -> http.get(url() + "/admin/health").ok());
    return this;
  }

  /**
   * Base URL; NOAA's paths ({@code /api/prod/datagetter}, {@code /mdapi/prod/webapi/…}) hang off
   * it.
   */
  public String url() {
    return "http://127.0.0.1:" + settings.port();
  }

  public ManagedProcess process() {
    return process;
  }

  public void stop() {
    process.stop(Duration.ofSeconds(10));
  }
}
