package io.tidestream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.support.Fixtures;
import io.tidestream.sim.support.Http;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sends the recorded requests of the {@code noaa-fixtures} module to the simulator and compares the
 * answers with NOAA's recorded answers: envelope, field names and order, string types, flags, gap
 * rows, counts and first/last timestamps.
 */
class RecordedFixtureComparisonTest {

  private static final String WATER_LEVEL =
      "water_level_9447130_20150101-20150131_mllw_metric_gmt_verified.json";
  private static final String HILO =
      "predictions_hilo_9447130_20150101-20150103_mllw_metric_gmt.json";
  private static final String WIND = "wind_9447130_20150101-20150102_metric_gmt.json";
  private static final String AIR_TEMPERATURE =
      "air_temperature_9447130_20150101-20150102_metric_gmt.json";
  private static final String WATER_TEMPERATURE =
      "water_temperature_8723970_20140927-20140928_metric_gmt.json";
  private static final String NO_DATA = "error_no_data_found_8775244_air_temperature_2018.json";

  private static NoaaSimulator sim;
  private static Http http;

  @BeforeAll
  static void start() {
    // Gap rate high enough that two recorded days surely contain gap rows to compare.
    sim =
        NoaaSimulator.builder()
            .port(0)
            .seed(42)
            .gapRate(0.05)
            .clock(SimulatorClock.pinned(Instant.parse("2025-06-01T00:00:00Z")))
            .start();
    http = new Http(sim.baseUrl());
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void waterLevelAnswersTheRecordedRequestWithTheSameShapeAndRowCount() {
    JsonNode recorded = Fixtures.json(WATER_LEVEL);
    JsonNode served = replay(WATER_LEVEL, null);

    assertSameObservationEnvelope(served, recorded);
    assertThat(served.get("metadata")).isEqualTo(recorded.get("metadata"));
    assertThat(served.get("data")).hasSize(7201);
    assertSameRows(served.get("data"), recorded.get("data"));
    assertThat(served.get("data").get(0).get("q").asText()).isEqualTo("v");
  }

  @Test
  void waterLevelBodyStartsWithNoaasExactBytes() {
    String recorded = Fixtures.text(WATER_LEVEL);
    String served = http.get(recordedPathAndQuery(WATER_LEVEL)).body();

    String prefix = recorded.substring(0, recorded.indexOf("\"v\":"));
    assertThat(served).startsWith(prefix);
    assertThat(served).endsWith("\"q\":\"v\"}]}\n");
  }

  @Test
  void predictionsHiloHaveNoMetadataAndTypedRowsLikeNoaa() {
    JsonNode recorded = Fixtures.json(HILO);
    JsonNode served = replay(HILO, null);

    assertThat(fieldNames(served)).containsExactly("predictions");
    assertThat(served.get("predictions")).hasSameSizeAs(recorded.get("predictions"));
    assertSameFields(served.get("predictions"), recorded.get("predictions"));
    assertThat(http.get(recordedPathAndQuery(HILO)).body())
        .startsWith("{ \"predictions\" : [\n{\"t\":\"2015-01-01 ");
  }

  @Test
  void windAndAirTemperatureMatchRecordedRowsAndGapRows() {
    for (String fixture : List.of(WIND, AIR_TEMPERATURE)) {
      JsonNode recorded = Fixtures.json(fixture);
      JsonNode served = replay(fixture, null);

      assertSameObservationEnvelope(served, recorded);
      assertThat(served.get("data")).as(fixture).hasSameSizeAs(recorded.get("data"));
      assertSameRows(served.get("data"), recorded.get("data"));
      JsonNode recordedGap = firstGap(recorded.get("data"));
      JsonNode servedGap = firstGap(served.get("data"));
      assertThat(recordedGap).as("recorded gap row in %s", fixture).isNotNull();
      assertThat(servedGap).as("served gap row for %s", fixture).isNotNull();
      assertThat(fieldNames(servedGap)).isEqualTo(fieldNames(recordedGap));
      for (String field : fieldNames(recordedGap)) {
        if (!field.equals("t")) {
          assertThat(servedGap.get(field).asText())
              .as(field)
              .isEqualTo(recordedGap.get(field).asText());
        }
      }
    }
  }

  @Test
  void dateOnlyEndDateReturnsTheWholeEndDayLikeTheWaterTemperatureRecording() {
    JsonNode recorded = Fixtures.json(WATER_TEMPERATURE);
    // The recording is for Vaca Key (8723970), not simulated; Key West is the nearest simulated
    // station.
    JsonNode served = replay(WATER_TEMPERATURE, "8724580");

    assertSameObservationEnvelope(served, recorded);
    assertThat(served.get("data")).hasSize(480);
    assertSameRows(served.get("data"), recorded.get("data"));
  }

  @Test
  void productsWithoutARecordingShareTheEnvelopeAndStringTypesOfTheirRecordedSiblings() {
    JsonNode waterLevel = Fixtures.json(WATER_LEVEL);
    String seattle2015 =
        "station=9447130&begin_date=20150101&end_date=20150102&datum=MLLW&units=metric"
            + "&time_zone=gmt&format=json&application=test";

    JsonNode pressure = http.dataJson(seattle2015 + "&product=air_pressure");
    assertSameObservationEnvelope(pressure, Fixtures.json(AIR_TEMPERATURE));
    assertSameFields(pressure.get("data"), Fixtures.json(AIR_TEMPERATURE).get("data"));

    JsonNode hourly = http.dataJson(seattle2015 + "&product=hourly_height");
    assertSameObservationEnvelope(hourly, waterLevel);
    assertThat(hourly.get("data")).hasSize(48);
    assertThat(fieldNames(hourly.get("data").get(0))).containsExactly("t", "v", "s", "f");

    JsonNode highLow = http.dataJson(seattle2015 + "&product=high_low");
    assertSameObservationEnvelope(highLow, waterLevel);
    assertThat(fieldNames(highLow.get("data").get(0))).containsExactly("t", "v", "ty", "f");

    JsonNode sixMinutePredictions = http.dataJson(seattle2015 + "&product=predictions");
    assertThat(fieldNames(sixMinutePredictions)).containsExactly("predictions");
    assertThat(sixMinutePredictions.get("predictions")).hasSize(480);
    assertThat(fieldNames(sixMinutePredictions.get("predictions").get(0)))
        .containsExactly("t", "v");

    for (JsonNode body : List.of(hourly, highLow, sixMinutePredictions)) {
      body.findParents("t")
          .forEach(row -> row.forEach(v -> assertThat(v.isTextual()).as("%s", row).isTrue()));
    }
  }

  @Test
  void productAStationDoesNotOfferAnswersNoaasNoDataBodyByteForByteWithStatus200() {
    var response =
        http.data(
            "begin_date=20140927&end_date=20140928&station=9497645&product=water_temperature"
                + "&units=metric&time_zone=gmt&application=test&format=json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Fixtures.text(NO_DATA));
  }

  @Test
  void stationListUsesTheRecordedFieldNamesAndJsonTypes() {
    JsonNode recorded = Fixtures.json("mdapi_stations_list.json");
    JsonNode served = Http.json(http.get("/mdapi/prod/webapi/stations.json").body());

    assertThat(served.get("count").asInt()).isEqualTo(5).isEqualTo(served.get("stations").size());
    JsonNode recordedSeattle = find(recorded.get("stations"), "9447130");
    for (JsonNode station : served.get("stations")) {
      for (String field : fieldNames(station)) {
        assertThat(recordedSeattle.has(field))
            .as("recorded station list has field %s", field)
            .isTrue();
        assertThat(station.get(field).getNodeType())
            .as(field)
            .isEqualTo(recordedSeattle.get(field).getNodeType());
      }
      assertThat(station.get("lat").isNumber()).isTrue();
      assertThat(station.get("lng").isNumber()).isTrue();
    }
    JsonNode seattle = find(served.get("stations"), "9447130");
    assertThat(seattle.get("lat").asDouble()).isEqualTo(recordedSeattle.get("lat").asDouble());
    assertThat(seattle.get("lng").asDouble()).isEqualTo(recordedSeattle.get("lng").asDouble());
  }

  @Test
  void expandedStationCarriesNoaasPublishedSeattleHarconAndDatumsInTheRecordedShape() {
    JsonNode recorded = Fixtures.json("mdapi_station_9447130_expanded.json").get("stations").get(0);
    JsonNode served =
        Http.json(
                http.get(
                        "/mdapi/prod/webapi/stations/9447130.json?expand=details,datums,harcon,"
                            + "products,sensors")
                    .body())
            .get("stations")
            .get(0);

    JsonNode recordedHarcon = recorded.get("harmonicConstituents");
    JsonNode servedHarcon = served.get("harmonicConstituents");
    assertThat(servedHarcon.get("units").asText()).isEqualTo("feet");
    for (JsonNode c : servedHarcon.get("HarmonicConstituents")) {
      JsonNode r =
          findBy(recordedHarcon.get("HarmonicConstituents"), "name", c.get("name").asText());
      assertThat(r).as("recorded constituent %s", c.get("name")).isNotNull();
      for (String field : List.of("amplitude", "phase_GMT", "phase_local", "speed")) {
        assertThat(c.get(field).isNumber()).isTrue();
        // phase_local is derived from the rounded phase_GMT, so it may differ in the last digit.
        double tolerance = field.equals("phase_local") ? 0.11 : 1e-6;
        assertThat(c.get(field).asDouble())
            .as("%s %s", c.get("name"), field)
            .isCloseTo(r.get(field).asDouble(), org.assertj.core.data.Offset.offset(tolerance));
      }
    }
    for (JsonNode d : served.get("datums").get("datums")) {
      JsonNode r = findBy(recorded.get("datums").get("datums"), "name", d.get("name").asText());
      assertThat(r).as("recorded datum %s", d.get("name")).isNotNull();
      assertThat(fieldNames(d)).isEqualTo(fieldNames(r));
      assertThat(d.get("value").asDouble())
          .isCloseTo(r.get("value").asDouble(), org.assertj.core.data.Offset.offset(0.001));
    }
    assertThat(served.get("details").get("timezone").isNumber()).isTrue();
    assertThat(served.get("products").get("products").get(0).has("name")).isTrue();
  }

  @Test
  void seattlePredictionsFallWithinMinutesAndCentimetresOfNoaasOwn() {
    JsonNode recorded = Fixtures.json(HILO).get("predictions");
    JsonNode served = replay(HILO, null).get("predictions");
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    for (int i = 0; i < recorded.size(); i++) {
      JsonNode r = recorded.get(i);
      JsonNode s = served.get(i);
      assertThat(s.get("type").asText()).isEqualTo(r.get("type").asText());
      long minutes =
          Duration.between(
                  LocalDateTime.parse(r.get("t").asText(), f),
                  LocalDateTime.parse(s.get("t").asText(), f))
              .abs()
              .toMinutes();
      assertThat(minutes).as("time of %s", r).isLessThanOrEqualTo(10);
      assertThat(s.get("v").asDouble())
          .as("height of %s", r)
          .isCloseTo(r.get("v").asDouble(), org.assertj.core.data.Offset.offset(0.10));
    }
  }

  @Test
  void seattleSimulatedWaterLevelTracksTheRecordedMonthWithinWeatherNoise() {
    JsonNode recorded = Fixtures.json(WATER_LEVEL).get("data");
    JsonNode served = replay(WATER_LEVEL, null).get("data");

    double sumSquares = 0;
    int n = 0;
    for (int i = 0; i < recorded.size(); i++) {
      String r = recorded.get(i).get("v").asText();
      String s = served.get(i).get("v").asText();
      if (!r.isEmpty() && !s.isEmpty()) {
        double d = Double.parseDouble(r) - Double.parseDouble(s);
        sumSquares += d * d;
        n++;
      }
    }
    double rms = Math.sqrt(sumSquares / n);
    // Seattle's tidal range is about 3.5 m; what remains is January 2015's weather (about 0.11 m
    // RMS).
    assertThat(rms).isLessThan(0.2);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static JsonNode replay(String fixture, String replaceStation) {
    String pathAndQuery = recordedPathAndQuery(fixture);
    if (replaceStation != null) {
      pathAndQuery = pathAndQuery.replaceAll("station=\\d+", "station=" + replaceStation);
    }
    var response = http.get(pathAndQuery);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(response.body());
    assertThat(body.has("error")).as("error for %s: %s", pathAndQuery, body).isFalse();
    return body;
  }

  /** The recorded request, minus NOAA's host and its older {@code /api/datagetter} path. */
  private static String recordedPathAndQuery(String fixture) {
    String uri = Fixtures.json("_http_meta.json").get(fixture).get("request_uri").asText();
    return "/api/prod/datagetter?" + URI.create(uri).getRawQuery();
  }

  private static void assertSameObservationEnvelope(JsonNode served, JsonNode recorded) {
    assertThat(fieldNames(served)).isEqualTo(fieldNames(recorded));
    assertThat(fieldNames(served.get("metadata"))).isEqualTo(fieldNames(recorded.get("metadata")));
    served
        .get("metadata")
        .forEach(v -> assertThat(v.isTextual()).as("metadata value %s", v).isTrue());
  }

  /** Same fields as {@link #assertSameFields} and the same first and last timestamps. */
  private static void assertSameRows(JsonNode served, JsonNode recorded) {
    assertSameFields(served, recorded);
    assertThat(served.get(0).get("t").asText()).isEqualTo(recorded.get(0).get("t").asText());
    assertThat(served.get(served.size() - 1).get("t").asText())
        .as("last row")
        .isEqualTo(recorded.get(recorded.size() - 1).get("t").asText());
  }

  /**
   * Every served row has the recorded rows' fields in the same order, as strings, with flags alike.
   */
  private static void assertSameFields(JsonNode served, JsonNode recorded) {
    List<String> names = fieldNames(recorded.get(0));
    String flagPattern =
        recorded.get(0).has("f")
            ? recorded.get(0).get("f").asText().replaceAll("\\d", "[01]")
            : null;
    for (JsonNode row : served) {
      assertThat(fieldNames(row)).as("fields of %s", row).isEqualTo(names);
      row.forEach(v -> assertThat(v.isTextual()).as("value %s in %s", v, row).isTrue());
      assertThat(row.get("t").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
      if (flagPattern != null) {
        assertThat(row.get("f").asText()).matches(flagPattern);
      }
    }
  }

  private static JsonNode firstGap(JsonNode rows) {
    for (JsonNode row : rows) {
      String value = row.has("v") ? row.get("v").asText() : row.get("s").asText();
      if (value.isEmpty()) {
        return row;
      }
    }
    return null;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  private static JsonNode find(JsonNode stations, String id) {
    return findBy(stations, "id", id);
  }

  private static JsonNode findBy(JsonNode array, String field, String value) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(n -> n.get(field).asText().equals(value))
        .findFirst()
        .orElse(null);
  }
}
