package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.PipelineStack;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import io.tidestream.pipeline.StatePointer;
import io.tidestream.pipeline.engine.EngineKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description =
        "Start Kafka, the Connect workers, the search engine (and the simulator), register the "
            + "connectors from config/*.json and show progress.")
final class UpCommand implements Callable<Integer> {

  enum NoaaMode {
    live,
    sim
  }

  @Mixin StateOption state;

  @Option(
      names = "--noaa",
      defaultValue = "live",
      paramLabel = "live|sim",
      description = "live: poll NOAA's API (default); sim: the built-in simulator, works offline.")
  NoaaMode noaa;

  @Option(
      names = "--engine",
      defaultValue = "opensearch-2",
      paramLabel = "ENGINE",
      description =
          "opensearch-2 (default), opensearch-3, elasticsearch-7, elasticsearch-8 or"
              + " elasticsearch-9.")
  String engine;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka's port; the controller takes the next one.")
  int kafkaPort;

  @Option(
      names = "--connect-port",
      defaultValue = "8083",
      description = "REST port of the first worker; the others follow.")
  int connectPort;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Connect workers in the cluster (default 2).")
  int workers;

  @Option(
      names = "--engine-port",
      defaultValue = "9200",
      description = "HTTP port of the search engine.")
  int enginePort;

  @Option(
      names = "--sim-port",
      defaultValue = "8088",
      description = "Port of the NOAA simulator (--noaa sim).")
  int simPort;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "Partitions of the topics the launcher creates.")
  int partitions;

  @Option(
      names = "--exporter-port",
      defaultValue = "9404",
      description =
          "Port of the first worker's Prometheus metrics (JMX exporter); the others follow.")
  int exporterPort;

  @Option(
      names = "--prometheus-port",
      defaultValue = "9090",
      description = "Port of Prometheus, started when the prometheus binary is installed.")
  int prometheusPort;

  @Option(
      names = "--lag-exporter-port",
      defaultValue = "9390",
      description =
          "Port of the lag exporter: consumer lag of the sink connectors, measured on the broker.")
  int lagExporterPort;

  @Option(
      names = "--sim-clock-start",
      paramLabel = "ISO",
      description =
          "With --noaa sim: the simulated time at start, e.g. 2026-12-01T00:00:00Z (default now).")
  java.time.Instant simClockStart;

  @Option(
      names = "--sim-clock-speed",
      defaultValue = "1",
      paramLabel = "X",
      description =
          "With --noaa sim: simulated seconds per real second (default 1); with a start in the"
              + " past, new observations arrive X times as fast until the clock reaches now.")
  double simClockSpeed;

  @Option(
      names = "--sim-stations",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "With --noaa sim: generated stations (9900001, 9900002, ...) besides the five real"
              + " ones (default 0).")
  int simStations;

  @Option(
      names = "--detach",
      description = "Return once everything runs instead of showing live progress.")
  boolean detach;

  @Override
  public Integer call() throws Exception {
    ProjectHome home = ProjectHome.locate();
    StatePointer pointer = StateOption.pointer(home);
    StateDir dir =
        state.stateDir != null ? new StateDir(state.stateDir) : folderForUp(home, pointer);
    PipelineStack stack = new PipelineStack(home, dir, System.out);
    EngineKind kind;
    try {
      kind = EngineKind.fromId(engine);
    } catch (IllegalArgumentException e) {
      throw new io.tidestream.pipeline.LauncherException(e.getMessage());
    }
    if (workers < 1) {
      throw new io.tidestream.pipeline.LauncherException("--workers must be at least 1");
    }
    if (!(simClockSpeed > 0)) {
      throw new io.tidestream.pipeline.LauncherException(
          "--sim-clock-speed must be above 0, got " + simClockSpeed);
    }
    if ((simClockStart != null || simClockSpeed != 1 || simStations != 0) && noaa != NoaaMode.sim) {
      throw new io.tidestream.pipeline.LauncherException(
          "--sim-clock-start, --sim-clock-speed and --sim-stations are the simulator's: add"
              + " --noaa sim.");
    }
    if (simStations < 0) {
      throw new io.tidestream.pipeline.LauncherException(
          "--sim-stations must be 0 or more, got " + simStations);
    }
    PipelineStack.Options options =
        new PipelineStack.Options(
            noaa == NoaaMode.sim,
            kind,
            kafkaPort,
            connectPort,
            workers,
            enginePort,
            simPort,
            partitions,
            exporterPort,
            prometheusPort,
            lagExporterPort,
            simClockStart == null ? null : simClockStart.toString(),
            simClockSpeed,
            simStations);
    boolean runsElsewhere = stack.anyRunning() || stack.starting().isPresent();
    if (!runsElsewhere) {
      // status, logs and down without --state-dir find this folder, also while it starts
      pointer.remember(dir);
    }
    try {
      stack.up(options);
    } catch (RuntimeException e) {
      if (!runsElsewhere) {
        pointer.forget(dir);
      }
      throw e;
    }
    if (detach || System.console() == null) {
      System.out.println(stack.progressLine());
      System.out.println("Watch with ./pipeline status --watch; stop with ./pipeline down.");
      return 0;
    }
    System.out.println(
        "Live progress (Ctrl-C stops watching; the pipeline keeps running until ./pipeline down):");
    StatusCommand.watch(stack);
    return 0;
  }

  /**
   * Without --state-dir: the folder of a pipeline that the last {@code up --state-dir} started and
   * that still runs (so this {@code up} refuses, naming it), else the default folder.
   */
  private static StateDir folderForUp(ProjectHome home, StatePointer pointer) {
    StateDir remembered = pointer.choose().dir();
    PipelineStack there = new PipelineStack(home, remembered, System.out);
    if (there.anyRunning() || there.starting().isPresent()) {
      return remembered;
    }
    return new StateDir(pointer.defaultDir());
  }
}
