package io.tidestream.pipeline.monitoring;

import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Waits;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Prometheus server (Debian package {@code prometheus}) scraping the Connect workers' JMX
 * exporters, the lag exporter and, in sim mode, the simulator's {@code /metrics}, with the
 * project's alert rules.
 */
public final class PrometheusServer {

  /** How to get the binary when it is missing. */
  public static final String HOW_TO_INSTALL =
      "install it with `apt-get install prometheus` (Debian/Ubuntu; stop the service it starts with"
          + " `service prometheus stop`) or put a `prometheus` binary on the PATH";

  /** Where and how to run it. {@code configYaml} is written to {@code dir/prometheus.yml}. */
  public record Settings(
      Path binary,
      Path dir,
      int port,
      String configYaml,
      boolean detached,
      Path logFile,
      Path pidFile) {}

  /**
   * What to scrape and which rule files to load. {@code simulator} and {@code lagExporter} are
   * {@code host:port} or null when they do not run.
   */
  public record Targets(
      List<String> connectExporters,
      String simulator,
      String lagExporter,
      List<Path> ruleFiles,
      Duration interval) {

    /** Without the lag exporter. */
    public Targets(
        List<String> connectExporters, String simulator, List<Path> ruleFiles, Duration interval) {
      this(connectExporters, simulator, null, ruleFiles, interval);
    }
  }

  private final Settings settings;
  private final ManagedProcess process;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(10));

  private PrometheusServer(Settings settings, ManagedProcess process) {
    this.settings = settings;
    this.process = process;
  }

  /** The {@code prometheus} binary on the PATH or in /usr/bin, if installed. */
  public static Optional<Path> findBinary() {
    return findOnPath("prometheus");
  }

  /** The {@code promtool} binary that comes with it. */
  public static Optional<Path> findPromtool() {
    return findOnPath("promtool");
  }

  private static Optional<Path> findOnPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * A {@code prometheus.yml} for processes on this machine: job {@code connect} (every worker's
   * exporter), jobs {@code noaa-simulator} and {@code lag-exporter} (when they run) and Prometheus
   * itself, with the rule files.
   */
  public static String renderConfig(Targets t, int selfPort) {
    StringBuilder y = new StringBuilder();
    y.append(
        "# Written by the tidestream launcher from the ports that run; the template is"
            + " prometheus/prometheus.yml.\n");
    y.append("global:\n");
    y.append("  scrape_interval: ").append(t.interval().toSeconds()).append("s\n");
    y.append("  evaluation_interval: ").append(t.interval().toSeconds()).append("s\n");
    if (!t.ruleFiles().isEmpty()) {
      y.append("rule_files:\n");
      t.ruleFiles()
          .forEach(f -> y.append("  - ").append(quote(f.toAbsolutePath().toString())).append('\n'));
    }
    y.append("scrape_configs:\n");
    y.append("  - job_name: connect\n    static_configs:\n");
    for (int i = 0; i < t.connectExporters().size(); i++) {
      y.append("      - targets: [").append(quote(t.connectExporters().get(i))).append("]\n");
      y.append("        labels: {worker: connect-").append(i + 1).append("}\n");
    }
    if (t.simulator() != null) {
      y.append("  - job_name: noaa-simulator\n    static_configs:\n");
      y.append("      - targets: [").append(quote(t.simulator())).append("]\n");
    }
    if (t.lagExporter() != null) {
      y.append("  - job_name: lag-exporter\n    static_configs:\n");
      y.append("      - targets: [").append(quote(t.lagExporter())).append("]\n");
    }
    y.append("  - job_name: prometheus\n    static_configs:\n");
    y.append("      - targets: [").append(quote("127.0.0.1:" + selfPort)).append("]\n");
    return y.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  public static PrometheusServer start(Settings s) {
    Path config = s.dir().resolve("prometheus.yml");
    try {
      Files.createDirectories(s.dir().resolve("data"));
      Files.writeString(config, s.configYaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd =
        List.of(
            s.binary().toString(),
            "--config.file=" + config,
            "--storage.tsdb.path=" + s.dir().resolve("data"),
            "--web.listen-address=127.0.0.1:" + s.port(),
            "--web.enable-lifecycle");
    ManagedProcess process =
        ManagedProcess.start(
            new ManagedProcess.Spec(
                "prometheus", cmd, Map.of(), s.dir(), s.logFile(), s.pidFile(), s.detached()));
    return new PrometheusServer(s, process);
  }

  public PrometheusServer awaitReady(Duration timeout) {
    Waits.until(
        process,
        timeout,
        "Prometheus on port " + settings.port(),
        () -> http.get(url() + "/-/ready").ok());
    return this;
  }

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
