package io.tidestream.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidestream.bench.BenchCommand;
import io.tidestream.bench.BulkBodies;
import io.tidestream.bench.NoaaLoad;
import io.tidestream.elastic.TaskComponents;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.document.DocumentFactory;
import io.tidestream.elastic.document.Outcome;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.records.RecordSchemas;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * pipeline-bench reaches the connectors only through their ZIPs and the Connect REST API (layering
 * rule 4), so it keeps its own copy of what it needs from them. This test, where connector
 * internals are allowed, proves the copies exact: the load's records are byte for byte what the
 * source's schema and record code give for the same observations; the probe ids are the sink's
 * document ids; and the raw loader's bulk lines, rebuilt from a document's id and its {@code
 * _source} as the engine returns it, are byte for byte the sink's own.
 */
class PipelineBenchEquivalenceTest {

  private static final String TOPIC = "bench.water_level";
  private static final int RECORDS = 2_000;

  private final NoaaLoad load = new NoaaLoad(50);
  private final JsonConverter converter = converter();
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void theCheckedInSchemaIsTheSourcesWaterLevelSchema() throws Exception {
    Schema source = new RecordSchemas().schema(NoaaProduct.WATER_LEVEL.family());
    JsonNode checkedIn;
    try (InputStream in =
        NoaaLoad.class.getClassLoader().getResourceAsStream(NoaaLoad.SCHEMA_RESOURCE)) {
      checkedIn = mapper.readTree(in);
    }

    assertThat(checkedIn).isEqualTo(converter.asJsonSchema(source));
    assertThat(load.schema()).isEqualTo(source);
  }

  @Test
  void everyLoadRecordIsByteForByteWhatTheSourceWritesForTheSameObservation() {
    RecordSchemas schemas = new RecordSchemas();
    Schema schema = schemas.schema(NoaaProduct.WATER_LEVEL.family());
    for (long i = 0; i < RECORDS; i++) {
      NoaaLoad.Row row = load.row(i);
      UnitId unit = new UnitId(row.stationId(), NoaaProduct.WATER_LEVEL, "MLLW", null);
      StationMeta station =
          new StationMeta(row.stationId(), row.stationName(), row.lat(), row.lon());
      Observation o =
          new Observation(
              row.time(),
              row.value(),
              row.sigma(),
              row.flags(),
              row.quality(),
              null,
              null,
              null,
              null,
              null);
      byte[] sourceWrites =
          converter.fromConnectData(TOPIC, schema, schemas.toStruct(unit, "metric", station, o));

      NoaaLoad.Bytes bytes = load.bytes(TOPIC, i);
      assertThat(new String(bytes.value(), StandardCharsets.UTF_8))
          .as("record %d", i)
          .isEqualTo(new String(sourceWrites, StandardCharsets.UTF_8));
      assertThat(new String(bytes.key(), StandardCharsets.UTF_8)).isEqualTo(unit.station());
    }
  }

  @Test
  void probeIdsAndRawBulkLinesAreTheSinksOwn() throws Exception {
    Map<String, String> sinkConfig =
        new BenchCommand().sinkConfig("http://localhost:9200", TOPIC, 2);
    DocumentFactory documents =
        TaskComponents.documentFactory(
            new ElasticGeoSinkConfig(sinkConfig), mapper, mapper.getFactory());
    ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    for (long i = 0; i < RECORDS; i++) {
      NoaaLoad.Bytes bytes = load.bytes(TOPIC, i);
      SchemaAndValue value = converter.toConnectData(TOPIC, bytes.value());
      Outcome outcome =
          documents.build(
              new SinkRecord(
                  TOPIC,
                  0,
                  Schema.STRING_SCHEMA,
                  new String(bytes.key(), StandardCharsets.UTF_8),
                  value.schema(),
                  value.value(),
                  i));
      assertThat(outcome).isInstanceOf(Outcome.Write.class);
      Outcome.Write sinkWrites = (Outcome.Write) outcome;

      assertThat(load.documentId(i)).isEqualTo(sinkWrites.id());
      String ndjson = new String(sinkWrites.ndjson(), StandardCharsets.UTF_8);
      String sourceLine = ndjson.substring(ndjson.indexOf('\n') + 1, ndjson.length() - 1);
      // The engine may hand _source back in another layout (a pretty-printed one here).
      String asReturned = pretty.writeValueAsString(mapper.readTree(sourceLine));
      byte[] rebuilt =
          BulkBodies.indexLines(
              BenchCommand.INDEX, sinkWrites.id(), BulkBodies.compact(asReturned));
      assertThat(new String(rebuilt, StandardCharsets.UTF_8)).as("record %d", i).isEqualTo(ndjson);
      assertThat(Arrays.equals(rebuilt, sinkWrites.ndjson())).isTrue();
    }
  }

  private static JsonConverter converter() {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), false);
    return c;
  }
}
