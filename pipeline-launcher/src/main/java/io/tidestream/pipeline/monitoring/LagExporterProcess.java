package io.tidestream.pipeline.monitoring;

import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lag exporter (module lag-exporter) run as a process of its own: consumer lag of Connect's
 * sink groups, measured on the broker, for Prometheus on {@code http://127.0.0.1:<port>/metrics}.
 */
public final class LagExporterProcess {

  /** Groups it watches unless told otherwise: every Connect sink connector's. */
  public static final String CONNECT_SINK_GROUPS = "connect-.*";

  /**
   * Where and how to run it. {@code groups} is the regular expression a group id must match; {@code
   * interval} is how often it asks Kafka.
   */
  public record Settings(
      Path dir,
      int port,
      String classPath,
      String bootstrapServers,
      String groups,
      Duration interval,
      boolean detached,
      Path logFile,
      Path pidFile) {}

  private final Settings settings;
  private final ManagedProcess process;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(10));

  private LagExporterProcess(Settings settings, ManagedProcess process) {
    this.settings = settings;
    this.process = process;
  }

  public static LagExporterProcess start(Settings s) {
    long seconds = Math.max(1, s.interval().toSeconds());
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                s.classPath(),
                "io.tidestream.lag.LagExporterMain",
                "--bootstrap-servers",
                s.bootstrapServers(),
                "--groups",
                s.groups(),
                "--interval-seconds",
                Long.toString(seconds),
                "--stale-after-seconds",
                Long.toString(Math.max(60, 3 * seconds)),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(s.port())));
    ManagedProcess process =
        ManagedProcess.start(
            new ManagedProcess.Spec(
                "lag-exporter", cmd, Map.of(), s.dir(), s.logFile(), s.pidFile(), s.detached()));
    return new LagExporterProcess(s, process);
  }

  public LagExporterProcess awaitReady(Duration timeout) {
    Waits.until(
        process,
        timeout,
        "lag exporter on port " + settings.port(),
        () -> http.get(metricsUrl()).ok());
    return this;
  }

  /** {@code host:port}, as a Prometheus target. */
  public String target() {
    return "127.0.0.1:" + settings.port();
  }

  public String metricsUrl() {
    return "http://" + target() + "/metrics";
  }

  public ManagedProcess process() {
    return process;
  }

  public void stop() {
    process.stop(Duration.ofSeconds(10));
  }
}
