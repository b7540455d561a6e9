package io.tidestream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.data.Product;
import io.tidestream.sim.metrics.RequestLogEntry;
import io.tidestream.sim.support.Http;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AdminAndMetricsTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private NoaaSimulator sim;
  private Http http;

  @BeforeEach
  void start() {
    sim =
        NoaaSimulator.builder()
            .port(0)
            .seed(42)
            .extraStations(3)
            .clock(SimulatorClock.pinned(NOW))
            .start();
    http = new Http(sim.baseUrl());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void healthAnswersOk() {
    var response = http.get("/admin/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(sim.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+").endsWith(":" + sim.port());
  }

  @Test
  void servedRowsEqualTheExpectedRowsHelper() {
    Instant from = Instant.parse("2025-05-31T00:00:00Z");
    Instant to = Instant.parse("2025-06-01T11:59:00Z");
    JsonNode served =
        http.dataJson(
            "station=8724580&product=water_level&datum=MLLW&begin_date=20250531"
                + "&end_date=20250601 11:59&format=json");
    List<Map<String, String>> expected = sim.expectedRows("8724580", Product.WATER_LEVEL, from, to);

    assertThat(served.get("data")).hasSize(expected.size()).hasSize(360);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(Http.MAPPER.convertValue(served.get("data").get(i), Map.class))
          .isEqualTo(expected.get(i));
    }
  }

  @Test
  void countersAndRequestLogRecordStationProductStatusAndResolvedWindow() {
    http.data(
        "station=9447130&product=water_level&datum=MLLW&begin_date=20250601&end_date=20250601"
            + " 06:00");
    http.data("station=9447130&product=wind&date=latest");
    http.data("station=0000000&product=wind&date=latest");

    var counters = sim.counters();
    List<RequestLogEntry> log = sim.requestLog();

    assertThat(counters.requests()).isEqualTo(3);
    assertThat(counters.station("9447130")).isEqualTo(2);
    assertThat(counters.product("wind")).isEqualTo(2);
    assertThat(counters.status(200)).isEqualTo(3);
    assertThat(counters.rows()).isEqualTo(61 + 1);
    assertThat(log).hasSize(3);
    assertThat(log.get(0).begin()).isEqualTo("2025-06-01T00:00:00Z");
    assertThat(log.get(0).end()).isEqualTo("2025-06-01T06:00:00Z");
    assertThat(log.get(0).rows()).isEqualTo(61);
    assertThat(log.get(1).date()).isEqualTo("latest");
    assertThat(log.get(2).rows()).isZero();

    JsonNode overHttp = Http.json(http.get("/admin/counters").body());
    assertThat(overHttp.get("byStation").get("9447130").asLong()).isEqualTo(2);
    JsonNode logOverHttp = Http.json(http.get("/admin/requests?limit=1").body());
    assertThat(logOverHttp).hasSize(1);
    assertThat(logOverHttp.get(0).get("station").asText()).isEqualTo("0000000");
  }

  @Test
  void metricsEndpointExposesPrometheusCountersPerStationProductStatusAndFault() {
    http.data("station=9447130&product=air_pressure&date=latest");

    String metrics = http.get("/metrics").body();

    assertThat(metrics).contains("# TYPE noaa_sim_requests_total counter");
    assertThat(metrics)
        .containsPattern(
            "noaa_sim_requests_total\\{[^}]*fault=\"NONE\"[^}]*product=\"air_pressure\""
                + "[^}]*station=\"9447130\"[^}]*status=\"200\"[^}]*\\} 1\\.0");
    assertThat(metrics)
        .contains("noaa_sim_rows_total{product=\"air_pressure\",station=\"9447130\"} 1.0");
  }

  @Test
  void clockCanBePinnedAdvancedAndSpedUpOverAdmin() {
    JsonNode pinned = Http.json(http.post("/admin/clock?pin=2025-01-01T00:03:00Z", "").body());
    JsonNode advanced = Http.json(http.post("/admin/clock?advance=PT1H", "").body());
    JsonNode fast = Http.json(http.post("/admin/clock?speed=60", "").body());

    assertThat(pinned.get("now").asText()).isEqualTo("2025-01-01T00:03:00Z");
    assertThat(pinned.get("dataNow").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(advanced.get("now").asText()).isEqualTo("2025-01-01T01:03:00Z");
    assertThat(fast.get("speed").asDouble()).isEqualTo(60.0);
    assertThat(fast.get("pinned").asBoolean()).isTrue();
    JsonNode latest = http.dataJson("station=9447130&product=water_level&datum=MLLW&date=latest");
    assertThat(latest.get("data")).hasSize(1);
    assertThat(latest.get("data").get(0).get("t").asText()).isEqualTo("2025-01-01 01:00");
  }

  @Test
  void expectedEndpointTellsAnOutOfProcessTestHowManyRowsAWindowHas() {
    JsonNode expected =
        Http.json(
            http.get(
                    "/admin/expected?station=9447130&product=water_level&datum=MLLW"
                        + "&begin_date=20250501&end_date=20250502")
                .body());

    assertThat(expected.get("count").asInt()).isEqualTo(480);
    assertThat(expected.get("first").asText()).isEqualTo("2025-05-01 00:00");
    assertThat(expected.get("last").asText()).isEqualTo("2025-05-02 23:54");
  }

  @Test
  void resetClearsCountersAndLog() {
    http.data("station=9447130&product=wind&date=latest");

    http.post("/admin/reset", "");

    assertThat(sim.counters().requests()).isZero();
    assertThat(sim.requestLog()).isEmpty();
  }

  @Test
  void metadataApiListsDefaultAndGeneratedStationsAndFiltersByType() {
    JsonNode all = Http.json(http.get("/mdapi/prod/webapi/stations.json").body());
    JsonNode waterTemp =
        Http.json(http.get("/mdapi/prod/webapi/stations.json?type=watertemp").body());
    JsonNode currents =
        Http.json(http.get("/mdapi/prod/webapi/stations.json?type=currentpredictions").body());

    assertThat(all.get("count").asInt()).isEqualTo(8);
    assertThat(all.get("stations").get(0).get("id").asText()).isEqualTo("8454000");
    assertThat(all.findValuesAsText("id")).contains("9900001", "9900003");
    assertThat(waterTemp.findValuesAsText("id")).doesNotContain("9497645");
    assertThat(currents.get("count").asInt()).isZero();
  }

  @Test
  void metadataSubResourcesAndUnknownStations() {
    var datums = http.get("/mdapi/prod/webapi/stations/8724580/datums.json?units=metric");
    var unknown = http.get("/mdapi/prod/webapi/stations/1234567.json");

    JsonNode body = Http.json(datums.body());
    assertThat(body.get("units").asText()).isEqualTo("meters");
    assertThat(body.findValuesAsText("name")).contains("MLLW", "MSL", "MHHW", "NAVD88");
    assertThat(body.get("self").asText()).startsWith(sim.baseUrl());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("Station 1234567 not found");
  }

  @Test
  void generatedStationsServeDataLikeTheDefaultOnes() {
    JsonNode served =
        http.dataJson("station=9900002&product=predictions&datum=MLLW&date=today&interval=h");

    assertThat(served.get("predictions")).hasSize(24);
  }
}
