package io.tidestream.pipeline;

import io.tidestream.pipeline.monitoring.JmxExporter;
import io.tidestream.pipeline.monitoring.PrometheusServer;
import io.tidestream.pipeline.process.Ports;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What monitoring this start gets: the JMX exporter agent on each worker whose exporter port is
 * free (and the agent jar is built), and Prometheus when its binary is installed and its port is
 * free, and the lag exporter (consumer lag measured on the broker) when it is built and its port is
 * free ({@code lagExporterPort} 0 otherwise). Whatever is missing is said in one line and the
 * pipeline starts without it.
 */
record MonitoringPlan(
    List<List<String>> jvmArgs,
    List<String> exporterTargets,
    Path prometheus,
    int lagExporterPort,
    String lagExporterClassPath) {

  List<String> workerJvmArgs(int i) {
    return jvmArgs.get(i);
  }

  /** Decides, from what is built, installed and free now, and prints a note for what is not. */
  static MonitoringPlan choose(ProjectHome home, PipelineStack.Options o, PrintStream out) {
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
    return new MonitoringPlan(args, targets, prometheus, lagPort, lagClassPath);
  }
}
