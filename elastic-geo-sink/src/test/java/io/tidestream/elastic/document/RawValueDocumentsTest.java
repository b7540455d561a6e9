package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.TaskComponents;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * Raw values (byte[] from ByteArrayConverter, String from StringConverter) give byte for byte the
 * documents the worker's JsonConverter gives today: an envelope as the Struct path writes it
 * (schemas.enable=true), plain JSON as the JSON text path copies it.
 */
class RawValueDocumentsTest {

  static final long T = 1_420_070_760_000L;

  /** Every type the copy writes itself, optional ones, and the source's Timestamp. */
  static final Schema SCHEMA =
      SchemaBuilder.struct()
          .name("io.tidestream.noaa.Observation")
          .field("station_id", Schema.STRING_SCHEMA)
          .field("station_name", Schema.OPTIONAL_STRING_SCHEMA)
          .field("lat", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("lon", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("product", Schema.STRING_SCHEMA)
          .field("time", Timestamp.SCHEMA)
          .field("value", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("sigma", Schema.OPTIONAL_FLOAT32_SCHEMA)
          .field("count", Schema.OPTIONAL_INT32_SCHEMA)
          .field("small", Schema.OPTIONAL_INT8_SCHEMA)
          .field("mid", Schema.OPTIONAL_INT16_SCHEMA)
          .field("seq", Schema.OPTIONAL_INT64_SCHEMA)
          .field("verified", Schema.OPTIONAL_BOOLEAN_SCHEMA)
          .build();

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonConverter withSchemas = converter(true);
  private final JsonConverter schemaless = converter(false);

  static JsonConverter converter(boolean schemas) {
    JsonConverter c = new JsonConverter();
    c.configure(Map.of("schemas.enable", Boolean.toString(schemas)), false);
    return c;
  }

  DocumentFactory factory(Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.urls", "http://127.0.0.1:9200");
    props.put("index.name", "tides-${yyyy.MM}");
    props.put("index.time.field", "time");
    props.putAll(overrides);
    return TaskComponents.documentFactory(
        new ElasticGeoSinkConfig(props), mapper, mapper.getFactory());
  }

  static SinkRecord record(Schema schema, Object value, long offset) {
    return new SinkRecord(
        "noaa.water_level", 0, null, "k", schema, value, offset, T, TimestampType.CREATE_TIME);
  }

  /** Random observations: unicode, nulls, extreme numbers, coordinates out of range, gaps. */
  static List<Struct> observations(int n, long seed) {
    Random r = new Random(seed);
    String[] names = {"Key West", "Säo Tomé «port»", "東京", "a/b", "", "x\u007fy", "😀 pier"};
    List<Struct> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Struct s = new Struct(SCHEMA);
      s.put("station_id", Integer.toString(8_700_000 + r.nextInt(1000)));
      s.put("station_name", r.nextInt(10) == 0 ? null : names[r.nextInt(names.length)]);
      s.put("lat", r.nextInt(50) == 0 ? null : (r.nextDouble() * 200 - 100));
      s.put(
          "lon", r.nextInt(50) == 0 ? null : Math.round(r.nextDouble() * 360_000 - 180_000) / 1e3);
      s.put("product", "water_level");
      s.put(
          "time",
          new Date(T + r.nextInt(1_000_000) * 360_000L + (r.nextBoolean() ? 0 : r.nextInt(1000))));
      s.put(
          "value",
          pick(
              r,
              new Double[] {null, 0.0, -0.0, 1e-7, 123456789.123, 1e22, 0.312, r.nextGaussian()}));
      s.put("sigma", r.nextBoolean() ? null : (float) r.nextGaussian());
      s.put("count", r.nextBoolean() ? null : r.nextInt());
      s.put("small", r.nextBoolean() ? null : (byte) r.nextInt());
      s.put("mid", r.nextBoolean() ? null : (short) r.nextInt());
      s.put("seq", r.nextBoolean() ? null : r.nextLong());
      s.put("verified", r.nextBoolean() ? null : r.nextBoolean());
      out.add(s);
    }
    return out;
  }

  private static <V> V pick(Random r, V[] values) {
    return values[r.nextInt(values.length)];
  }

  private static final List<Map<String, String>> CONFIGS =
      List.of(
          Map.of(),
          Map.of("document.time.format", "epoch-millis"),
          Map.of(
              "geo.missing.action",
              "index-without-location",
              "geo.invalid.action",
              "index-without-location"),
          Map.of("geo.enabled", "false", "document.id.strategy", "kafka-coordinates"),
          Map.of("filter.error.predicates", "equals:verified=true,matches:station_name=K.*"),
          Map.of("document.id.fields", "station_id,time,value,small"));

  @Test
  void envelopeBytesGiveTheStructPathsDocumentsByteForByte() {
    for (Map<String, String> config : CONFIGS) {
      DocumentFactory f = factory(config);
      long offset = 0;
      for (Struct s : observations(600, config.hashCode())) {
        byte[] envelope = withSchemas.fromConnectData("t", SCHEMA, s);
        SchemaAndValue converted = withSchemas.toConnectData("t", envelope);
        Outcome today = f.build(record(converted.schema(), converted.value(), offset));
        Outcome raw = f.build(record(null, envelope, offset));
        Outcome text = f.build(record(null, new String(envelope, StandardCharsets.UTF_8), offset));
        assertSame(today, raw, config, offset);
        assertSame(today, text, config, offset);
        offset++;
      }
    }
  }

  @Test
  void plainJsonBytesAreCopiedAsTheJsonTextPathCopiesThem() throws Exception {
    for (Map<String, String> config : CONFIGS) {
      DocumentFactory f = factory(config);
      long offset = 0;
      for (Struct s : observations(400, 31 + config.hashCode())) {
        byte[] json = schemaless.fromConnectData("t", SCHEMA, s);
        String text = new String(json, StandardCharsets.UTF_8);
        Outcome map = f.build(record(null, mapper.readValue(json, Map.class), offset));
        Outcome raw = f.build(record(null, json, offset));
        Outcome fromText = f.build(record(null, text, offset));
        assertSame(fromText, raw, config, offset);
        // The same document as the Map path, field for field (the Map path's order is the map's).
        assertThat(raw.getClass()).isEqualTo(map.getClass());
        if (raw instanceof Outcome.Write w) {
          Outcome.Write m = (Outcome.Write) map;
          assertThat(w.id()).isEqualTo(m.id());
          assertThat(w.index()).isEqualTo(m.index());
          String[] rawLines = new String(w.ndjson(), StandardCharsets.UTF_8).split("\n");
          String[] mapLines = new String(m.ndjson(), StandardCharsets.UTF_8).split("\n");
          assertThat(mapper.readTree(rawLines[1])).isEqualTo(mapper.readTree(mapLines[1]));
          assertThat(rawLines[1]).startsWith(text.substring(0, text.length() - 1));
        }
        offset++;
      }
    }
  }

  @Test
  void envelopesTheCopyDoesNotCoverGiveTheStructPathsDocuments() {
    Schema rich =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("lat", Schema.FLOAT64_SCHEMA)
            .field("lon", Schema.FLOAT64_SCHEMA)
            .field("time", Timestamp.SCHEMA)
            .field("level", org.apache.kafka.connect.data.Decimal.schema(3))
            .field("day", org.apache.kafka.connect.data.Date.SCHEMA)
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("meta", SchemaBuilder.struct().field("at", Timestamp.SCHEMA).build())
            .build();
    Struct value =
        new Struct(rich)
            .put("station_id", "1")
            .put("lat", 1.5)
            .put("lon", 2.5)
            .put("time", new Date(T))
            .put("level", new java.math.BigDecimal("1.250"))
            .put("day", new Date(T - T % 86_400_000L))
            .put("raw", new byte[] {1, 2, 3})
            .put("tags", List.of("a", "b"))
            .put("meta", new Struct(rich.field("meta").schema()).put("at", new Date(T)));
    DocumentFactory f = factory(Map.of("document.id.fields", "station_id,time"));
    byte[] envelope = withSchemas.fromConnectData("t", rich, value);
    SchemaAndValue converted = withSchemas.toConnectData("t", envelope);
    Outcome today = f.build(record(converted.schema(), converted.value(), 1));
    assertThat(today).isInstanceOf(Outcome.Write.class);
    assertSame(today, f.build(record(null, envelope, 1)), "rich", 1);
    // Whitespace and a field order other than the schema's: JsonConverter reads it the same.
    String spaced =
        new String(
                withSchemas.fromConnectData("t", SCHEMA, observations(1, 5).get(0)),
                StandardCharsets.UTF_8)
            .replace(",\"", ", \"");
    SchemaAndValue fromSpaced =
        withSchemas.toConnectData("t", spaced.getBytes(StandardCharsets.UTF_8));
    assertSame(
        f.build(record(fromSpaced.schema(), fromSpaced.value(), 2)),
        f.build(record(null, spaced, 2)),
        "spaced",
        2);
  }

  @Test
  void anEnvelopeThatDoesNotMatchItsSchemaIsDeadLetteredAsInvalidEnvelope() {
    byte[] envelope = withSchemas.fromConnectData("t", SCHEMA, observations(1, 9).get(0));
    String broken =
        new String(envelope, StandardCharsets.UTF_8)
            .replaceFirst("\"product\":\"water_level\"", "\"product\":null");
    Outcome outcome =
        factory(Map.of()).build(record(null, broken.getBytes(StandardCharsets.UTF_8), 3));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.type()).isEqualTo(DocumentFactory.INVALID_ENVELOPE);
              assertThat(r.stage()).isEqualTo(DocumentFactory.STAGE_FILTER);
              assertThat(r.reason())
                  .contains("does not match its schema")
                  .contains("value.converter");
            });
  }

  @Test
  void anEnvelopeWhosePayloadIsAStringIsReadAsJsonTextAsTheWorkersConverterDid() {
    // {"schema":null,"payload":"<html>…"}: JsonConverter hands over the String, which the sink
    // reads as JSON text; an HTML page is non_json_value, not invalid_envelope
    String html = "{\"schema\":null,\"payload\":\"<html><body>502 Bad Gateway</body></html>\"}";
    DocumentFactory f = factory(Map.of());
    Outcome before = f.build(record(null, "<html><body>502 Bad Gateway</body></html>", 4));
    Outcome now = f.build(record(null, html.getBytes(StandardCharsets.UTF_8), 4));
    assertThat(now)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.type()).isEqualTo("non_json_value"));
    assertThat(now).isEqualTo(before);

    String json = "{\"schema\":null,\"payload\":\"{\\\"station_id\\\":\\\"1\\\"}\"}";
    assertSame(
        f.build(record(null, "{\"station_id\":\"1\"}", 5)),
        f.build(record(null, json.getBytes(StandardCharsets.UTF_8), 5)),
        "string payload",
        5);
  }

  static void assertSame(Outcome expected, Outcome actual, Object config, long offset) {
    String at = "config " + config + ", record " + offset;
    if (expected instanceof Outcome.Write e) {
      assertThat(actual).as(at).isInstanceOf(Outcome.Write.class);
      Outcome.Write a = (Outcome.Write) actual;
      assertThat(new String(a.ndjson(), StandardCharsets.UTF_8))
          .as(at)
          .isEqualTo(new String(e.ndjson(), StandardCharsets.UTF_8));
      assertThat(a.id()).as(at).isEqualTo(e.id());
      assertThat(a.index()).as(at).isEqualTo(e.index());
    } else {
      assertThat(actual).as(at).isEqualTo(expected);
    }
  }
}
