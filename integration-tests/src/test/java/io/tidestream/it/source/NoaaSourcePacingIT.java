package io.tidestream.it.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.ConnectCluster;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.sim.NoaaSimulator;
import io.tidestream.sim.metrics.RequestLogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connector's request rate as NOAA sees it, on a real Connect cluster with the simulator as
 * NOAA: 300 stations, 7 tasks, 1 request/s. Read from the simulator's request log (arrival times in
 * microseconds), every 1-s window holds at most 2 requests and every 10-s window at most 11, across
 * all tasks, before and after a rebalance to 4 tasks. Validating a 300-station configuration costs
 * a few paced metadata requests, and nothing the second time.
 */
@ExtendWith(StackExtension.class)
class NoaaSourcePacingIT {

  static final double REQUESTS_PER_SECOND = 1.0;
  static final int EXTRA_STATIONS = 295;

  /** Requests to watch per task generation: about a minute at 1 request/s. */
  static final int REQUESTS_PER_PHASE = 40;

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

  /** The simulator's five stations and its generated ones, 300 in all. */
  static String allStations() {
    List<String> ids = new ArrayList<>(List.of(Connectors.TALK_STATIONS.split(",")));
    for (int i = 1; i <= EXTRA_STATIONS; i++) {
      ids.add(String.format("99%05d", i));
    }
    return String.join(",", ids);
  }

  private Map<String, String> config(String name, String products) {
    Map<String, String> config =
        Connectors.source(sim.baseUrl(), name + ".${product}", allStations(), products, "PT6H");
    config.put("noaa.requests.per.second", Double.toString(REQUESTS_PER_SECOND));
    return config;
  }

  @Test
  void sevenTasksShareOneEvenRateAcrossAllTasksAndKeepItAfterARebalance(TestStack stack) {
    this.stack = stack;
    sim = NoaaSimulator.builder().port(0).seed(3).extraStations(EXTRA_STATIONS).start();
    assertThat(sim.stations().size()).isEqualTo(300);
    ConnectCluster connect = stack.connect();
    connector = stack.uniqueName("pacing") + "-source";
    Map<String, String> config = config(connector, "water_level");

    // 1. seven tasks, about a minute of backfill
    config.put("tasks.max", "7");
    connect.startConnector(connector, config, 7);
    long firstGeneration = lastSeq();
    List<RequestLogEntry> phase1 = awaitDataRequestsAfter(firstGeneration);

    // 2. a rebalance to four tasks, about a minute more
    config.put("tasks.max", "4");
    long rebalance = lastSeq();
    connect.startConnector(connector, config, 4);
    long secondGeneration = lastSeq();
    List<RequestLogEntry> phase2 = awaitDataRequestsAfter(secondGeneration);
    connect.deleteConnector(connector);
    connector = null;

    // every generation, and the whole run with the restart between them, at the connector-wide rate
    List<RequestLogEntry> data = SourceChecks.dataRequests(sim, 0);
    assertWindows("data requests of 7 tasks", phase1);
    assertWindows("data requests of 4 tasks", phase2);
    assertWindows("data requests of the whole run", data);
    // NOAA counts every request: with metadata ones (validation, connector start), until the
    // rebalance
    List<RequestLogEntry> all =
        sim.requestLog().stream().filter(e -> e.seq() <= rebalance).toList();
    assertWindows("all requests until the rebalance", all);
  }

  @Test
  void validatingThreeHundredStationsCostsFourPacedMetadataRequestsAndNothingTheSecondTime(
      TestStack stack) {
    this.stack = stack;
    sim = NoaaSimulator.builder().port(0).seed(4).extraStations(EXTRA_STATIONS).start();
    String name = stack.uniqueName("validate-cost");
    Map<String, String> config = config(name, "water_level,predictions,wind");
    config.put("name", name);

    JsonNode first = stack.connect().rest().validate(Connectors.SOURCE_CLASS, config);
    List<RequestLogEntry> metadata = metadataRequests();

    assertThat(first.path("error_count").asInt())
        .as("errors of a good 300-station configuration")
        .isZero();
    // one station list and one list per product type (waterlevels, tidepredictions, met)
    assertThat(metadata)
        .as("metadata requests of one validation")
        .extracting(e -> e.path() + (e.query() == null ? "" : "?" + e.query()))
        .hasSize(4)
        .allSatisfy(p -> assertThat(p).contains("/mdapi/prod/webapi/stations.json"));
    assertWindows("metadata requests of a validation", metadata);

    JsonNode second = stack.connect().rest().validate(Connectors.SOURCE_CLASS, config);

    assertThat(second.path("error_count").asInt()).isZero();
    assertThat(metadataRequests()).as("metadata requests after a second validation").hasSize(4);
  }

  private List<RequestLogEntry> metadataRequests() {
    return sim.requestLog().stream().filter(e -> e.path().startsWith("/mdapi/")).toList();
  }

  private long lastSeq() {
    return sim.requestLog().stream().mapToLong(RequestLogEntry::seq).max().orElse(0);
  }

  /** Waits for {@link #REQUESTS_PER_PHASE} data requests after {@code seq}, and returns them. */
  private List<RequestLogEntry> awaitDataRequestsAfter(long seq) {
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .alias(REQUESTS_PER_PHASE + " data requests after request " + seq)
        .until(() -> SourceChecks.dataRequests(sim, seq).size() >= REQUESTS_PER_PHASE);
    return SourceChecks.dataRequests(sim, seq);
  }

  /** Every 1-s window at most ceil(rate) + 1 requests, every 10-s window at most 10 x rate + 1. */
  private static void assertWindows(String what, List<RequestLogEntry> requests) {
    assertThat(requests).as(what).isNotEmpty();
    assertThat(requests)
        .as("%s: arrival times with at least milliseconds", what)
        .anySatisfy(e -> assertThat(e.wallTime()).matches(".*:\\d\\d\\.\\d{3,9}Z"));
    SourceChecks.assertBudgetKept(requests, REQUESTS_PER_SECOND, 1);
    SourceChecks.assertBudgetKept(requests, REQUESTS_PER_SECOND, 10);
  }
}
