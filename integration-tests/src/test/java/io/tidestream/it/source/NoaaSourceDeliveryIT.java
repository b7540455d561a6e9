package io.tidestream.it.source;

import static io.tidestream.it.source.SourceChecks.assertEveryRowOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.ConnectCluster;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.it.source.SourceChecks.Unit;
import io.tidestream.sim.NoaaSimulator;
import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.metrics.RequestLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backfill of 7 days for the talk's five stations x water level, predictions and wind, then
 * tailing, on a real Connect cluster with exactly-once source support: every row the simulator
 * serves arrives once, across a worker killed with SIGKILL during the backfill, a pause/resume and
 * a change of tasks.max from 1 to 3.
 *
 * <p>The simulator's clock stands still {@link #HELD_BACK} behind the wall clock until the backfill
 * has caught up with it; then it moves to the wall clock, and the rows that appear are the tail.
 * The test does not wait for a new 6-minute sample on the wall clock (step 3 says why).
 */
@ExtendWith(StackExtension.class)
class NoaaSourceDeliveryIT {

  static final List<String> PRODUCTS = List.of("water_level", "predictions", "wind");
  static final double REQUESTS_PER_SECOND = 4;

  /**
   * How far behind the wall clock the simulator's clock stands during the backfill: five 6-minute
   * samples, which all exist once the clock has moved to the wall clock.
   */
  static final Duration HELD_BACK = Duration.ofMinutes(30);

  /** A generated station of the simulator, added at the rescale. */
  static final String ADDED_STATION = "9900001";

  private NoaaSimulator sim;
  private String connector;
  private TestStack stack;

  @AfterEach
  void cleanUp() {
    if (connector != null && stack != null) {
      stack.connect().deleteConnector(connector);
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void backfillThenTailDeliversEveryRowExactlyOnceAcrossCrashPauseAndRescale(TestStack stack) {
    this.stack = stack;
    Instant connectorStarts = Instant.now();
    sim =
        NoaaSimulator.builder()
            .port(0)
            .seed(7)
            .extraStations(1)
            .clock(SimulatorClock.pinned(connectorStarts.minus(HELD_BACK)))
            .start();
    Instant backfillEnd = sim.clock().dataNow();
    ConnectCluster connect = stack.connect();
    KafkaTool kafka = stack.kafkaTool();
    String prefix = stack.uniqueName("delivery");
    connector = prefix + "-source";
    Instant start = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS);
    Map<String, String> config =
        Connectors.source(
            sim.baseUrl(),
            prefix + ".${product}",
            Connectors.TALK_STATIONS,
            String.join(",", PRODUCTS),
            start.toString());
    config.put("noaa.safety.lag.ms", "0");
    config.put("noaa.requests.per.second", Double.toString(REQUESTS_PER_SECOND));
    config.put("noaa.retry.backoff.initial.ms", "1000");
    config.put("noaa.retry.backoff.max.ms", "5000");
    List<Unit> units = new ArrayList<>();
    for (String s : Connectors.TALK_STATIONS.split(",")) {
      PRODUCTS.forEach(p -> units.add(new Unit(s, p)));
    }
    List<String> topics = PRODUCTS.stream().map(p -> prefix + "." + p).toList();

    // 1. start with one task and kill its worker with SIGKILL while the backfill runs
    JsonNode status = connect.startConnector(connector, config, 1);
    int victim = workerIndex(connect, status.path("tasks").get(0).path("worker_id").asText());
    connect.kill(victim);
    String killedWorker = status.path("tasks").get(0).path("worker_id").asText();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .alias("the task runs again on the surviving worker")
        .until(
            () -> {
              JsonNode s = connect.rest().status(connector);
              JsonNode t = s == null ? null : s.path("tasks").path(0);
              return t != null
                  && "RUNNING".equals(t.path("state").asText())
                  && !killedWorker.equals(t.path("worker_id").asText());
            });
    connect.restart(victim);

    // 2. pause and resume
    connect.rest().pause(connector);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .alias("paused")
        .until(() -> allInState(connect.rest().status(connector), "PAUSED"));
    connect.rest().resume(connector);
    connect.awaitRunning(connector, 1, Duration.ofSeconds(90));
    List<Unit> observed = units.stream().filter(u -> !u.product().equals("predictions")).toList();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .alias("the backfill of every water_level and wind unit reaches " + backfillEnd)
        .until(
            () -> {
              Map<Unit, List<Instant>> times = SourceChecks.timesByUnit(kafka, topics);
              return observed.stream()
                  .allMatch(u -> times.getOrDefault(u, List.of()).contains(backfillEnd));
            });

    // New rows come to exist: the simulator's clock moves to the wall clock and runs from there,
    // so the samples of the last HELD_BACK exist at once and later ones as they fall due. It moves
    // before the rescale, not after it, because the source plans with the worker's wall clock: a
    // caught-up unit asks for [watermark + 1 min, now] when its next sample is due (watermark + 6
    // min), or 6 minutes after its last answer when that time has passed, as it has here (the
    // watermark is HELD_BACK old). Moved after the rescale, the clock would leave every unit
    // waiting up to 6 minutes for its next request; the tasks the rescale starts ask for each of
    // their units at once, and so reach the new rows within seconds. Moving the clock ahead of the
    // wall clock would serve nothing sooner: no window ends after the worker's now.
    sim.clock().pin(Instant.now());
    sim.clock().release();

    // 3. three tasks, and a station more: its backfill runs after the rescale, so the check of what
    // the three tasks served below always has rows to look at; every unit belongs to one task
    config.put("tasks.max", "3");
    config.put("noaa.stations", Connectors.TALK_STATIONS + "," + ADDED_STATION);
    PRODUCTS.forEach(p -> units.add(new Unit(ADDED_STATION, p)));
    connect.startConnector(connector, config, 3);
    assertThat(unitsPerTask(connect))
        .as("units of each task")
        .hasSize(3)
        .allSatisfy(taskUnits -> assertThat(taskUnits).isNotEmpty());
    List<String> assigned = unitsPerTask(connect).stream().flatMap(List::stream).toList();
    assertThat(assigned).doesNotHaveDuplicates().hasSize(units.size());
    long rescaled = sim.requestLog().stream().mapToLong(RequestLogEntry::seq).max().orElse(0);

    // 4. tailing: every observation unit delivers a row newer than the backfill's end
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .alias("a row after " + backfillEnd + " for every water_level and wind unit")
        .until(
            () -> {
              Map<Unit, List<Instant>> times = SourceChecks.timesByUnit(kafka, topics);
              return units.stream()
                  .filter(u -> !u.product().equals("predictions"))
                  .allMatch(
                      u ->
                          times.getOrDefault(u, List.of()).stream()
                              .anyMatch(t -> t.isAfter(backfillEnd)));
            });
    assertThat(allInState(connect.rest().status(connector), "RUNNING"))
        .as("connector and tasks RUNNING")
        .isTrue();
    String name = connector;
    connect.deleteConnector(connector);
    connector = null;

    // every expected row once, per unit: no gap, no duplicate
    Map<Unit, List<Instant>> delivered = SourceChecks.timesByUnit(kafka, topics);
    assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(units);
    for (Unit u : units) {
      assertEveryRowOnce(sim, u, delivered.get(u), start);
    }
    // predictions reach the horizon (2 days ahead of the worker's now, which the simulator's clock
    // does not change)
    Instant horizon = SimulatorClock.floorToGrid(connectorStarts).plus(Duration.ofDays(2));
    for (Unit u : units.stream().filter(u -> u.product().equals("predictions")).toList()) {
      assertThat(delivered.get(u).stream().max(Instant::compareTo).orElseThrow())
          .as("%s: horizon", u)
          .isAfter(horizon.minus(Duration.ofMinutes(10)));
    }

    // without injected faults, no request failed, and the connector-wide budget held throughout
    assertThat(SourceChecks.workerLogLines("[" + name + "|task-", "No answer from NOAA"))
        .as("requests that got no answer")
        .isEmpty();
    SourceChecks.assertBudgetKept(SourceChecks.dataRequests(sim, 0), REQUESTS_PER_SECOND, 5);

    // with three tasks, no row was served twice for a unit: no two tasks poll the same unit
    Map<Unit, List<RequestLogEntry>> afterRescale =
        SourceChecks.dataRequests(sim, rescaled).stream()
            .filter(e -> e.status() == 200 && e.rows() > 0)
            .collect(Collectors.groupingBy(e -> new Unit(e.station(), e.product())));
    assertThat(afterRescale).as("units requested after the rescale").isNotEmpty();
    afterRescale.forEach(
        (u, requests) -> {
          Set<Instant> served = new TreeSet<>();
          for (RequestLogEntry e : requests) {
            Instant first = ceilToSixMinutes(Instant.parse(e.begin()));
            for (int i = 0; i < e.rows(); i++) {
              assertThat(served.add(first.plus(Duration.ofMinutes(6L * i))))
                  .as(
                      "%s: row %s served twice after the rescale (request %s)",
                      u, first.plus(Duration.ofMinutes(6L * i)), e.seq())
                  .isTrue();
            }
          }
        });
  }

  private static Instant ceilToSixMinutes(Instant t) {
    long step = Duration.ofMinutes(6).toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli() + step - 1, step) * step);
  }

  private static int workerIndex(ConnectCluster connect, String workerId) {
    for (int i = 0; i < connect.workers().size(); i++) {
      String url = connect.workers().get(i).url();
      if (workerId.endsWith(":" + url.substring(url.lastIndexOf(':') + 1))) {
        return i;
      }
    }
    throw new AssertionError("no worker serves as " + workerId);
  }

  private static boolean allInState(JsonNode status, String state) {
    if (status == null || !state.equals(status.path("connector").path("state").asText())) {
      return false;
    }
    if (status.path("tasks").isEmpty()) {
      return false;
    }
    for (JsonNode t : status.path("tasks")) {
      if (!state.equals(t.path("state").asText())) {
        return false;
      }
    }
    return true;
  }

  private List<List<String>> unitsPerTask(ConnectCluster connect) {
    JsonNode tasks = connect.rest().get("/connectors/" + connector + "/tasks").json();
    List<List<String>> out = new ArrayList<>();
    for (JsonNode t : tasks) {
      String keys = t.path("config").path("noaa.task.units").asText("");
      out.add(
          keys.isBlank() ? List.of() : Arrays.stream(keys.split(",")).map(String::trim).toList());
    }
    return out;
  }
}
