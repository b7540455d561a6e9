package io.tidestream.pipeline.monitoring;

import java.nio.file.Path;
import java.util.List;

/**
 * The Prometheus JMX exporter Java agent ({@code io.prometheus.jmx:jmx_prometheus_javaagent}) on a
 * Connect worker: it serves the worker's JMX metrics, turned into Prometheus names by the rules in
 * {@code prometheus/jmx-exporter.yml}, on {@code http://127.0.0.1:<port>/metrics}.
 */
public final class JmxExporter {
  private JmxExporter() {}

  /** The JVM argument that loads the agent, listening on {@code 127.0.0.1:port}. */
  public static List<String> jvmArgs(Path agentJar, int port, Path rules) {
    return List.of(
        "-javaagent:"
            + agentJar.toAbsolutePath()
            + "=127.0.0.1:"
            + port
            + ":"
            + rules.toAbsolutePath());
  }

  public static String metricsUrl(int port) {
    return "http://127.0.0.1:" + port + "/metrics";
  }
}
