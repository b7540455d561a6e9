package io.tidestream.noaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.tidestream.common.testing.ManualClock;
import io.tidestream.noaa.config.ConfigChecks;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.config.NoaaTaskConfig;
import io.tidestream.noaa.plan.UnitId;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NoaaSourceConnectorTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final List<String> TALK_STATIONS =
      List.of("8724580", "8454000", "9497645", "9443090", "9447130");

  private MockWebServer mdapi;
  private NoaaSourceConnector connector;
  private final ManualClock clock = new ManualClock(NOW);
  private final Map<String, MockResponse> stationAnswers = new HashMap<>();
  private volatile String stationList = Fixtures.text(Fixtures.STATIONS_LIST);

  /** Station lists by type, where they differ from the whole list. */
  private final Map<String, String> typeLists = new ConcurrentHashMap<>();

  /** What the metadata API was asked ({@code stations.json?type=met}), and when by the clock. */
  private final List<String> asked = new CopyOnWriteArrayList<>();

  private final List<Instant> askedAt = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    mdapi = new MockWebServer();
    mdapi.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getRequestUrl().encodedPath();
            String type = request.getRequestUrl().queryParameter("type");
            asked.add(
                path.substring(path.lastIndexOf('/') + 1) + (type == null ? "" : "?type=" + type));
            askedAt.add(clock.instant());
            if (path.endsWith("/stations.json")) {
              return new MockResponse()
                  .setBody(type == null ? stationList : typeLists.getOrDefault(type, stationList));
            }
            String id = path.replaceAll(".*/stations/([^/.]+)\\.json$", "$1");
            return stationAnswers.getOrDefault(
                id, new MockResponse().setBody(Fixtures.text(Fixtures.STATION_9447130)));
          }
        });
    mdapi.start(InetAddress.getLoopbackAddress(), 0);
    // the connector's waits for request slots move the clock instead of sleeping
    connector = new NoaaSourceConnector(clock, clock::advance);
  }

  @AfterEach
  void stop() throws IOException {
    connector.stop();
    mdapi.shutdown();
  }

  private Map<String, String> props(String stations, String products) {
    Map<String, String> p = new HashMap<>();
    p.put(NoaaSourceConfig.STATIONS, stations);
    p.put(NoaaSourceConfig.PRODUCTS, products);
    p.put(NoaaSourceConfig.METADATA_URL, mdapi.url("/mdapi/prod/webapi").toString());
    p.put(NoaaSourceConfig.DATA_URL, mdapi.url("/api/prod/datagetter").toString());
    return p;
  }

  private static Map<String, List<String>> errors(Config config) {
    return config.configValues().stream()
        .filter(v -> !v.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  @Test
  void spreadsEveryUnitOverTasksExactlyOnceAndNumbersTheTasksForTheirTurns() {
    Map<String, String> p = props(String.join(",", TALK_STATIONS), "water_level,predictions,wind");
    p.put(NoaaSourceConfig.REQUESTS_PER_SECOND, "2");
    connector.start(p);

    List<Map<String, String>> tasks = connector.taskConfigs(3);

    assertThat(tasks).hasSize(3);
    List<String> all = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      Map<String, String> t = tasks.get(i);
      all.addAll(List.of(t.get(NoaaTaskConfig.UNITS).split(",")));
      assertThat(t.get(NoaaTaskConfig.INDEX)).isEqualTo(Integer.toString(i));
      assertThat(t.get(NoaaTaskConfig.COUNT)).isEqualTo("3");
      // the connector-wide rate, not a share of it: the tasks take turns at it
      assertThat(t.get(NoaaSourceConfig.REQUESTS_PER_SECOND)).isEqualTo("2");
    }
    assertThat(all).hasSize(15).doesNotHaveDuplicates();
    assertThat(all)
        .contains("8724580/water_level/MLLW/-", "9447130/predictions/MLLW/6", "9443090/wind/-/6");
    // deterministic: the same assignment every time
    assertThat(connector.taskConfigs(3)).isEqualTo(tasks);
  }

  @Test
  void neverStartsMoreTasksThanUnitsAndPassesStationPositions() {
    connector.start(props("9447130", "water_level"));

    List<Map<String, String>> tasks = connector.taskConfigs(4);

    assertThat(tasks)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.get(NoaaTaskConfig.INDEX)).isEqualTo("0");
              assertThat(t.get(NoaaTaskConfig.COUNT)).isEqualTo("1");
              assertThat(t.get(NoaaTaskConfig.STATIONS))
                  .contains("\"Seattle\"")
                  .contains("-122.3393");
            });
  }

  @Test
  void discoversStationsByTypeAndState() {
    Map<String, String> p = props("", "water_level");
    p.put(NoaaSourceConfig.DISCOVER_TYPE, "waterlevels");
    p.put(NoaaSourceConfig.DISCOVER_STATE, "WA");
    connector.start(p);

    String units = connector.taskConfigs(1).get(0).get(NoaaTaskConfig.UNITS);
    assertThat(units).contains("9447130/water_level/MLLW/-").contains("9443090/water_level");
    assertThat(units).doesNotContain("8454000");
  }

  @Test
  void asksForTaskReconfigurationWhenTheDiscoveredStationsChange() {
    Map<String, String> p = props("", "water_level");
    p.put(NoaaSourceConfig.DISCOVER_TYPE, "waterlevels");
    p.put(NoaaSourceConfig.DISCOVER_STATE, "WA");
    ConnectorContext context = mock(ConnectorContext.class);
    connector.initialize(context);
    connector.start(p);

    connector.rediscoverNow();
    verify(context, never()).requestTaskReconfiguration();

    stationList = stationList.replace("\"state\": \"OR\"", "\"state\": \"WA\"");
    connector.rediscoverNow();
    verify(context, times(1)).requestTaskReconfiguration();
    assertThat(connector.taskConfigs(1).get(0).get(NoaaTaskConfig.UNITS))
        .contains("9437540/water_level");
  }

  @Test
  void failedDiscoveryAtStartStartsNoTasksAndRecoversLater() {
    String list = stationList;
    stationList = "<html>502 Bad Gateway</html>";
    Map<String, String> p = props("", "water_level");
    p.put(NoaaSourceConfig.DISCOVER_TYPE, "waterlevels");
    ConnectorContext context = mock(ConnectorContext.class);
    connector.initialize(context);
    connector.start(p);
    assertThat(connector.taskConfigs(2)).isEmpty();

    stationList = list;
    connector.rediscoverNow();
    verify(context).requestTaskReconfiguration();
    assertThat(connector.taskConfigs(2)).hasSize(2);
  }

  @Test
  void validateAcceptsTheTalkStations() {
    Config c =
        connector.validate(props(String.join(",", TALK_STATIONS), "water_level,predictions,wind"));
    assertThat(errors(c)).isEmpty();
  }

  @Test
  void validateRejectsAnUnknownStationOnTheStationsKey() {
    stationAnswers.put("1234567", new MockResponse().setResponseCode(404));
    Config c = connector.validate(props("9447130,1234567", "water_level"));
    assertThat(errors(c)).containsOnlyKeys(NoaaSourceConfig.STATIONS);
    assertThat(errors(c).get(NoaaSourceConfig.STATIONS).get(0))
        .contains("1234567 is not a NOAA CO-OPS station");
  }

  /** The recorded station list without the given stations. */
  private String listWithout(String... ids) {
    String list = Fixtures.text(Fixtures.STATIONS_LIST);
    for (String id : ids) {
      list = list.replace("\"id\": \"" + id + "\"", "\"id\": \"x" + id + "\"");
    }
    assertThat(list).isNotEqualTo(Fixtures.text(Fixtures.STATIONS_LIST));
    return list;
  }

  @Test
  void validateRejectsAProductTheStationDoesNotOffer() {
    typeLists.put("tidepredictions", listWithout("9447130"));
    Config c = connector.validate(props("9447130,8454000", "water_level,predictions"));
    assertThat(errors(c)).containsOnlyKeys(NoaaSourceConfig.PRODUCTS);
    assertThat(errors(c).get(NoaaSourceConfig.PRODUCTS))
        .singleElement()
        .asString()
        .contains("Station 9447130 does not offer predictions")
        .contains("'tidepredictions'")
        .contains("Remove predictions from noaa.products or station 9447130 from noaa.stations")
        .doesNotContain("8454000");
  }

  @Test
  void stationsLackingAProductAreNamedInOneMessage() throws Exception {
    List<String> lacking = TaskPacingTest.stations(12);
    typeLists.put("met", listWithout(lacking.toArray(String[]::new)));
    Config c = connector.validate(props(String.join(",", lacking), "water_level,wind"));
    assertThat(errors(c)).containsOnlyKeys(NoaaSourceConfig.PRODUCTS);
    assertThat(errors(c).get(NoaaSourceConfig.PRODUCTS))
        .singleElement()
        .asString()
        .startsWith(
            "Stations "
                + String.join(", ", lacking.subList(0, 10))
                + " and 2 more do not "
                + "offer wind")
        .contains("Remove wind from noaa.products");
  }

  @Test
  void anEmptyListForAProductTypeSkipsThatCheck() {
    typeLists.put("airgap", "{\"count\":0,\"stations\":[]}");
    Config c = connector.validate(props("9447130", "water_level,air_gap"));
    assertThat(errors(c)).isEmpty();
  }

  @Test
  void aStationOnlyATypeListKnowsExists() {
    // NOAA's plain stations.json lists water-level stations only; prediction stations are more
    stationList = listWithout("9447130");
    typeLists.put("tidepredictions", Fixtures.text(Fixtures.STATIONS_LIST));
    Config c = connector.validate(props("9447130", "predictions"));
    assertThat(errors(c)).isEmpty();
    assertThat(asked)
        .containsExactly("stations.json", "stations.json?type=tidepredictions", "9447130.json");
  }

  @Test
  void validateRejectsADatumTheStationLacks() {
    Map<String, String> p = props("9447130", "water_level");
    p.put(NoaaSourceConfig.DATUM, "IGLD");
    Config c = connector.validate(p);
    assertThat(errors(c)).containsOnlyKeys(NoaaSourceConfig.DATUM);
    assertThat(errors(c).get(NoaaSourceConfig.DATUM).get(0))
        .contains("has no datum IGLD")
        .contains("MLLW");
  }

  @Test
  void validatingThreeHundredStationsCostsAFewMetadataRequestsNotOnePerStation() throws Exception {
    clock.set(NOW.plusMillis(300));
    Map<String, String> p =
        props(String.join(",", TaskPacingTest.stations(300)), "water_level,predictions,wind");
    p.put(NoaaSourceConfig.REQUESTS_PER_SECOND, "2");

    Config c = connector.validate(p);

    assertThat(errors(c)).isEmpty();
    // one station list, one list per product type; no datum requests for so many stations
    assertThat(asked)
        .as("metadata requests of one validation")
        .containsExactly(
            "stations.json",
            "stations.json?type=waterlevels",
            "stations.json?type=tidepredictions",
            "stations.json?type=met");
    // paced like the tasks' requests: one per slot of the connector-wide schedule, 0.5 s apart
    assertThat(askedAt)
        .containsExactly(
            NOW.plusMillis(500), NOW.plusMillis(1000), NOW.plusMillis(1500), NOW.plusMillis(2000));

    clock.advance(Duration.ofMinutes(10));
    p.put(NoaaSourceConfig.PRODUCTS, "predictions,wind");
    assertThat(errors(connector.validate(p))).isEmpty();
    assertThat(asked).as("metadata requests after a second validation").hasSize(4);
  }

  @Test
  void aStationMissingFromAnOlderCachedListIsLookedUpInAFreshOne() {
    stationList = listWithout("9447130");
    typeLists.put("waterlevels", listWithout("9447130"));
    assertThat(errors(connector.validate(props("8454000", "water_level")))).isEmpty();
    assertThat(asked).hasSize(3); // two lists and the datums of the station
    stationList = Fixtures.text(Fixtures.STATIONS_LIST); // NOAA lists a new station
    typeLists.clear();

    clock.advance(Duration.ofSeconds(30));
    assertThat(errors(connector.validate(props("9447130", "water_level"))))
        .as("within a minute the cached lists are trusted")
        .containsOnlyKeys(NoaaSourceConfig.STATIONS);
    assertThat(asked).hasSize(3);
    clock.advance(ConfigChecks.RECHECK_AFTER);
    assertThat(errors(connector.validate(props("9447130", "water_level")))).isEmpty();
    assertThat(asked).hasSize(3 + 2 + 1); // both lists again, then the datums of the station
  }

  @Test
  void datumsAreCheckedForSmallConfigurationsOnly() {
    Map<String, String> p = props(String.join(",", TALK_STATIONS), "water_level");
    p.put(NoaaSourceConfig.DATUM, "IGLD");
    assertThat(errors(connector.validate(p))).containsOnlyKeys(NoaaSourceConfig.DATUM);
    assertThat(asked).filteredOn(a -> !a.startsWith("stations.json")).hasSize(5);

    asked.clear();
    p.put(NoaaSourceConfig.STATIONS, String.join(",", TALK_STATIONS) + ",9437540");
    assertThat(errors(connector.validate(p))).as("six stations: left to the tasks").isEmpty();
    assertThat(asked).isEmpty(); // the lists are cached, and datums are not asked for
  }

  @Test
  void aSlowRateChecksWhatFitsInValidationsTimeLimitAndAcceptsTheRest() {
    Map<String, String> p = props("9447130,1234567", "water_level,wind");
    p.put(NoaaSourceConfig.REQUESTS_PER_SECOND, "0.05"); // a slot every 20 s

    Config c = connector.validate(p);

    assertThat(asked).containsExactly("stations.json", "stations.json?type=waterlevels");
    assertThat(askedAt).containsExactly(NOW, NOW.plusSeconds(20));
    assertThat(errors(c)).as("unchecked, not rejected").isEmpty();
  }

  @Test
  void validateTreatsNetworkFailureAsAWarningNotARejection() throws IOException {
    Map<String, String> p = props("9447130", "water_level");
    mdapi.shutdown();
    Config c = connector.validate(p);
    assertThat(errors(c)).isEmpty();
  }

  @Test
  void validateReportsFieldErrorsWithoutAskingTheNetwork() {
    Map<String, String> p = props("9447130", "water_level");
    p.put(NoaaSourceConfig.START, "yesterday");
    Config c = connector.validate(p);
    assertThat(errors(c)).containsOnlyKeys(NoaaSourceConfig.START);
    assertThat(mdapi.getRequestCount()).isZero();
  }

  @Test
  void validateCrossFieldChecksLandOnTheOffendingKey() {
    Map<String, String> p = props("", "water_level");
    assertThat(errors(connector.validate(p))).containsOnlyKeys(NoaaSourceConfig.STATIONS);

    p = props("9447130", "wind");
    p.put(NoaaSourceConfig.ERRORS_TOPIC, "noaa.wind");
    assertThat(errors(connector.validate(p))).containsOnlyKeys(NoaaSourceConfig.ERRORS_TOPIC);

    p = props("9447130", "water_level");
    p.put(NoaaSourceConfig.START, "2030-01-01");
    assertThat(errors(connector.validate(p))).containsOnlyKeys(NoaaSourceConfig.START);

    p = props("9447130", "water_level");
    p.put(NoaaSourceConfig.BACKOFF_INITIAL, "600000");
    assertThat(errors(connector.validate(p))).containsOnlyKeys(NoaaSourceConfig.BACKOFF_INITIAL);

    p = props("9447130", "wind");
    p.put(NoaaSourceConfig.REVISIONS_WINDOW, "3888000000");
    assertThat(errors(connector.validate(p))).containsOnlyKeys(NoaaSourceConfig.REVISIONS_WINDOW);
    assertThat(mdapi.getRequestCount()).isZero();
  }

  @Test
  void aKeyRenamedToMillisecondsIsAnErrorOnTheOldKeyThatNamesTheNewOneAndTheNumber() {
    Map<String, String> p = props("9447130", "water_level");
    p.put("noaa.safety.lag", "PT3M");
    p.put("noaa.http.read.timeout", "soon");

    Map<String, List<String>> errors = errors(connector.validate(p));

    assertThat(errors).containsOnlyKeys("noaa.safety.lag", "noaa.http.read.timeout");
    assertThat(errors.get("noaa.safety.lag"))
        .containsExactly(
            "noaa.safety.lag was renamed to noaa.safety.lag.ms and now takes milliseconds: replace"
                + " noaa.safety.lag=PT3M with noaa.safety.lag.ms=180000");
    assertThat(errors.get("noaa.http.read.timeout"))
        .singleElement()
        .asString()
        .contains("noaa.http.read.timeout.ms=<milliseconds>");
    assertThat(mdapi.getRequestCount()).as("no network check while a key is wrong").isZero();
  }

  @Test
  void aStoredConfigurationWithARenamedKeyDoesNotStartWithoutIt() {
    Map<String, String> p = props("9447130", "water_level");
    p.put("noaa.lateness", "PT1H");
    assertThatThrownBy(() -> connector.start(p))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("noaa.lateness was renamed to noaa.lateness.ms")
        .hasMessageContaining("noaa.lateness.ms=3600000");
  }

  @Test
  void anIsoDurationOnAMillisKeySaysWhichNumberToWrite() {
    Map<String, String> p = props("9447130", "water_level");
    p.put(NoaaSourceConfig.SAFETY_LAG, "PT3M");
    Map<String, List<String>> errors = errors(connector.validate(p));
    assertThat(errors).containsOnlyKeys(NoaaSourceConfig.SAFETY_LAG);
    assertThat(errors.get(NoaaSourceConfig.SAFETY_LAG))
        .singleElement()
        .asString()
        .contains("durations are milliseconds")
        .contains("noaa.safety.lag.ms=180000");
  }

  @Test
  void declaresExactlyOnceSupportWithPollBoundaries() {
    assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    assertThat(connector.canDefineTransactionBoundaries(Map.of()))
        .isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
  }

  @Test
  void alterOffsetsAcceptsWellFormedRewindsAndResets() {
    Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
    offsets.put(
        new UnitId("9447130", io.tidestream.noaa.api.NoaaProduct.WATER_LEVEL, "MLLW", null)
            .partition(),
        Map.of("v", 1, "wm", Instant.parse("2025-12-01T00:00:00Z").toEpochMilli()));
    offsets.put(Map.of("station", "8454000", "product", "wind", "interval", "6"), null);
    assertThat(connector.alterOffsets(props("8454000,9447130", "water_level,wind"), offsets))
        .isTrue();
    // with discovery the unit set is not known up front: only the shape is checked
    Map<String, String> discovering = props("", "water_level");
    discovering.put(NoaaSourceConfig.DISCOVER_TYPE, "waterlevels");
    assertThat(connector.alterOffsets(discovering, offsets)).isTrue();
  }

  @Test
  void alterOffsetsRejectsAPartitionThatIsNotOneOfTheUnits() {
    Map<String, ?> wrongDatum =
        Map.of("station", "9447130", "product", "water_level", "datum", "MSL");
    assertThatThrownBy(
            () ->
                connector.alterOffsets(
                    props("9447130", "water_level"), Map.of(wrongDatum, Map.of("v", 1, "wm", 0L))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("not one of this connector's units")
        .hasMessageContaining("datum=MLLW");
  }

  @Test
  void alterOffsetsRejectsBadOffsetsWithTheReason() {
    Map<String, ?> partition =
        Map.of("station", "9447130", "product", "water_level", "datum", "MLLW");
    Map<String, String> config = props("9447130", "water_level");
    assertThatThrownBy(
            () ->
                connector.alterOffsets(
                    config, Map.of(partition, Map.of("v", 1, "wm", "2025-12-01"))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("'wm' must be an integer");
    assertThatThrownBy(
            () -> connector.alterOffsets(config, Map.of(partition, Map.of("v", 2, "wm", 0L))))
        .hasMessageContaining("version");
    assertThatThrownBy(
            () -> connector.alterOffsets(config, Map.of(partition, Map.of("v", 1, "wm", 1_000L))))
        .hasMessageContaining("whole minute");
    assertThatThrownBy(
            () ->
                connector.alterOffsets(
                    config,
                    Map.of(
                        Map.of("station", "9447130", "product", "tides"),
                        Map.of("v", 1, "wm", 0L))))
        .hasMessageContaining("'product'");
  }
}
