package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.junit.jupiter.api.Test;

/**
 * The load's own shape. That it is byte for byte the source's records and the sink's ids is proven
 * where the connectors' classes are allowed: microbenchmarks' PipelineBenchEquivalenceTest.
 */
class NoaaLoadTest {

  private final NoaaLoad load = new NoaaLoad(7);

  @Test
  void recordsCarryTheWaterLevelSchemaAndRoundTripThroughTheWorkersConverter() throws Exception {
    NoaaLoad.Bytes bytes = load.bytes("t", 15);
    assertThat(new String(bytes.key(), StandardCharsets.UTF_8)).isEqualTo("8700001");
    JsonNode envelope = new ObjectMapper().readTree(bytes.value());
    assertThat(envelope.path("schema").path("name").asText())
        .isEqualTo("io.tidestream.noaa.WaterLevel");
    assertThat(envelope.path("schema").path("version").asInt()).isEqualTo(1);

    JsonConverter worker = new JsonConverter();
    worker.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), false);
    SchemaAndValue read = worker.toConnectData("t", bytes.value());
    assertThat(read.schema()).isEqualTo(load.schema());
    assertThat(read.schema().field("time").schema().name()).isEqualTo(Timestamp.LOGICAL_NAME);
    assertThat(read.schema().field("value").schema()).isEqualTo(Schema.OPTIONAL_FLOAT64_SCHEMA);
    Struct value = (Struct) read.value();
    assertThat(value.getString("station_id")).isEqualTo("8700001");
    assertThat(value.getString("product")).isEqualTo("water_level");
    assertThat(value.getString("datum")).isEqualTo("MLLW");
    assertThat(value.getFloat64("lat")).isBetween(24.0, 49.0);
    assertThat(value.getFloat64("lon")).isBetween(-125.0, -67.0);
    assertThat(value.get("time"))
        .isEqualTo(java.util.Date.from(NoaaLoad.START.plus(NoaaLoad.STEP.multipliedBy(2))));
  }

  @Test
  void theSchemalessFormIsTheEnvelopesPayloadAsAPlainJsonObject() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    NoaaLoad.Bytes envelope = load.bytes("t", 15, true);
    NoaaLoad.Bytes plain = load.bytes("t", 15, false);
    assertThat(envelope.value()).isEqualTo(load.bytes("t", 15).value());
    assertThat(plain.key()).isEqualTo(envelope.key());
    JsonNode value = mapper.readTree(plain.value());
    assertThat(value.has("schema")).isFalse();
    assertThat(value).isEqualTo(mapper.readTree(envelope.value()).path("payload"));
    assertThat(value.path("time").isNumber()).isTrue();
  }

  @Test
  void theSameIndexGivesTheSameBytesAndEveryIndexAnotherDocumentId() {
    assertThat(load.bytes("t", 42).value()).isEqualTo(load.bytes("t", 42).value());
    assertThat(load.documentId(15))
        .isEqualTo(
            "8700001|water_level|"
                + NoaaLoad.START.plus(NoaaLoad.STEP.multipliedBy(2)).toEpochMilli());
    Set<String> ids = new HashSet<>();
    for (long i = 0; i < 1_000; i++) {
      ids.add(load.documentId(i));
    }
    assertThat(ids).hasSize(1_000);
  }
}
