package io.tidestream.noaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.tidestream.common.testing.ManualClock;
import io.tidestream.noaa.api.NoaaProduct;
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
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task end to end over HTTP: MockWebServer plays NOAA with a recorded response. */
class NoaaSourceTaskTest {

  static final UnitId SEATTLE = new UnitId("9447130", NoaaProduct.WATER_LEVEL, "MLLW", null);

  private MockWebServer server;
  private NoaaSourceTask task;
  private final ManualClock clock = new ManualClock(Instant.parse("2015-02-01T00:00:00Z"));
  private final OffsetStorageReader offsets = mock(OffsetStorageReader.class);

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    task = new NoaaSourceTask(clock, Duration.ofMillis(200));
    SourceTaskContext context = mock(SourceTaskContext.class);
    when(context.offsetStorageReader()).thenReturn(offsets);
    task.initialize(context);
  }

  @AfterEach
  void stop() throws IOException {
    task.stop();
    server.shutdown();
  }

  private Map<String, String> props() {
    Map<String, String> p = new HashMap<>();
    p.put(NoaaSourceConfig.STATIONS, "9447130");
    p.put(NoaaSourceConfig.START, "2015-01-01T00:00:00Z");
    p.put(NoaaSourceConfig.DATA_URL, server.url("/api/prod/datagetter").toString());
    p.put(NoaaSourceConfig.METADATA_URL, server.url("/mdapi/prod/webapi").toString());
    p.put(NoaaTaskConfig.UNITS, SEATTLE.key());
    p.put(NoaaTaskConfig.INDEX, "0");
    p.put(NoaaTaskConfig.COUNT, "1");
    return p;
  }

  private List<SourceRecord> pollUntilRecords() throws InterruptedException {
    List<SourceRecord> out = new ArrayList<>();
    for (int i = 0; i < 50 && out.isEmpty(); i++) {
      List<SourceRecord> r = task.poll();
      if (r != null) {
        out.addAll(r);
      }
    }
    return out;
  }

  @Test
  void backfillsARecordedMonthOverHttpOneRecordPerObservation() throws Exception {
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.WATER_LEVEL)));
    when(offsets.offsets(any())).thenReturn(Map.of());
    task.start(props());

    List<SourceRecord> records = pollUntilRecords();

    assertThat(records).hasSize(7201);
    assertThat(records).allMatch(r -> r.key().equals("9447130"));
    assertThat(records.get(0).timestamp())
        .isEqualTo(Instant.parse("2015-01-01T00:00:00Z").toEpochMilli());
    RecordedRequest req = server.takeRequest();
    assertThat(req.getRequestUrl().queryParameter("begin_date")).isEqualTo("20150101 00:00");
    assertThat(req.getRequestUrl().queryParameter("end_date"))
        .isEqualTo("20150131 23:57"); // now minus the 3-minute safety lag
    assertThat(req.getHeader("User-Agent")).startsWith("tidestream-noaa-rest-source/");
  }

  @Test
  void resumesFromTheStoredOffsetWithoutRepeatingRows() throws Exception {
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.WATER_LEVEL)));
    long wm = Instant.parse("2015-01-30T23:54:00Z").toEpochMilli();
    Map<Map<String, Object>, Map<String, Object>> stored = new HashMap<>();
    stored.put(new HashMap<>(SEATTLE.partition()), Map.of("v", 1, "wm", wm));
    when(offsets.offsets(any())).thenReturn(stored);
    task.start(props());

    List<SourceRecord> records = pollUntilRecords();

    assertThat(server.takeRequest().getRequestUrl().queryParameter("begin_date"))
        .isEqualTo("20150130 23:55");
    // the recorded answer holds the whole month; only rows after the watermark are sent
    assertThat(records)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.timestamp())
                    .isEqualTo(Instant.parse("2015-01-31T00:00:00Z").toEpochMilli()));
  }

  @Test
  void unusableStoredOffsetStopsTheTaskWithTheFix() {
    Map<Map<String, Object>, Map<String, Object>> stored = new HashMap<>();
    stored.put(new HashMap<>(SEATTLE.partition()), Map.of("v", 1, "wm", "yesterday"));
    when(offsets.offsets(any())).thenReturn(stored);
    assertThatThrownBy(() -> task.start(props()))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("/offsets");
  }

  @Test
  void pollReturnsPromptlyWhenNoaaDoesNotAnswer() throws Exception {
    server.enqueue(
        new MockResponse()
            .setHeadersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
            .setBody(Fixtures.text(Fixtures.WATER_LEVEL)));
    when(offsets.offsets(any())).thenReturn(Map.of());
    task.start(props());

    long t0 = System.nanoTime();
    assertThat(task.poll()).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void takesItsTurnsFromTheConnectorWideRateAndTaskNumber() {
    Map<String, String> p = props();
    p.put(NoaaSourceConfig.REQUESTS_PER_SECOND, "2");
    p.put(NoaaTaskConfig.INDEX, "3");
    p.put(NoaaTaskConfig.COUNT, "5");

    var slots = new NoaaTaskConfig(p).slots(clock.instant());

    assertThat(slots.rate()).isEqualTo(2.0);
    assertThat(slots.index()).isEqualTo(3);
    assertThat(slots.tasks()).isEqualTo(5);
    assertThat(slots.taskPeriod()).isEqualTo(Duration.ofMillis(2500));
    // a config written before the shared schedule: alone, at its own share of the rate
    Map<String, String> legacy = props();
    legacy.remove(NoaaTaskConfig.INDEX);
    legacy.remove(NoaaTaskConfig.COUNT);
    legacy.put(NoaaTaskConfig.LEGACY_REQUESTS_PER_SECOND, "0.25");
    var alone = new NoaaTaskConfig(legacy).slots(clock.instant());
    assertThat(alone.tasks()).isEqualTo(1);
    assertThat(alone.taskPeriod()).isEqualTo(Duration.ofSeconds(4));
    Map<String, String> bad = props();
    bad.put(NoaaTaskConfig.INDEX, "5");
    bad.put(NoaaTaskConfig.COUNT, "5");
    assertThatThrownBy(() -> new NoaaTaskConfig(bad).slots(clock.instant()))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("noaa.task.index")
        .hasMessageContaining("task 5 of 5");
  }

  @Test
  void errorAnswerIsNeverPublishedAsData() throws Exception {
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.NO_DATA)));
    server.enqueue(new MockResponse().setBody("<html><body>Service Unavailable</body></html>"));
    when(offsets.offsets(any())).thenReturn(Map.of());
    task.start(props());

    for (int i = 0; i < 5; i++) {
      assertThat(task.poll()).isNull();
    }
  }

  @Test
  void predictionsGetStationPositionFromTheTaskConfig() throws Exception {
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.PREDICTIONS_HILO)));
    when(offsets.offsets(any())).thenReturn(Map.of());
    Map<String, String> p = props();
    p.put(
        NoaaTaskConfig.UNITS, new UnitId("9447130", NoaaProduct.PREDICTIONS, "MLLW", "hilo").key());
    p.put(
        NoaaTaskConfig.STATIONS,
        "[{\"id\":\"9447130\",\"name\":\"Seattle\",\"lat\":47.60264,\"lon\":-122.3393}]");
    p.put(NoaaSourceConfig.PREDICTIONS_HORIZON, "0");
    task.start(p);

    List<SourceRecord> records = pollUntilRecords();

    assertThat(records)
        .hasSize(8)
        .allSatisfy(
            r -> {
              org.apache.kafka.connect.data.Struct v =
                  (org.apache.kafka.connect.data.Struct) r.value();
              assertThat(v.getString("station_name")).isEqualTo("Seattle");
              assertThat(v.getFloat64("lat")).isEqualTo(47.60264);
              assertThat(v.getString("interval")).isEqualTo("hilo");
            });
    assertThat(server.takeRequest().getRequestUrl().queryParameter("interval")).isEqualTo("hilo");
  }
}
