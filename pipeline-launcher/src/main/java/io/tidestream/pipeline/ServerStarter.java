package io.tidestream.pipeline;

import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectWorker;
import io.tidestream.pipeline.kafka.KafkaBroker;
import io.tidestream.pipeline.monitoring.LagExporterProcess;
import io.tidestream.pipeline.monitoring.PrometheusServer;
import io.tidestream.pipeline.process.StartedProcesses;
import io.tidestream.pipeline.sim.SimulatorProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start step of each server {@code up} runs: say what starts where, build its settings from the
 * options and the state folder (log, pid file, data), prepare its one-time files, and launch it
 * through {@link StartedProcesses}, so that a failed or interrupted start stops it. Each step
 * returns as soon as the process runs; waiting until it is ready is the caller's.
 */
final class ServerStarter {

  private final ProjectHome home;
  private final StateDir state;
  private final PrintStream out;
  private final PipelineStack.Options o;
  private final StartedProcesses started;

  ServerStarter(
      ProjectHome home,
      StateDir state,
      PrintStream out,
      PipelineStack.Options o,
      StartedProcesses started) {
    this.home = home;
    this.state = state;
    this.out = out;
    this.o = o;
    this.started = started;
  }

  KafkaBroker kafka(String kafkaClassPath) {
    out.println("Starting Kafka (KRaft) on 127.0.0.1:" + o.kafkaPort() + " ...");
    KafkaBroker.Settings kafkaSettings =
        new KafkaBroker.Settings(
            state.dir("kafka"),
            o.kafkaPort(),
            o.controllerPort(),
            kafkaClassPath,
            true,
            state.log("kafka"),
            state.pid("kafka"));
    KafkaBroker.prepare(kafkaSettings);
    return started.start(() -> KafkaBroker.start(kafkaSettings), KafkaBroker::process);
  }

  SimulatorProcess simulator(String simClassPath) {
    out.println("Starting the NOAA simulator on 127.0.0.1:" + o.simPort() + " ...");
    return started.start(
        () ->
            SimulatorProcess.start(
                new SimulatorProcess.Settings(
                    state.dir("simulator"),
                    o.simPort(),
                    simClassPath,
                    o.simulatorArgs(),
                    true,
                    state.log("simulator"),
                    state.pid("simulator"))),
        SimulatorProcess::process);
  }

  SearchEngineNode engine() {
    out.println(
        "Starting "
            + o.engine().id()
            + " "
            + o.engine().version(home.build())
            + " on 127.0.0.1:"
            + o.enginePort()
            + " ...");
    Path engineRoot = state.engineRoot();
    SearchEngineNode.Settings engineSettings =
        new SearchEngineNode.Settings(
            o.engine(),
            engineRoot.resolve("distributions"),
            engineRoot.resolve("node-" + o.engine().id()),
            o.enginePort(),
            "9300-9399",
            "512m",
            List.of(),
            true,
            state.log(o.engine().id()),
            state.pid(o.engine().id()));
    SearchEngineNode.prepare(engineSettings, home.build());
    return started.start(
        () -> SearchEngineNode.start(engineSettings, home.build()), SearchEngineNode::process);
  }

  /** The Connect workers {@code connect-1} … {@code connect-n}, against a Kafka that is ready. */
  List<ConnectWorker> workers(KafkaBroker kafka, String kafkaClassPath, MonitoringPlan monitoring) {
    List<ConnectWorker> workers = new ArrayList<>();
    for (int i = 0; i < o.workers(); i++) {
      workers.add(worker(i, kafka.bootstrapServers(), kafkaClassPath, monitoring.workerJvmArgs(i)));
    }
    return workers;
  }

  /** Worker {@code connect-(i+1)}, with the JVM arguments (the metrics exporter) it runs with. */
  ConnectWorker worker(
      int i, String bootstrapServers, String kafkaClassPath, List<String> jvmArgs) {
    String name = "connect-" + (i + 1);
    out.println(
        "Starting Kafka Connect worker "
            + name
            + " on 127.0.0.1:"
            + o.connectPorts().get(i)
            + " ...");
    ConnectWorker.Settings workerSettings =
        new ConnectWorker.Settings(
            name,
            state.dir(name),
            home.configDir().resolve("connect-distributed.properties"),
            bootstrapServers,
            o.connectPorts().get(i),
            state.plugins(),
            kafkaClassPath,
            jvmArgs,
            Map.of(),
            true,
            state.log(name),
            state.pid(name));
    return started.start(() -> ConnectWorker.start(workerSettings), ConnectWorker::process);
  }

  LagExporterProcess lagExporter(KafkaBroker kafka, MonitoringPlan monitoring) {
    out.println("Starting the lag exporter on 127.0.0.1:" + monitoring.lagExporterPort() + " ...");
    LagExporterProcess.Settings lagSettings =
        new LagExporterProcess.Settings(
            state.dir("lag-exporter"),
            monitoring.lagExporterPort(),
            monitoring.lagExporterClassPath(),
            kafka.bootstrapServers(),
            LagExporterProcess.CONNECT_SINK_GROUPS,
            Duration.ofSeconds(10),
            true,
            state.log("lag-exporter"),
            state.pid("lag-exporter"));
    return started.start(() -> LagExporterProcess.start(lagSettings), LagExporterProcess::process);
  }

  /** Prometheus, scraping the workers' exporters, the lag exporter and the simulator that run. */
  PrometheusServer prometheus(
      MonitoringPlan monitoring, SimulatorProcess sim, LagExporterProcess lagExporter) {
    out.println("Starting Prometheus on 127.0.0.1:" + o.prometheusPort() + " ...");
    String lagExporterTarget = lagExporter == null ? null : lagExporter.target();
    PrometheusServer.Settings prometheusSettings =
        new PrometheusServer.Settings(
            monitoring.prometheus(),
            state.dir("prometheus"),
            o.prometheusPort(),
            PrometheusServer.renderConfig(
                new PrometheusServer.Targets(
                    monitoring.exporterTargets(),
                    sim == null ? null : "127.0.0.1:" + o.simPort(),
                    lagExporterTarget,
                    List.of(home.alertRules()),
                    Duration.ofSeconds(15)),
                o.prometheusPort()),
            true,
            state.log("prometheus"),
            state.pid("prometheus"));
    return started.start(
        () -> PrometheusServer.start(prometheusSettings), PrometheusServer::process);
  }
}
