package io.tidestream.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.source.SourceChecks;
import io.tidestream.it.source.SourceChecks.Unit;
import io.tidestream.pipeline.process.JsonHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The NOAA source on the launcher's 3-worker cluster ({@link LauncherCluster}, the code of {@code
 * ./pipeline up --noaa sim --workers 3}) with exactly-once delivery required, 35 stations x water
 * level and wind on 3 tasks, and the simulator's clock running 60 times as fast as the wall clock;
 * while rows flow: a worker that runs a task is killed with SIGKILL and started again after its
 * tasks moved, then all three workers are restarted one after the other, then the broker. At the
 * end every unit (station x product) holds, read with {@code read_committed}, exactly the rows the
 * simulator serves from the connector's start to the unit's last row, each once, and that last row
 * is at or after T, the simulator's time once the broker is back.
 *
 * <p><b>The clock set-up.</b> The source asks for windows up to the worker's wall clock (minus the
 * safety lag); the simulator serves rows up to its own clock. The simulator's clock starts a day
 * behind the wall clock and runs 60 times as fast, so it stays behind the wall clock for the whole
 * test (it would catch up after about 24 minutes): every window the source asks for ends at "now"
 * by the wall clock, and holds whatever the simulator has published by then. The next window begins
 * one minute after the last row received, not after the window's end, so rows the simulator
 * publishes later for times inside a window already asked for are asked for again and not skipped;
 * an empty answer moves a unit past a window only when the window ended more than {@code
 * noaa.lateness.ms} (3 hours) before the wall clock's now, which a window ending at now never does.
 * (A simulator more than a product's widest window behind the wall clock, 31 days here, could make
 * the backfill move past windows that are still empty at the simulator: keep the lag below that.) A
 * caught-up unit asks again one cadence (6 minutes, by the wall clock) after its last answer and
 * gets the 6 simulated hours published since; right after a task starts, all its units ask at once.
 * The connector starts 7 days before the simulator's clock, so each unit begins with a backfill of
 * a week and some hours, during which the first worker is killed.
 *
 * <p><b>T.</b> The units reach T, the simulator's time when the broker restart is over, by tailing
 * (a unit whose task the broker restart stopped asks at once when it starts again): a unit that
 * stopped reading new rows, or skipped some, fails the test. Rows delivered before and after T are
 * all checked, up to each unit's last row.
 */
class SourceClusterFaultsIT {

  static final String CONNECTOR = "source-faults";
  static final String TOPIC_PREFIX = "source-faults.";
  static final List<String> PRODUCTS = List.of("water_level", "wind");

  /** Generated stations besides the five default ones. */
  static final int GENERATED_STATIONS = 30;

  static final double SIM_SPEED = 60;
  static final double REQUESTS_PER_SECOND = 5;
  static final Duration WAIT = Duration.ofMinutes(5);

  /**
   * How far before the simulator's clock start the connector starts: 7 days are about 120,000
   * records, which take the tasks long enough that the worker is killed while they write.
   */
  static final Duration BACKFILL = Duration.ofDays(7);

  private static final DateTimeFormatter NOAA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter NOAA_PARAM =
      DateTimeFormatter.ofPattern("yyyyMMdd HH:mm").withZone(ZoneOffset.UTC);

  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(30));
  private final long started = System.nanoTime();

  @Test
  void everyRowOnceAcrossWorkerCrashRollingRestartAndBrokerRestart() {
    Instant simStart = onGrid(Instant.now().minus(Duration.ofDays(1)));
    Instant sourceStart = simStart.minus(BACKFILL);
    try (LauncherCluster cluster =
        LauncherCluster.up("source-faults", simStart, SIM_SPEED, GENERATED_STATIONS)) {
      phase("cluster up");
      KafkaTool kafka = new KafkaTool(cluster.bootstrapServers());
      // The connectors of config/ are not part of the scenario: they would only add load.
      for (String name : cluster.rest().connectors()) {
        cluster.rest().delete(name);
      }
      List<String> stations = stations(cluster);
      assertThat(stations).hasSize(5 + GENERATED_STATIONS);
      cluster.rest().putConnector(CONNECTOR, config(cluster, stations, sourceStart));
      awaitRunning(cluster, "the connector's start", w -> true);
      await("the backfill's first records")
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> offsets(kafka) > 0);
      phase("connector running, offsets " + offsets(kafka));

      // (a) SIGKILL a worker that runs a task, during the backfill; its tasks move to the other
      // two; start it again.
      String victim = workerOf(cluster, taskWorkerIds(cluster).get(0));
      long before = offsets(kafka);
      cluster.kill(victim);
      awaitRunning(
          cluster, "tasks moved off the killed " + victim, id -> !serves(cluster, victim, id));
      phase("killed " + victim + ", tasks on " + taskWorkerIds(cluster));
      cluster.start(victim);
      awaitRunning(cluster, victim + " back", id -> true);
      phase(victim + " started again, offsets " + before + " -> " + offsets(kafka));

      // (b) rolling restart of all three workers.
      for (String worker : cluster.workers()) {
        before = offsets(kafka);
        cluster.restart(worker, false);
        awaitRunning(cluster, "tasks after restarting " + worker, id -> true);
        phase(
            "restarted "
                + worker
                + ", tasks on "
                + taskWorkerIds(cluster)
                + ", offsets "
                + before
                + " -> "
                + offsets(kafka));
      }

      // (c) the broker.
      before = offsets(kafka);
      cluster.restart("kafka", false);
      awaitRunning(cluster, "tasks after the broker restart", id -> true);
      Instant t = simDataNow(cluster);
      phase("broker restarted, offsets " + before + " -> " + offsets(kafka) + ", T = " + t);

      // Tailing to T, then stop the connector and count. A caught-up unit asks again one cadence
      // (6 min by the wall clock) after its last answer, so this takes up to 6 minutes.
      int units = stations.size() * PRODUCTS.size();
      try {
        await("every unit's rows up to " + t)
            .atMost(Duration.ofMinutes(9))
            .pollInterval(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(() -> unitsAtOrAfter(kafka, t) == units);
        phase("every unit at or after T");
      } catch (ConditionTimeoutException e) {
        // the accounting below names the units that did not get there
        phase("not every unit reached T: " + e.getMessage());
      }
      assertAllRunning(cluster.rest().status(CONNECTOR), "before stopping the connector");
      cluster.rest().stop(CONNECTOR);
      await("the connector stopped")
          .atMost(WAIT)
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(
              () ->
                  "STOPPED"
                      .equals(
                          cluster
                              .rest()
                              .status(CONNECTOR)
                              .path("connector")
                              .path("state")
                              .asText()));
      phase("connector stopped");

      Map<Unit, List<Instant>> times = SourceChecks.timesByUnit(kafka, topics());
      assertThat(times.keySet()).as("units with records").hasSize(units);
      long total = 0;
      for (Map.Entry<Unit, List<Instant>> e : times.entrySet()) {
        Unit unit = e.getKey();
        List<Instant> got = e.getValue();
        Instant last = got.stream().max(Instant::compareTo).orElseThrow();
        assertThat(last).as("%s: last row (T = %s)", unit, t).isAfterOrEqualTo(t);
        assertThat(got).as("%s: duplicates", unit).doesNotHaveDuplicates();
        assertThat(got.stream().sorted().toList())
            .as("%s: rows from %s to %s", unit, sourceStart, last)
            .isEqualTo(expectedTimes(cluster, unit, sourceStart, last));
        total += got.size();
      }
      long uncommitted = 0;
      for (String topic : topics()) {
        uncommitted += kafka.readAll(topic, Duration.ofMinutes(2), false).size();
      }
      phase(
          total
              + " records in "
              + units
              + " units, each row once, T = "
              + t
              + "; read_uncommitted sees "
              + uncommitted
              + " ("
              + (uncommitted - total)
              + " in aborted transactions)");
    }
  }

  private Map<String, String> config(
      LauncherCluster cluster, List<String> stations, Instant start) {
    Map<String, String> c =
        Connectors.source(
            cluster.simulatorUrl(),
            TOPIC_PREFIX + "${product}",
            String.join(",", stations),
            String.join(",", PRODUCTS),
            start.toString());
    c.put("tasks.max", "3");
    c.put("exactly.once.support", "required");
    c.put("noaa.datum", "MLLW");
    c.put("noaa.units", "metric");
    c.put("noaa.requests.per.second", Double.toString(REQUESTS_PER_SECOND));
    c.put("noaa.retry.backoff.initial.ms", "1000");
    c.put("noaa.retry.backoff.max.ms", "5000");
    return c;
  }

  /** The simulator's stations: the five default ones and the generated ones. */
  private List<String> stations(LauncherCluster cluster) {
    List<String> ids = new ArrayList<>();
    http.get(cluster.simulatorUrl() + "/mdapi/prod/webapi/stations.json")
        .json()
        .path("stations")
        .forEach(s -> ids.add(s.path("id").asText()));
    return ids.stream().sorted().toList();
  }

  private static List<String> topics() {
    return PRODUCTS.stream().map(p -> TOPIC_PREFIX + p).toList();
  }

  /** The sum of the data topics' end offsets: a cheap sign of progress (markers count too). */
  private static long offsets(KafkaTool kafka) {
    long n = 0;
    for (String topic : topics()) {
      if (!kafka.topicsStartingWith(topic).isEmpty()) {
        n += kafka.count(topic);
      }
    }
    return n;
  }

  private static long unitsAtOrAfter(KafkaTool kafka, Instant t) {
    return SourceChecks.timesByUnit(kafka, topics()).values().stream()
        .filter(times -> times.stream().anyMatch(x -> !x.isBefore(t)))
        .count();
  }

  /** The times the simulator serves for the unit in {@code [from, to]}, gaps included. */
  private List<Instant> expectedTimes(
      LauncherCluster cluster, Unit unit, Instant from, Instant to) {
    String url =
        cluster.simulatorUrl()
            + "/api/prod/datagetter?station="
            + unit.station()
            + "&product="
            + unit.product()
            + "&begin_date="
            + enc(NOAA_PARAM.format(from))
            + "&end_date="
            + enc(NOAA_PARAM.format(to))
            + "&units=metric&time_zone=gmt&format=json&application=SourceClusterFaultsIT"
            + (unit.product().equals("water_level") ? "&datum=MLLW" : "");
    JsonHttp.Response r = http.get(url);
    assertThat(r.status()).as("simulator answer for %s: %s", unit, r.body()).isEqualTo(200);
    List<Instant> out = new ArrayList<>();
    r.json()
        .path("data")
        .forEach(
            row ->
                out.add(
                    LocalDateTime.parse(row.path("t").asText(), NOAA_TIME)
                        .toInstant(ZoneOffset.UTC)));
    return out;
  }

  private Instant simDataNow(LauncherCluster cluster) {
    return Instant.parse(
        http.get(cluster.simulatorUrl() + "/admin/clock").json().path("dataNow").asText());
  }

  /**
   * Waits until the connector and its three tasks are RUNNING on workers that {@code allowed}
   * accepts (by worker id). A FAILED task ends the wait at once with its trace: after a fault that
   * is a finding, not something to restart.
   */
  private void awaitRunning(LauncherCluster cluster, String what, Predicate<String> allowed) {
    await(what)
        .atMost(WAIT)
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptionsMatching(e -> !(e instanceof TaskFailed))
        .until(running(cluster, allowed));
  }

  private static Callable<Boolean> running(LauncherCluster cluster, Predicate<String> allowed) {
    return () -> {
      JsonNode status = cluster.rest().status(CONNECTOR);
      for (JsonNode task : status.path("tasks")) {
        if ("FAILED".equals(task.path("state").asText())) {
          throw new TaskFailed(task);
        }
      }
      if (!"RUNNING".equals(status.path("connector").path("state").asText())
          || status.path("tasks").size() != 3) {
        return false;
      }
      for (JsonNode task : status.path("tasks")) {
        if (!"RUNNING".equals(task.path("state").asText())
            || !allowed.test(task.path("worker_id").asText())) {
          return false;
        }
      }
      return true;
    };
  }

  private static void assertAllRunning(JsonNode status, String when) {
    assertThat(status.path("connector").path("state").asText())
        .as("connector state %s: %s", when, status)
        .isEqualTo("RUNNING");
    status
        .path("tasks")
        .forEach(
            task ->
                assertThat(task.path("state").asText())
                    .as("task state %s: %s", when, task)
                    .isEqualTo("RUNNING"));
  }

  private static List<String> taskWorkerIds(LauncherCluster cluster) {
    List<String> ids = new ArrayList<>();
    cluster
        .rest()
        .status(CONNECTOR)
        .path("tasks")
        .forEach(task -> ids.add(task.path("worker_id").asText()));
    return ids;
  }

  /** The worker name ({@code connect-<n>}) of a worker id ({@code host:port}). */
  private static String workerOf(LauncherCluster cluster, String workerId) {
    for (String w : cluster.workers()) {
      if (serves(cluster, w, workerId)) {
        return w;
      }
    }
    throw new AssertionError("no worker of the cluster serves as " + workerId);
  }

  /** Whether Connect's worker id ({@code host:port}) is {@code worker}'s: same REST port. */
  private static boolean serves(LauncherCluster cluster, String worker, String workerId) {
    String url = cluster.workerUrl(worker);
    return workerId.endsWith(url.substring(url.lastIndexOf(':')));
  }

  private static Instant onGrid(Instant instant) {
    long grid = Duration.ofMinutes(6).toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), grid) * grid);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private void phase(String what) {
    System.out.printf(
        "SourceClusterFaultsIT %4ds: %s%n",
        Duration.ofNanos(System.nanoTime() - started).toSeconds(), what);
  }

  /** A task in state FAILED: ends a wait at once. */
  private static final class TaskFailed extends AssertionError {
    TaskFailed(JsonNode task) {
      super(
          "task "
              + task.path("id").asText()
              + " FAILED on "
              + task.path("worker_id").asText()
              + ": "
              + task.path("trace").asText());
    }
  }
}
