package io.tidestream.bench.jmh.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.bench.jmh.BenchResources;
import io.tidestream.elastic.TaskComponents;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.document.DocumentFactory;
import io.tidestream.elastic.document.Outcome;
import io.tidestream.elastic.document.RawJsonReader;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.parse.NoaaResponseParser;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.records.RecordSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sink's raw path against today's, across both connectors: the source's own records (the
 * recorded NOAA bodies through the source's parser and record code, under config/noaa-source.json)
 * as JsonConverter writes them to the topic, then once handed to the sink as raw bytes
 * (ByteArrayConverter, config/elastic-sink.json's default) and once through JsonConverter into a
 * Struct (the worker's previous default). Every bulk action must be byte for byte the same, and
 * every record must take the copy, not one of the fallbacks.
 */
class RawSinkPathEquivalenceTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
    "WATER_LEVEL,"
        + " noaa-fixtures/water_level_9447130_20150101-20150131_mllw_metric_gmt_verified.json",
    "WIND, noaa-fixtures/wind_9447130_20150101-20150102_metric_gmt.json",
    "AIR_TEMPERATURE, noaa-fixtures/air_temperature_9447130_20150101-20150102_metric_gmt.json",
    "WATER_TEMPERATURE, noaa-fixtures/water_temperature_8723970_20140927-20140928_metric_gmt.json",
    "PREDICTIONS, noaa-fixtures/predictions_hilo_9447130_20150101-20150103_mllw_metric_gmt.json"
  })
  void theSourcesRecordsGiveTheSameBulkLinesAsRawBytesAsThroughJsonConverter(
      NoaaProduct product, String fixture) throws Exception {
    NoaaSourceConfig source =
        new NoaaSourceConfig(BenchResources.connectorConfig(BenchResources.SOURCE_CONFIG));
    Map<String, String> sinkProps = BenchResources.connectorConfig(BenchResources.SINK_CONFIG);
    assertThat(sinkProps)
        .containsEntry("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    ElasticGeoSinkConfig sinkConfig = new ElasticGeoSinkConfig(sinkProps);
    DocumentFactory documents =
        TaskComponents.documentFactory(sinkConfig, mapper, mapper.getFactory());
    RawJsonReader reader =
        TaskComponents.rawJsonReader(
            sinkConfig, TaskComponents.documentSettings(sinkConfig), mapper);
    JsonConverter withSchemas = converter(true);
    JsonConverter schemaless = converter(false);

    List<Observation> rows =
        new NoaaResponseParser().parse(product, BenchResources.bytes(fixture)).rows();
    assertThat(rows).isNotEmpty();
    RecordSchemas schemas = new RecordSchemas();
    Schema schema = schemas.schema(product.family());
    String topic = source.topicFor(product);
    int written = 0;
    for (int i = 0; i < rows.size(); i++) {
      StationMeta station = WaterLevelPool.STATIONS.get(i % WaterLevelPool.STATIONS.size());
      UnitId unit =
          UnitId.of(
              station.id(),
              product,
              source.datum(),
              source.predictionsInterval(),
              source.metInterval());
      Struct value = schemas.toStruct(unit, source.units(), station, rows.get(i));
      byte[] onTopic = withSchemas.fromConnectData(topic, schema, value);
      long timestamp = ((Date) value.get("time")).getTime();

      SchemaAndValue converted = withSchemas.toConnectData(topic, onTopic);
      Outcome today =
          documents.build(
              record(topic, i, station.id(), timestamp, converted.schema(), converted.value()));
      assertThat(reader.read(onTopic)).as("record %d", i).isEqualTo(RawJsonReader.Route.COPY);
      Outcome raw = documents.build(record(topic, i, station.id(), timestamp, null, onTopic));
      assertSameOutcome(today, raw, i);

      // Schemaless JSON as raw bytes: the JSON text path's copy, the same document as the map.
      byte[] plain = schemaless.fromConnectData(topic, schema, value);
      assertThat(reader.read(plain)).isEqualTo(RawJsonReader.Route.COPY);
      Outcome plainRaw = documents.build(record(topic, i, station.id(), timestamp, null, plain));
      Outcome plainText =
          documents.build(
              record(
                  topic,
                  i,
                  station.id(),
                  timestamp,
                  null,
                  new String(plain, StandardCharsets.UTF_8)));
      assertSameOutcome(plainText, plainRaw, i);
      // ... and the same JSON object as JsonConverter (schemas.enable=false) → Map gave (whose
      // HashMap writes the fields in another order).
      Object map = schemaless.toConnectData(topic, plain).value();
      Outcome mapPath = documents.build(record(topic, i, station.id(), timestamp, null, map));
      if (today instanceof Outcome.Write) {
        written++;
        assertThat(plainRaw).isInstanceOf(Outcome.Write.class);
        assertThat(((Outcome.Write) plainRaw).id()).isEqualTo(((Outcome.Write) today).id());
        assertThat(((Outcome.Write) plainRaw).id()).isEqualTo(((Outcome.Write) mapPath).id());
        assertThat(mapper.readTree(sourceLine(plainRaw)))
            .isEqualTo(mapper.readTree(sourceLine(mapPath)));
      }
    }
    assertThat(written).as("records written as documents").isEqualTo(rows.size());
  }

  private static String sourceLine(Outcome outcome) {
    String ndjson = new String(((Outcome.Write) outcome).ndjson(), StandardCharsets.UTF_8);
    return ndjson.substring(ndjson.indexOf('\n') + 1);
  }

  private static void assertSameOutcome(Outcome expected, Outcome actual, int i) {
    if (expected instanceof Outcome.Write e) {
      assertThat(actual).as("record %d", i).isInstanceOf(Outcome.Write.class);
      Outcome.Write a = (Outcome.Write) actual;
      assertThat(new String(a.ndjson(), StandardCharsets.UTF_8))
          .as("record %d", i)
          .isEqualTo(new String(e.ndjson(), StandardCharsets.UTF_8));
    } else {
      assertThat(actual).as("record %d", i).isEqualTo(expected);
    }
  }

  private static JsonConverter converter(boolean schemas) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
    return converter;
  }

  private static SinkRecord record(
      String topic, int i, String key, long timestamp, Schema valueSchema, Object value) {
    return new SinkRecord(
        topic,
        i % 3,
        Schema.STRING_SCHEMA,
        key,
        valueSchema,
        value,
        i,
        timestamp,
        TimestampType.CREATE_TIME);
  }
}
