package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.TaskComponents;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.document.DocumentFactory;
import io.tidestream.elastic.document.Outcome;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.schema.RecordSchemas;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class NoaaLoadTest {

  private final NoaaLoad load = new NoaaLoad(7);

  @Test
  void recordsCarryTheSourcesWaterLevelSchemaAndRoundTripThroughTheWorkersConverter() {
    NoaaLoad.Bytes bytes = load.bytes("t", 15);
    assertThat(new String(bytes.key(), StandardCharsets.UTF_8)).isEqualTo("8700001");
    assertThat(new String(bytes.value(), StandardCharsets.UTF_8)).startsWith("{\"schema\":");

    SinkRecord record = load.sinkRecord("t", 0, 15, bytes);
    assertThat(record.valueSchema()).isEqualTo(new RecordSchemas().schema(NoaaProduct.WATER_LEVEL.family()));
    Struct value = (Struct) record.value();
    assertThat(value.getString("station_id")).isEqualTo("8700001");
    assertThat(value.getString("product")).isEqualTo("water_level");
    assertThat(value.getFloat64("lat")).isBetween(24.0, 49.0);
    assertThat(value.getFloat64("lon")).isBetween(-125.0, -67.0);
    assertThat(value.get("time")).isEqualTo(java.util.Date.from(NoaaLoad.START.plus(NoaaLoad.STEP.multipliedBy(2))));
  }

  @Test
  void theSameIndexGivesTheSameBytesAndEveryIndexAnotherDocumentId() throws Exception {
    assertThat(load.bytes("t", 42).value()).isEqualTo(load.bytes("t", 42).value());

    ObjectMapper mapper = new ObjectMapper();
    BenchCommand bench = new BenchCommand();
    bench.sinkOverrides = new java.util.LinkedHashMap<>();
    DocumentFactory documents = TaskComponents.documentFactory(
        new ElasticGeoSinkConfig(bench.sinkConfig("http://localhost:9200", "t", 2)), mapper, mapper.getFactory());
    Set<String> ids = new HashSet<>();
    for (long i = 0; i < 1_000; i++) {
      Outcome outcome = documents.build(load.sinkRecord("t", 0, i, load.bytes("t", i)));
      assertThat(outcome).isInstanceOf(Outcome.Write.class);
      Outcome.Write w = (Outcome.Write) outcome;
      ids.add(w.id());
      if (i == 0) {
        String doc = new String(w.ndjson(), StandardCharsets.UTF_8);
        assertThat(doc).contains("\"_index\":\"bench-run\"").contains("\"location\"");
        assertThat(mapper.readTree(doc.split("\n")[1]).path("location").path("lat").asDouble())
            .isEqualTo(((Struct) load.sinkRecord("t", 0, 0, load.bytes("t", 0)).value()).getFloat64("lat"));
      }
    }
    assertThat(ids).hasSize(1_000);
  }
}
