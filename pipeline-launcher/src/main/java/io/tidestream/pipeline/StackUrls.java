package io.tidestream.pipeline;

import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.monitoring.LagExporterProcess;
import io.tidestream.pipeline.monitoring.PrometheusServer;
import io.tidestream.pipeline.sim.SimulatorProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The lines {@code up} prints once the pipeline runs: where to reach each part of it. */
final class StackUrls {

  private StackUrls() {}

  /** {@code sim}, {@code lagExporter} and {@code prometheus} are null when they do not run. */
  static void print(
      PrintStream out,
      Path stateRoot,
      PipelineStack.Options o,
      List<ConnectWorker> workers,
      SearchEngineNode engine,
      SimulatorProcess sim,
      LagExporterProcess lagExporter,
      PrometheusServer prometheus,
      MonitoringPlan monitoring) {
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
    out.println("  State and logs     " + stateRoot + "  (./pipeline logs <component>)");
    out.println();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
