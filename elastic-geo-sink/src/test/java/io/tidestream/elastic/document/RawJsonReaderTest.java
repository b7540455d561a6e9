package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.config.TimeFormat;
import io.tidestream.elastic.document.RawJsonReader.Route;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/** Which raw values are copied, which take the Struct path, and which the JSON text path. */
class RawJsonReaderTest {

  static final Schema SCHEMA =
      SchemaBuilder.struct()
          .field("station_id", Schema.STRING_SCHEMA)
          .field("lat", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("lon", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .field("time", Timestamp.SCHEMA)
          .field("value", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .build();

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonConverter converter = RawValueDocumentsTest.converter(true);
  private final RawJsonReader reader = reader("location");

  RawJsonReader reader(String geo) {
    return new RawJsonReader(
        mapper, Set.of("station_id", "lat", "lon", "time", "error"), geo, TimeFormat.ISO_8601);
  }

  static Struct obs(double value) {
    return new Struct(SCHEMA)
        .put("station_id", "8724580")
        .put("lat", 24.5508)
        .put("lon", -81.8081)
        .put("time", new Date(RawValueDocumentsTest.T))
        .put("value", value);
  }

  private byte[] envelope(Schema schema, Object value) {
    return converter.fromConnectData("t", schema, value);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Route read(String value) {
    return reader.read(utf8(value));
  }

  @Test
  void aValueWithTheReplacedFieldIsNotCopiedButTakesThePathThatDropsIt() {
    RawJsonReader dataStream =
        new RawJsonReader(mapper, Set.of("station_id"), null, "@timestamp", TimeFormat.ISO_8601);
    String plain = "{\"station_id\":\"1\",\"@timestamp\":\"2001-01-01T00:00:00Z\"}";
    assertThat(dataStream.read(utf8(plain))).isEqualTo(Route.TEXT);
    assertThat(dataStream.read(utf8("{\"schema\":null,\"payload\":" + plain + "}")))
        .isEqualTo(Route.ENVELOPE);
    Schema withTimestamp =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("@timestamp", Schema.STRING_SCHEMA)
            .build();
    byte[] envelope =
        envelope(
            withTimestamp, new Struct(withTimestamp).put("station_id", "1").put("@timestamp", "x"));
    assertThat(dataStream.read(envelope)).isEqualTo(Route.ENVELOPE);
    assertThat(dataStream.read(envelope))
        .as("the known-schema fast path too")
        .isEqualTo(Route.ENVELOPE);

    RawJsonReader plainIndex = reader(null);
    assertThat(plainIndex.read(utf8(plain)))
        .as("without a data stream it is copied")
        .isEqualTo(Route.COPY);
    assertThat(plainIndex.read(envelope)).isEqualTo(Route.COPY);
  }

  @Test
  void theSourcesEnvelopeIsCopiedAndItsSchemaReadOnce() {
    for (int i = 0; i < 3; i++) {
      byte[] bytes = envelope(SCHEMA, obs(i));
      assertThat(reader.read(bytes)).isEqualTo(Route.COPY);
      RawSource source = reader.source();
      assertThat(source.fields())
          .containsEntry("station_id", "8724580")
          .containsEntry("lat", 24.5508)
          .containsEntry("time", new Date(RawValueDocumentsTest.T))
          .doesNotContainKey("value");
      String payload =
          new String(bytes, source.start, source.end - source.start, StandardCharsets.UTF_8);
      assertThat(payload).startsWith("{\"station_id\"").endsWith("}");
      assertThat(source.rewrites).isEqualTo(1);
    }
  }

  @Test
  void payloadFirstAndNullSchemaAreEnvelopesToo() {
    byte[] canonical = envelope(SCHEMA, obs(1.5));
    String text = new String(canonical, StandardCharsets.UTF_8);
    int split = text.indexOf(",\"payload\":");
    String schema = text.substring(1, split);
    String payload = text.substring(split + 1, text.length() - 1);
    assertThat(read("{" + payload + "," + schema + "}")).isEqualTo(Route.COPY);
    assertThat(read("{\"schema\":null,\"payload\":{\"station_id\":\"1\",\"lat\":1}}"))
        .isEqualTo(Route.COPY);
    assertThat(reader.source().fields()).containsEntry("lat", 1);
    // Schemaless payloads the copy cannot take go to JsonConverter, not to the text path.
    assertThat(read("{\"schema\":null,\"payload\":{\"location\":1}}")).isEqualTo(Route.ENVELOPE);
    assertThat(read("{\"schema\":null,\"payload\":{}}")).isEqualTo(Route.ENVELOPE);
  }

  @Test
  void payloadsTheCopyCannotWriteExactlyTakeTheStructPath() {
    byte[] canonical = envelope(SCHEMA, obs(1.5));
    String text = new String(canonical, StandardCharsets.UTF_8);
    reader.read(canonical); // remember the schema: the cases below take the known-schema path too
    List<String> cases =
        List.of(
            text.replace("\"value\":1.5", "\"value\":1.50"), // not Double.toString's form
            text.replace("\"value\":1.5", "\"value\":15e-1"),
            text.replace("\"value\":1.5", "\"value\":2"), // int in a double field: 2.0
            text.replace("\"value\":1.5", "\"value\":\"1.5\""),
            text.replace("\"value\":1.5", "\"value\": 1.5"), // whitespace
            text.replace("\"8724580\"", "\"87\\u00324580\""), // an escape
            text.replace("{\"station_id\":\"8724580\",", "{"), // a field missing
            text.replace("\"value\":1.5", "\"value\":1.5,\"extra\":1"), // not in the schema
            text.replace("\"station_id\":\"8724580\"", "\"station_id\":null"), // required null
            text.replace("\"time\":" + RawValueDocumentsTest.T, "\"time\":-0"));
    for (String c : cases) {
      assertThat(read(c)).as(c).isEqualTo(Route.ENVELOPE);
    }
    String reordered =
        text.replace("\"lat\":24.5508,\"lon\":-81.8081", "\"lon\":-81.8081,\"lat\":24.5508");
    assertThat(read(reordered)).isEqualTo(Route.ENVELOPE);
  }

  @Test
  void schemasTheCopyDoesNotCoverTakeTheStructPath() {
    Schema withDecimal =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("v", Decimal.schema(2))
            .build();
    Schema nested =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("meta", SchemaBuilder.struct().field("lat", Schema.FLOAT64_SCHEMA).build())
            .build();
    Schema withBytes =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("raw", Schema.BYTES_SCHEMA)
            .build();
    Schema withDate =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("d", org.apache.kafka.connect.data.Date.SCHEMA)
            .build();
    Schema withDefault =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("n", SchemaBuilder.int32().optional().defaultValue(7).build())
            .build();
    Schema withGeo =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("location", Schema.STRING_SCHEMA)
            .build();
    Schema int8 =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("b", Schema.INT8_SCHEMA)
            .build();
    assertThat(
            reader.read(
                envelope(
                    withDecimal,
                    new Struct(withDecimal)
                        .put("station_id", "1")
                        .put("v", new BigDecimal("1.25")))))
        .isEqualTo(Route.ENVELOPE);
    assertThat(
            reader.read(
                envelope(
                    nested,
                    new Struct(nested)
                        .put("station_id", "1")
                        .put("meta", new Struct(nested.field("meta").schema()).put("lat", 1.0)))))
        .isEqualTo(Route.ENVELOPE);
    assertThat(
            reader.read(
                envelope(
                    withBytes,
                    new Struct(withBytes).put("station_id", "1").put("raw", new byte[] {1}))))
        .isEqualTo(Route.ENVELOPE);
    assertThat(
            reader.read(
                envelope(
                    withDate, new Struct(withDate).put("station_id", "1").put("d", new Date(0)))))
        .isEqualTo(Route.ENVELOPE);
    assertThat(reader.read(envelope(withDefault, new Struct(withDefault).put("station_id", "1"))))
        .isEqualTo(Route.ENVELOPE);
    assertThat(
            reader.read(
                envelope(withGeo, new Struct(withGeo).put("station_id", "1").put("location", "x"))))
        .isEqualTo(Route.ENVELOPE);
    assertThat(
            reader("location")
                .read(
                    envelope(
                        withGeo, new Struct(withGeo).put("station_id", "1").put("location", "x"))))
        .isEqualTo(Route.ENVELOPE);
    // JsonConverter would wrap 300 into a byte: the Struct path decides.
    String b =
        new String(
            envelope(int8, new Struct(int8).put("station_id", "1").put("b", (byte) 3)),
            StandardCharsets.UTF_8);
    assertThat(read(b)).isEqualTo(Route.COPY);
    assertThat(read(b.replace("\"b\":3", "\"b\":300"))).isEqualTo(Route.ENVELOPE);
  }

  @Test
  void plainJsonIsCopiedWhenTheTextPathWouldCopyIt() {
    assertThat(read("{\"station_id\":\"1\",\"lat\":24.5,\"error\":{\"m\":[1]},\"x\":[{}]} "))
        .isEqualTo(Route.COPY);
    assertThat(reader.source().fields())
        .containsEntry("lat", 24.5)
        .containsEntry("error", Map.of("m", List.of(1)))
        .doesNotContainKey("x");
    // A plain object whose first field is "schema" is still plain JSON.
    assertThat(read("{\"schema\":1,\"station_id\":\"1\"}")).isEqualTo(Route.COPY);
    assertThat(read("{\"payload\":{},\"station_id\":\"1\"}")).isEqualTo(Route.COPY);
    // Without a geo point to splice, a geo field present is copied as it is.
    assertThat(reader(null).read(utf8("{\"location\":1}"))).isEqualTo(Route.COPY);
  }

  @Test
  void whatTheCopyCannotTakeOrIsBadGoesToTheTextPath() {
    List<String> cases =
        List.of(
            "",
            "   ",
            "<html>",
            "[1,2]",
            "\"text\"",
            "{\"station_id\":",
            "{\"a\":1} {\"b\":2}",
            "{\"a\":1}x",
            "{}",
            " {\"a\":1}",
            "{\"a\":1,\n\"b\":2}",
            "{\"a\":1,\"location\":{}}",
            "{\"schema\":{\"type\":\"string\"},\"payload\":{\"a\":1}} trailing");
    for (String c : cases) {
      assertThat(read(c)).as(c).isEqualTo(Route.TEXT);
    }
    // Other encodings Jackson would read: never copied as if they were UTF-8.
    String envelope = new String(envelope(SCHEMA, obs(1)), StandardCharsets.UTF_8);
    for (java.nio.charset.Charset cs :
        List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16)) {
      assertThat(reader.read(envelope.getBytes(cs))).as(cs.name()).isEqualTo(Route.TEXT);
      assertThat(reader.read("{\"a\":1}".getBytes(cs))).as(cs.name()).isEqualTo(Route.TEXT);
    }
    assertThat(reader.read(utf8("\uFEFF" + envelope))).isEqualTo(Route.TEXT);
    // A hand-written envelope with leading blanks is still an envelope.
    assertThat(read("  " + envelope)).isEqualTo(Route.COPY);
  }

  @Test
  void theSchemaCacheIsBounded() {
    EnvelopeSchemas schemas = new EnvelopeSchemas(mapper);
    for (int i = 0; i < EnvelopeSchemas.CAPACITY * 3; i++) {
      byte[] schema =
          utf8("{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"f" + i + "\"}]}");
      try {
        assertThat(schemas.get(schema, 0, schema.length).copyable()).isTrue();
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(schemas.size()).isEqualTo(EnvelopeSchemas.CAPACITY);
  }
}
