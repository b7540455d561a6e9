package io.tidestream.noaa.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.noaa.Fixtures;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.ProductFamily;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.parse.NoaaResponseParser;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.UnitId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordSchemasTest {

  private final RecordSchemas schemas = new RecordSchemas();

  private static String json(Schema schema, Object value, boolean withSchemas) {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of("schemas.enable", Boolean.toString(withSchemas)), false);
    return new String(c.fromConnectData("t", schema, value), StandardCharsets.UTF_8);
  }

  @Test
  void everyFamilyHasTheCommonFieldsAndAUtcTimestamp() {
    for (ProductFamily f : ProductFamily.values()) {
      Schema s = schemas.schema(f);
      assertThat(s.field("station_id").schema()).isEqualTo(Schema.STRING_SCHEMA);
      assertThat(s.field("lat").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
      assertThat(s.field("lon").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
      assertThat(s.field("time").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void gapBecomesJsonNullNeverZeroWithAndWithoutSchemas(boolean withSchemas) throws Exception {
    ParsedResponse r =
        new NoaaResponseParser()
            .parse(NoaaProduct.AIR_TEMPERATURE, Fixtures.bytes(Fixtures.AIR_TEMPERATURE));
    Observation gap = r.rows().stream().filter(o -> o.value() == null).findFirst().orElseThrow();
    UnitId unit = new UnitId("9447130", NoaaProduct.AIR_TEMPERATURE, null, "6");
    Struct s = schemas.toStruct(unit, "metric", r.station(), gap);
    s.validate();

    String json = json(s.schema(), s, withSchemas);

    assertThat(json)
        .contains("\"value\":null")
        .contains("\"flags\":\"1,1,1\"")
        .contains("\"time\":" + gap.time().toEpochMilli())
        .contains("\"lat\":47.6026")
        .contains("\"station_name\":\"Seattle\"");
    assertThat(json.contains("\"schema\"")).isEqualTo(withSchemas);
  }

  @Test
  void windAndWaterLevelAndPredictionsCarryTheirOwnFields() throws Exception {
    NoaaResponseParser p = new NoaaResponseParser();
    Observation wind = p.parse(NoaaProduct.WIND, Fixtures.bytes(Fixtures.WIND)).rows().get(0);
    Struct w =
        schemas.toStruct(new UnitId("9447130", NoaaProduct.WIND, null, "6"), "metric", null, wind);
    w.validate();
    assertThat(w.getFloat64("speed")).isEqualTo(3.2);
    assertThat(w.getFloat64("direction_deg")).isEqualTo(313.0);
    assertThat(w.getString("direction_text")).isEqualTo("NW");
    assertThat(w.getFloat64("gust")).isEqualTo(4.5);
    assertThat(w.schema().field("value")).isNull();

    Observation wl =
        p.parse(NoaaProduct.WATER_LEVEL, Fixtures.bytes(Fixtures.WATER_LEVEL)).rows().get(0);
    Struct l =
        schemas.toStruct(
            new UnitId("9447130", NoaaProduct.WATER_LEVEL, "MLLW", null),
            "metric",
            new StationMeta("9447130", "Seattle", 47.6026, -122.3393),
            wl);
    l.validate();
    assertThat(l.getString("quality")).isEqualTo("verified");
    assertThat(l.getFloat64("sigma")).isEqualTo(0.023);
    assertThat(l.getString("datum")).isEqualTo("MLLW");

    Observation hilo =
        p.parse(NoaaProduct.PREDICTIONS, Fixtures.bytes(Fixtures.PREDICTIONS_HILO)).rows().get(0);
    Struct h =
        schemas.toStruct(
            new UnitId("9447130", NoaaProduct.PREDICTIONS, "MLLW", "hilo"), "metric", null, hilo);
    h.validate();
    assertThat(h.getString("type")).isEqualTo("L");
    assertThat(h.get("lat")).isNull();
    assertThat(((java.util.Date) h.get("time")).toInstant())
        .isEqualTo(Instant.parse("2015-01-01T03:40:00Z"));
  }
}
