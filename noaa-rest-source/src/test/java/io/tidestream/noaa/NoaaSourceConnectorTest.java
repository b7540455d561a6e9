package io.tidestream.noaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.plan.UnitId;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final Map<String, MockResponse> stationAnswers = new HashMap<>();
  private volatile String stationList = Fixtures.text(Fixtures.STATIONS_LIST);

  @BeforeEach
  void start() throws IOException {
    mdapi = new MockWebServer();
    mdapi.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getRequestUrl().encodedPath();
        if (path.endsWith("/stations.json")) {
          return new MockResponse().setBody(stationList);
        }
        String id = path.replaceAll(".*/stations/([^/.]+)\\.json$", "$1");
        return stationAnswers.getOrDefault(id,
            new MockResponse().setBody(Fixtures.text(Fixtures.STATION_9447130)));
      }
    });
    mdapi.start(InetAddress.getLoopbackAddress(), 0);
    connector = new NoaaSourceConnector(Clock.fixed(NOW, ZoneOffset.UTC));
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
      all.addAll(List.of(t.get(NoaaSourceConnector.TASK_UNITS).split(",")));
      assertThat(t.get(NoaaSourceConnector.TASK_INDEX)).isEqualTo(Integer.toString(i));
      assertThat(t.get(NoaaSourceConnector.TASK_COUNT)).isEqualTo("3");
      // the connector-wide rate, not a share of it: the tasks take turns at it
      assertThat(t.get(NoaaSourceConfig.REQUESTS_PER_SECOND)).isEqualTo("2");
      assertThat(t).doesNotContainKey(NoaaSourceConnector.LEGACY_TASK_REQUESTS_PER_SECOND);
    }
    assertThat(all).hasSize(15).doesNotHaveDuplicates();
    assertThat(all).contains("8724580/water_level/MLLW/-", "9447130/predictions/MLLW/6",
        "9443090/wind/-/6");
    // deterministic: the same assignment every time
    assertThat(connector.taskConfigs(3)).isEqualTo(tasks);
  }

  @Test
  void neverStartsMoreTasksThanUnitsAndPassesStationPositions() {
    connector.start(props("9447130", "water_level"));

    List<Map<String, String>> tasks = connector.taskConfigs(4);

    assertThat(tasks).singleElement().satisfies(t -> {
      assertThat(t.get(NoaaSourceConnector.TASK_INDEX)).isEqualTo("0");
      assertThat(t.get(NoaaSourceConnector.TASK_COUNT)).isEqualTo("1");
      assertThat(t.get(NoaaSourceConnector.TASK_STATIONS)).contains("\"Seattle\"")
          .contains("-122.3393");
    });
  }

  @Test
  void discoversStationsByTypeAndState() {
    Map<String, String> p = props("", "water_level");
    p.put(NoaaSourceConfig.DISCOVER_TYPE, "waterlevels");
    p.put(NoaaSourceConfig.DISCOVER_STATE, "WA");
    connector.start(p);

    String units = connector.taskConfigs(1).get(0).get(NoaaSourceConnector.TASK_UNITS);
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
    assertThat(connector.taskConfigs(1).get(0).get(NoaaSourceConnector.TASK_UNITS))
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
    Config c = connector.validate(props(String.join(",", TALK_STATIONS), "water_level,predictions,wind"));
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

  @Test
  void validateRejectsAProductTheStationDoesNotOffer() {
    stationAnswers.put("9447130", new MockResponse().setBody(
        Fixtures.text(Fixtures.STATION_9447130).replace("\"Tide Predictions\"", "\"Tidal stuff\"")));
    Config c = connector.validate(props("9447130", "water_level,predictions"));
    assertThat(errors(c)).containsOnlyKeys(NoaaSourceConfig.PRODUCTS);
    assertThat(errors(c).get(NoaaSourceConfig.PRODUCTS).get(0))
        .contains("Station 9447130 does not offer predictions");
  }

  @Test
  void validateRejectsADatumTheStationLacks() {
    Map<String, String> p = props("9447130", "water_level");
    p.put(NoaaSourceConfig.DATUM, "IGLD");
    Config c = connector.validate(p);
    assertThat(errors(c)).containsOnlyKeys(NoaaSourceConfig.DATUM);
    assertThat(errors(c).get(NoaaSourceConfig.DATUM).get(0))
        .contains("has no datum IGLD").contains("MLLW");
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
    p.put(NoaaSourceConfig.BACKOFF_INITIAL, "PT10M");
    assertThat(errors(connector.validate(p))).containsOnlyKeys(NoaaSourceConfig.BACKOFF_INITIAL);

    p = props("9447130", "wind");
    p.put(NoaaSourceConfig.REVISIONS_WINDOW, "P45D");
    assertThat(errors(connector.validate(p))).containsOnlyKeys(NoaaSourceConfig.REVISIONS_WINDOW);
    assertThat(mdapi.getRequestCount()).isZero();
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
    offsets.put(new UnitId("9447130", io.tidestream.noaa.api.NoaaProduct.WATER_LEVEL, "MLLW", null)
        .partition(), Map.of("v", 1, "wm", Instant.parse("2025-12-01T00:00:00Z").toEpochMilli()));
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
    Map<String, ?> wrongDatum = Map.of("station", "9447130", "product", "water_level", "datum", "MSL");
    assertThatThrownBy(() -> connector.alterOffsets(props("9447130", "water_level"),
        Map.of(wrongDatum, Map.of("v", 1, "wm", 0L))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("not one of this connector's units")
        .hasMessageContaining("datum=MLLW");
  }

  @Test
  void alterOffsetsRejectsBadOffsetsWithTheReason() {
    Map<String, ?> partition = Map.of("station", "9447130", "product", "water_level", "datum", "MLLW");
    Map<String, String> config = props("9447130", "water_level");
    assertThatThrownBy(() -> connector.alterOffsets(config,
        Map.of(partition, Map.of("v", 1, "wm", "2025-12-01"))))
        .isInstanceOf(ConnectException.class).hasMessageContaining("'wm' must be an integer");
    assertThatThrownBy(() -> connector.alterOffsets(config,
        Map.of(partition, Map.of("v", 2, "wm", 0L))))
        .hasMessageContaining("version");
    assertThatThrownBy(() -> connector.alterOffsets(config,
        Map.of(partition, Map.of("v", 1, "wm", 1_000L))))
        .hasMessageContaining("whole minute");
    assertThatThrownBy(() -> connector.alterOffsets(config,
        Map.of(Map.of("station", "9447130", "product", "tides"), Map.of("v", 1, "wm", 0L))))
        .hasMessageContaining("'product'");
  }
}
