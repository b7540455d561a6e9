package io.tidestream.it.source;

import static io.tidestream.it.source.SourceChecks.assertEveryRowOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.it.source.SourceChecks.Unit;
import io.tidestream.sim.NoaaSimulator;
import io.tidestream.sim.data.Product;
import io.tidestream.sim.faults.AnswerFaults;
import io.tidestream.sim.faults.FaultKind;
import io.tidestream.sim.metrics.RequestLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault the simulator can inject, each against its own simulator and connector, all running
 * at once: no error ever reaches a data topic, the task keeps running, the data has no gap once
 * NOAA answers again, and the request budget holds. A 403 ban opens the breaker, which logs one
 * ERROR line, sends nothing during the cool-down and closes after it. Answers that are fine but odd
 * (a byte-order mark, a "NaN" value, a server that closes every connection after answering) come on
 * every request and cost no error at all.
 */
@ExtendWith(StackExtension.class)
class NoaaSourceFaultsIT {

  static final String STATIONS = "8454000,9447130,8724580";
  static final List<String> PRODUCTS = List.of("water_level", "wind");
  static final double REQUESTS_PER_SECOND = 2;
  static final Duration BAN_COOLDOWN = Duration.ofSeconds(6);
  static final int RETRY_AFTER_SECONDS = 2;

  /** Each fault mode with its injection: the first data requests of the connector fail this way. */
  enum Mode {
    SERVER_ERRORS(FaultKind.HTTP_500, FaultKind.HTTP_502, FaultKind.HTTP_503, FaultKind.HTTP_504),
    THROTTLED_WITH_RETRY_AFTER(FaultKind.HTTP_429, FaultKind.HTTP_429),
    HTML_PAGE_WITH_200(FaultKind.HTML_200, FaultKind.HTML_200, FaultKind.HTML_200),
    TRUNCATED_JSON(FaultKind.TRUNCATED_JSON, FaultKind.TRUNCATED_JSON, FaultKind.TRUNCATED_JSON),
    PARTIAL_BODY(FaultKind.PARTIAL_BODY, FaultKind.PARTIAL_BODY, FaultKind.PARTIAL_BODY),
    SLOW_BEYOND_READ_TIMEOUT(FaultKind.SLOW, FaultKind.SLOW),
    CONNECTION_RESET(
        FaultKind.CONNECTION_RESET, FaultKind.CONNECTION_RESET, FaultKind.CONNECTION_RESET),
    OUTAGE_NO_DATA_FOUND(),
    BAN_403(FaultKind.FORBIDDEN),
    BOM_ON_EVERY_ANSWER(FaultKind.BOM_BODY, true),
    NON_NUMERIC_VALUE_IN_EVERY_ANSWER(FaultKind.NON_NUMERIC_VALUE, true),
    CONNECTION_CLOSED_AFTER_EVERY_ANSWER(FaultKind.CLOSE_AFTER_ANSWER, true);

    final FaultKind[] faults;

    /**
     * A fault on every request (probability 1), with the errors topic set; null for scripted modes.
     */
    final FaultKind everyAnswer;

    Mode(FaultKind... faults) {
      this.faults = faults;
      this.everyAnswer = null;
    }

    Mode(FaultKind everyAnswer, boolean always) {
      this.faults = new FaultKind[] {everyAnswer};
      this.everyAnswer = everyAnswer;
    }

    String errorsTopic(String prefix) {
      return everyAnswer == null ? null : prefix + ".errors";
    }
  }

  /** One mode's simulator and connector. */
  record Scenario(
      Mode mode,
      NoaaSimulator sim,
      String prefix,
      String connector,
      Instant start,
      Instant end,
      List<String> topics,
      Set<String> states,
      Instant created) {}

  static final Map<Mode, Scenario> SCENARIOS = new EnumMap<>(Mode.class);
  static TestStack stack;

  @BeforeAll
  static void startEveryScenarioAtOnce(TestStack testStack) {
    stack = testStack;
    for (Mode mode : Mode.values()) {
      NoaaSimulator sim = NoaaSimulator.builder().port(0).seed(11).start();
      sim.faults().setRetryAfterSeconds(RETRY_AFTER_SECONDS);
      sim.faults().setSlowDelay(Duration.ofSeconds(4));
      if (mode == Mode.OUTAGE_NO_DATA_FOUND) {
        sim.faults().setOutage(true);
      } else if (mode.everyAnswer != null) {
        sim.faults().setProbability(mode.everyAnswer, 1.0);
      } else {
        // the connector's own stations.json call at start comes first: serve it normally
        List<FaultKind> script = new ArrayList<>();
        script.add(FaultKind.NONE);
        script.addAll(List.of(mode.faults));
        sim.faults().script(script.toArray(FaultKind[]::new));
      }
      String prefix = stack.uniqueName("faults-" + mode.name().toLowerCase().replace('_', '-'));
      Instant start = Instant.now().minus(Duration.ofHours(6)).truncatedTo(ChronoUnit.HOURS);
      Map<String, String> config =
          Connectors.source(
              sim.baseUrl(),
              prefix + ".${product}",
              STATIONS,
              String.join(",", PRODUCTS),
              start.toString());
      config.put("noaa.requests.per.second", Double.toString(REQUESTS_PER_SECOND));
      config.put("noaa.retry.backoff.initial.ms", "500");
      config.put("noaa.retry.backoff.max.ms", "2000");
      config.put("noaa.http.read.timeout.ms", "1000");
      config.put("noaa.ban.cooldown.ms", Long.toString(BAN_COOLDOWN.toMillis()));
      config.put("noaa.validate.network", "false");
      // an answer for a window older than the lateness could move the watermark past it: the
      // outage must not, so the backfill's window ends (safety lag) before the lateness
      config.put("noaa.safety.lag.ms", Long.toString(Duration.ofHours(2).toMillis()));
      config.put("noaa.lateness.ms", Long.toString(Duration.ofHours(1).toMillis()));
      if (mode.everyAnswer != null) {
        config.put("noaa.errors.topic", mode.errorsTopic(prefix));
      }
      String connector = prefix + "-source";
      Instant created = Instant.now();
      stack.connect().rest().putConnector(connector, config);
      Instant end = sim.clock().dataNow().minus(Duration.ofHours(2));
      SCENARIOS.put(
          mode,
          new Scenario(
              mode,
              sim,
              prefix,
              connector,
              start,
              end,
              PRODUCTS.stream().map(p -> prefix + "." + p).toList(),
              ConcurrentHashMap.newKeySet(),
              created));
    }
    for (Scenario s : SCENARIOS.values()) {
      stack.connect().awaitRunning(s.connector(), 1, Duration.ofSeconds(90));
    }
  }

  @AfterAll
  static void stopScenarios() {
    for (Scenario s : SCENARIOS.values()) {
      try {
        stack.connect().deleteConnector(s.connector());
      } finally {
        s.sim().close();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = "BAN_403", mode = EnumSource.Mode.EXCLUDE)
  void faultNeverReachesTheTopicNorStopsTheTaskAndDataHasNoGapAfterwards(Mode mode) {
    Scenario s = SCENARIOS.get(mode);
    if (mode == Mode.OUTAGE_NO_DATA_FOUND) {
      // every unit meets the outage, then NOAA recovers
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .alias("outage seen by every unit")
          .until(
              () ->
                  units().stream()
                      .allMatch(
                          u ->
                              SourceChecks.dataRequests(s.sim(), 0).stream()
                                  .anyMatch(
                                      e ->
                                          "OUTAGE".equals(e.fault())
                                              && u.equals(new Unit(e.station(), e.product())))));
      s.sim().faults().setOutage(false);
    }

    Map<Unit, List<Instant>> delivered = awaitBackfill(s);

    for (Unit u : units()) {
      assertEveryRowOnce(s.sim(), u, delivered.get(u), s.start());
    }
    assertThat(s.states())
        .as("task states seen while faults were injected")
        .containsOnly("RUNNING");
    List<RequestLogEntry> requests = SourceChecks.dataRequests(s.sim(), 0);
    Set<String> faults =
        mode == Mode.OUTAGE_NO_DATA_FOUND
            ? Set.of("OUTAGE")
            : Arrays.stream(mode.faults).map(Enum::name).collect(Collectors.toSet());
    if (mode.everyAnswer != null) {
      assertThat(requests)
          .as("data requests")
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.fault()).isEqualTo(mode.everyAnswer.name()));
    } else {
      assertThat(requests)
          .as("data requests that met %s", faults)
          .filteredOn(e -> faults.contains(e.fault()))
          .hasSizeGreaterThanOrEqualTo(
              mode == Mode.OUTAGE_NO_DATA_FOUND ? units().size() : mode.faults.length - 1);
    }
    SourceChecks.assertBudgetKept(requests, REQUESTS_PER_SECOND, 5);
    assertCountersWithinBudget(s);
    if (mode == Mode.THROTTLED_WITH_RETRY_AFTER) {
      for (int i = 0; i + 1 < requests.size(); i++) {
        if (requests.get(i).status() == 429) {
          Duration pause =
              Duration.between(
                  Instant.parse(requests.get(i).wallTime()),
                  Instant.parse(requests.get(i + 1).wallTime()));
          assertThat(pause)
              .as("pause after the 429 of request %s", requests.get(i).seq())
              .isGreaterThanOrEqualTo(Duration.ofSeconds(RETRY_AFTER_SECONDS).minusMillis(100));
        }
      }
    }
  }

  @Test
  void banOpensTheBreakerWhichLogsOnceSendsNothingDuringTheCooldownAndClosesAfterIt() {
    Scenario s = SCENARIOS.get(Mode.BAN_403);

    Map<Unit, List<Instant>> delivered = awaitBackfill(s);

    for (Unit u : units()) {
      assertEveryRowOnce(s.sim(), u, delivered.get(u), s.start());
    }
    assertThat(s.states()).as("task states seen during the ban").containsOnly("RUNNING");
    List<RequestLogEntry> requests = SourceChecks.dataRequests(s.sim(), 0);
    List<RequestLogEntry> banned = requests.stream().filter(e -> e.status() == 403).toList();
    assertThat(banned).as("403 answers").hasSize(1);
    Instant bannedAt = Instant.parse(banned.get(0).wallTime());
    assertThat(requests)
        .as("data requests during the cool-down")
        .filteredOn(e -> e.seq() > banned.get(0).seq())
        .allSatisfy(
            e ->
                assertThat(Instant.parse(e.wallTime()))
                    .isAfterOrEqualTo(bannedAt.plus(BAN_COOLDOWN).minusMillis(200)));
    SourceChecks.assertBudgetKept(requests, REQUESTS_PER_SECOND, 5);
    assertCountersWithinBudget(s);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofSeconds(1))
        .alias("log lines of the ban")
        .until(
            () ->
                !SourceChecks.workerLogLines("[" + s.connector() + "|task-", "answers again")
                    .isEmpty());
    assertThat(SourceChecks.workerLogLines("ERROR [" + s.connector() + "|task-", "403 Forbidden"))
        .as("ERROR lines about the ban")
        .hasSize(1)
        .allSatisfy(
            l ->
                assertThat(l)
                    .contains("connector-wide: noaa.requests.per.second=" + REQUESTS_PER_SECOND)
                    .contains("shared by the connector's 1 task(s) in turn")
                    .contains("adding tasks never adds requests")
                    .contains("To fix: lower noaa.requests.per.second"));
    assertThat(SourceChecks.workerLogLines("[" + s.connector() + "|task-", "answers again"))
        .as("lines saying requests resume")
        .hasSize(1);
  }

  @Test
  void answersWithAByteOrderMarkAreReadAsTheJsonTheyAre() {
    Scenario s = SCENARIOS.get(Mode.BOM_ON_EVERY_ANSWER);

    awaitBackfill(s);

    assertNoErrorAtAll(s);
  }

  @Test
  void aNonNumericValueArrivesAsANullInItsRowAndIsCountedWhileTheTaskRuns() {
    Scenario s = SCENARIOS.get(Mode.NON_NUMERIC_VALUE_IN_EVERY_ANSWER);

    awaitBackfill(s);

    // read again until the connector is between two requests: the log, the topics and the metric
    // then tell the same story (the tail keeps asking every few minutes)
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Set<String> sentAsNaN = rowsSentAsNaN(s);
              Set<String> deliveredAsNull = rowsDeliveredAsNull(s);
              assertThat(sentAsNaN).as("rows sent as NaN").isNotEmpty();
              assertThat(deliveredAsNull)
                  .as("rows delivered with a null value")
                  .isEqualTo(sentAsNaN);
              assertThat(
                      SourceChecks.pluginMetric(
                          stack.connect().exporterTargets(),
                          "unreadable_values_total",
                          s.connector()))
                  .as("unreadable-values-total")
                  .isEqualTo(sentAsNaN.size());
            });
    assertNoErrorAtAll(s);
  }

  @Test
  void connectionsTheServerClosedAfterAnsweringCostNoErrorAndNoExtraRequest() {
    Scenario s = SCENARIOS.get(Mode.CONNECTION_CLOSED_AFTER_EVERY_ANSWER);

    awaitBackfill(s);

    assertNoErrorAtAll(s);
    // every request the connector counted reached the simulator once: a retry on a fresh
    // connection is part of the same request, and the dead connection never reached the server
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              long served = SourceChecks.dataRequests(s.sim(), 0).size();
              assertThat(
                      SourceChecks.pluginMetric(
                          stack.connect().exporterTargets(), "requests_total", s.connector()))
                  .as("requests counted by the connector")
                  .isEqualTo(served);
            });
  }

  /**
   * {@code station/product/t} of every row the simulator sent as "NaN": the one it picks in each
   * answer.
   */
  static Set<String> rowsSentAsNaN(Scenario s) {
    Set<String> out = new java.util.TreeSet<>();
    for (RequestLogEntry e : SourceChecks.dataRequests(s.sim(), 0)) {
      if (e.rows() > 0) {
        List<Map<String, String>> served =
            s.sim()
                .expectedRows(
                    e.station(),
                    Product.fromApiName(e.product()).orElseThrow(),
                    Instant.parse(e.begin()),
                    Instant.parse(e.end()));
        List<Map<String, String>> faulted = AnswerFaults.withNonNumericValue(served);
        for (int i = 0; i < served.size(); i++) {
          if (!served.get(i).equals(faulted.get(i))) {
            out.add(e.station() + "/" + e.product() + "/" + served.get(i).get("t"));
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code station/product/t} of every delivered record whose value (wind: speed) is null although
   * the simulator has one for that time; each such record keeps its flags.
   */
  static Set<String> rowsDeliveredAsNull(Scenario s) {
    Map<Unit, List<JsonNode>> records = SourceChecks.recordsByUnit(stack.kafkaTool(), s.topics());
    Set<String> out = new java.util.TreeSet<>();
    for (Unit u : units()) {
      Map<Instant, Map<String, String>> expected = new java.util.HashMap<>();
      s.sim()
          .expectedRows(
              u.station(),
              Product.fromApiName(u.product()).orElseThrow(),
              s.start(),
              s.sim().clock().dataNow())
          .forEach(r -> expected.put(noaaTime(r.get("t")), r));
      String field = u.product().equals("wind") ? "speed" : "value";
      String noaaField = u.product().equals("wind") ? "s" : "v";
      for (JsonNode r : records.getOrDefault(u, List.of())) {
        Map<String, String> row = expected.get(Instant.ofEpochMilli(r.path("time").asLong()));
        assertThat(row).as("%s: the simulator's row for a delivered record", u).isNotNull();
        if (!row.get(noaaField).isEmpty() && r.path(field).isNull()) {
          assertThat(r.path("flags").asText())
              .as("flags of %s at %s", u, row.get("t"))
              .isEqualTo(row.get("f"));
          out.add(u.station() + "/" + u.product() + "/" + row.get("t"));
        }
      }
    }
    return out;
  }

  /**
   * The task ran without one failed request: nothing on the errors topic, no request counted as
   * transient, and every answer it got was read.
   */
  static void assertNoErrorAtAll(Scenario s) {
    String errors = s.mode().errorsTopic(s.prefix());
    if (stack.kafkaTool().topicsStartingWith(errors).contains(errors)) {
      assertThat(stack.kafkaTool().readAll(errors, Duration.ofMinutes(1)))
          .as("records on %s", errors)
          .extracting(KafkaTool.Message::value)
          .isEmpty();
    }
    List<String> exporters = stack.connect().exporterTargets();
    assertThat(
            SourceChecks.pluginMetric(exporters, "requests_total", s.connector(), "outcome=\"ok\""))
        .as("requests answered ok")
        .isPositive();
    assertThat(
            SourceChecks.pluginMetric(
                exporters, "requests_total", s.connector(), "outcome=\"transient\""))
        .as("requests counted as transient errors")
        .isZero();
    assertThat(s.states()).as("task states").containsOnly("RUNNING");
  }

  private static Instant noaaTime(String t) {
    return java.time.LocalDateTime.parse(
            t, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
        .toInstant(java.time.ZoneOffset.UTC);
  }

  static List<Unit> units() {
    List<Unit> units = new ArrayList<>();
    for (String station : STATIONS.split(",")) {
      PRODUCTS.forEach(p -> units.add(new Unit(station, p)));
    }
    return units;
  }

  /**
   * The simulator's counters: since the connector was created, no more data requests than the
   * budget allows (one metadata request at connector start is not part of it).
   */
  static void assertCountersWithinBudget(Scenario s) {
    long seconds = Duration.between(s.created(), Instant.now()).toSeconds() + 1;
    long data =
        s.sim().counters().byEndpoint().entrySet().stream()
            .filter(e -> e.getKey().contains("datagetter"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    assertThat(data)
        .as("data requests counted by the simulator in %ss", seconds)
        .isPositive()
        .isLessThanOrEqualTo((long) Math.ceil(seconds * REQUESTS_PER_SECOND) + 1);
  }

  /** Waits until every unit has all rows of the backfill, noting the task states seen meanwhile. */
  static Map<Unit, List<Instant>> awaitBackfill(Scenario s) {
    KafkaTool kafka = stack.kafkaTool();
    @SuppressWarnings("unchecked")
    Map<Unit, List<Instant>>[] seen = new Map[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .alias(s.mode() + ": every row up to " + s.end())
        .until(
            () -> {
              JsonNode status = stack.connect().rest().status(s.connector());
              for (JsonNode t : status.path("tasks")) {
                s.states().add(t.path("state").asText());
              }
              if (!kafka.topicsStartingWith(s.prefix() + ".").containsAll(s.topics())) {
                return false;
              }
              seen[0] = SourceChecks.timesByUnit(kafka, s.topics());
              return units().stream()
                  .allMatch(
                      u ->
                          seen[0]
                              .getOrDefault(u, List.of())
                              .containsAll(
                                  SourceChecks.expectedTimes(s.sim(), u, s.start(), s.end())));
            });
    return seen[0];
  }
}
