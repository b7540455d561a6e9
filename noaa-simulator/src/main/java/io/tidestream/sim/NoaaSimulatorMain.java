package io.tidestream.sim;

import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.faults.FaultKind;
import io.tidestream.sim.faults.FaultSettings;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the simulator as its own process. Prints exactly one line, {@code NOAA simulator listening
 * on http://127.0.0.1:<port>}, once it listens, and stops on SIGTERM or Ctrl-C.
 */
@Command(
    name = "noaa-simulator",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Serves a simulated NOAA CO-OPS data and metadata API with harmonic tides and fault"
            + " injection.")
public final class NoaaSimulatorMain implements Callable<Integer> {

  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(
      names = "--port",
      description = "Port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  int port = 8088;

  @Option(
      names = "--seed",
      description = "Seed of generated values and fault rolls (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--stations",
      description =
          "Generated stations in addition to the five default ones "
              + "(default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--clock-start",
      description = "Simulated start instant, ISO-8601 (default: now).")
  Instant clockStart;

  @Option(
      names = "--clock-speed",
      description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
  double clockSpeed = 1.0;

  @Option(
      names = "--clock-pinned",
      description = "Stand the clock still at --clock-start (or now).")
  boolean clockPinned;

  @Option(
      names = "--gap-rate",
      description = "Fraction of observation rows that are gaps (default: ${DEFAULT-VALUE}).")
  double gapRate = 0.01;

  @Option(
      names = "--fault",
      paramLabel = "KIND=PROBABILITY",
      description =
          "Per-request probability of a fault, repeatable, e.g. --fault HTTP_503=0.05 --fault"
              + " SLOW=0.01. Kinds: HTTP_500, HTTP_502, HTTP_503, HTTP_504, HTTP_429, FORBIDDEN,"
              + " HTML_200, TRUNCATED_JSON, PARTIAL_BODY, SLOW, CONNECTION_RESET, OUTAGE, BOM_BODY,"
              + " NON_NUMERIC_VALUE, CLOSE_AFTER_ANSWER.")
  Map<String, Double> faultProbabilities = new LinkedHashMap<>();

  @Option(
      names = "--fault-sequence",
      split = ",",
      paramLabel = "KIND",
      description =
          "Faults for the first requests, in order (NONE serves normally), e.g."
              + " HTTP_503,NONE,HTTP_429.")
  List<String> faultSequence = new ArrayList<>();

  @Option(
      names = "--outage",
      description = "Every datagetter request answers \"No data was found\".")
  boolean outage;

  @Option(
      names = "--slow-millis",
      description = "Delay of a SLOW response (default: ${DEFAULT-VALUE}).")
  long slowMillis = 35_000;

  @Option(
      names = "--retry-after",
      description = "Retry-After seconds of a 429 (default: ${DEFAULT-VALUE}).")
  int retryAfterSeconds = 5;

  @Option(
      names = "--ban-threshold",
      description =
          "Ban (403) a client sending more than N requests within a second;"
              + " 0 disables (default: ${DEFAULT-VALUE}).")
  int banThreshold;

  @Option(
      names = "--ban-cooldown",
      description = "Seconds a ban lasts (default: ${DEFAULT-VALUE}).")
  long banCooldownSeconds = 300;

  private final PrintWriter out;
  private final CountDownLatch stop;

  NoaaSimulatorMain(PrintWriter out, CountDownLatch stop) {
    this.out = out;
    this.stop = stop;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    CountDownLatch stop = new CountDownLatch(1);
    int exit =
        new CommandLine(new NoaaSimulatorMain(out, stop))
            .setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                  Throwable cause = e.getCause();
                  commandLine
                      .getErr()
                      .println(
                          "noaa-simulator: "
                              + e.getMessage()
                              + (cause != null && cause != e ? " (" + cause + ")" : ""));
                  return 2;
                })
            .execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    for (String kind : faultSequence) {
      FaultKind.parse(kind);
    }
    Instant start = clockStart == null ? Instant.now() : clockStart;
    SimulatorClock clock =
        clockPinned ? SimulatorClock.pinned(start) : SimulatorClock.running(start, clockSpeed);
    FaultSettings faults =
        new FaultSettings(
            faultProbabilities,
            faultSequence,
            outage,
            slowMillis,
            retryAfterSeconds,
            banThreshold,
            banCooldownSeconds);
    NoaaSimulator simulator =
        NoaaSimulator.builder()
            .host(host)
            .port(port)
            .seed(seed)
            .clock(clock)
            .extraStations(stations)
            .gapRate(gapRate)
            .faults(faults)
            .start();
    Thread hook =
        new Thread(
            () -> {
              simulator.close();
              stop.countDown();
            },
            "noaa-sim-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("NOAA simulator listening on " + simulator.baseUrl());
    out.flush();
    stop.await();
    return 0;
  }
}
