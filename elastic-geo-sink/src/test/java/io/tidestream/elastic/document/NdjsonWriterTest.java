package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.config.TimeFormat;
import io.tidestream.elastic.geo.GeoPoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact bytes of bulk lines: what Elasticsearch and OpenSearch read. */
class NdjsonWriterTest {

  /** 2015-01-01T00:06:00Z */
  private static final long T = 1_420_070_760_000L;

  private static final GeoPoint KEY_WEST = new GeoPoint(24.5508, -81.8081);

  private final ObjectMapper mapper = new ObjectMapper();

  private NdjsonWriter writer(TimeFormat format) {
    return new NdjsonWriter(mapper.getFactory(), format, "location");
  }

  private NdjsonWriter writer() {
    return writer(TimeFormat.ISO_8601);
  }

  private static String text(byte[] ndjson) {
    return new String(ndjson, StandardCharsets.UTF_8);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---- action lines ----

  @Test
  void indexActionNamesIndexAndIdThenTheSourceLine() throws Exception {
    byte[] bytes =
        writer().indexMap("tides-2015.01", "8724580|water_level|" + T, map("v", 1), null);

    assertThat(text(bytes))
        .isEqualTo(
            "{\"index\":{\"_index\":\"tides-2015.01\",\"_id\":\"8724580|water_level|1420070760000\"}}\n"
                + "{\"v\":1}\n");
  }

  @Test
  void withoutAnIdTheEngineChoosesOne() throws Exception {
    assertThat(text(writer().indexMap("tides", null, map("v", 1), null)))
        .isEqualTo("{\"index\":{\"_index\":\"tides\"}}\n{\"v\":1}\n");
  }

  @Test
  void deleteIsOneLineWithoutSource() throws Exception {
    assertThat(text(writer().delete("tides", "8724580|water_level|" + T)))
        .isEqualTo(
            "{\"delete\":{\"_index\":\"tides\",\"_id\":\"8724580|water_level|1420070760000\"}}\n");
  }

  static Stream<Arguments> escapedIds() {
    return Stream.of(
        Arguments.of("a\"b", "a\\\"b"),
        Arguments.of("a\\b", "a\\\\b"),
        Arguments.of("line\nbreak\r\ttab", "line\\nbreak\\r\\ttab"),
        Arguments.of("bell\u0007", "bell\\u0007"),
        Arguments.of("a/b", "a/b"),
        Arguments.of("Zürich|Sète", "Zürich|Sète"),
        Arguments.of("潮位", "潮位"),
        Arguments.of("", ""));
  }

  /** Ids and index names come from record data; a quote or a newline must not end the line. */
  @ParameterizedTest
  @MethodSource("escapedIds")
  void idsAndIndexNamesAreJsonEscapedAndStayOnOneLine(String raw, String escaped) throws Exception {
    String line = text(writer().delete("idx-" + raw, raw));

    assertThat(line)
        .isEqualTo(
            "{\"delete\":{\"_index\":\"idx-" + escaped + "\",\"_id\":\"" + escaped + "\"}}\n");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    assertThat(mapper.readTree(line).path("delete").path("_id").asText()).isEqualTo(raw);
  }

  // ---- Struct sources ----

  private static final Schema NESTED =
      SchemaBuilder.struct().name("nested").field("n", Schema.INT32_SCHEMA).build();

  private static final Schema ALL_TYPES =
      SchemaBuilder.struct()
          .name("all")
          .field("i8", Schema.INT8_SCHEMA)
          .field("i16", Schema.INT16_SCHEMA)
          .field("i32", Schema.INT32_SCHEMA)
          .field("i64", Schema.INT64_SCHEMA)
          .field("f32", Schema.FLOAT32_SCHEMA)
          .field("f64", Schema.FLOAT64_SCHEMA)
          .field("bool", Schema.BOOLEAN_SCHEMA)
          .field("str", Schema.STRING_SCHEMA)
          .field("bytes", Schema.BYTES_SCHEMA)
          .field("list", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
          .field("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.FLOAT64_SCHEMA).build())
          .field("nested", NESTED)
          .field("ts", Timestamp.SCHEMA)
          .field("day", org.apache.kafka.connect.data.Date.SCHEMA)
          .field("tod", Time.SCHEMA)
          .field("dec", Decimal.schema(2))
          .field("gap", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .build();

  private static Struct allTypes() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("a", 1.5);
    m.put("b", -0.25);
    return new Struct(ALL_TYPES)
        .put("i8", (byte) -8)
        .put("i16", (short) 1600)
        .put("i32", 2_000_000_000)
        .put("i64", T)
        .put("f32", 0.1f)
        .put("f64", 0.312)
        .put("bool", true)
        .put("str", "Key West")
        .put("bytes", new byte[] {1, 2, (byte) 0xff})
        .put("list", Arrays.asList("x", null))
        .put("map", m)
        .put("nested", new Struct(NESTED).put("n", 7))
        .put("ts", new Date(T))
        .put("day", new Date(T - 6 * 60_000))
        .put("tod", new Date(12 * 3_600_000 + 34 * 60_000 + 56_789))
        .put("dec", new BigDecimal("12.30"))
        .put("gap", null);
  }

  @Test
  void structFieldsAreWrittenInSchemaOrderWithTheirTypes() throws Exception {
    byte[] bytes = writer().indexStruct("i", "1", allTypes(), null);

    assertThat(text(bytes))
        .isEqualTo(
            "{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n"
                + "{\"i8\":-8,\"i16\":1600,\"i32\":2000000000,\"i64\":1420070760000,\"f32\":0.1,"
                + "\"f64\":0.312,\"bool\":true,\"str\":\"Key West\",\"bytes\":\"AQL/\","
                + "\"list\":[\"x\",null],\"map\":{\"a\":1.5,\"b\":-0.25},\"nested\":{\"n\":7},"
                + "\"ts\":\"2015-01-01T00:06:00Z\",\"day\":\"2015-01-01\",\"tod\":\"12:34:56.789\","
                + "\"dec\":12.30,\"gap\":null}\n");
  }

  @Test
  void epochMillisWritesTimestampsAsNumbersButLeavesDatesAndTimesAsText() throws Exception {
    String source =
        text(writer(TimeFormat.EPOCH_MILLIS).indexStruct("i", "1", allTypes(), null))
            .split("\n")[1];

    assertThat(source)
        .contains("\"ts\":1420070760000,")
        .contains("\"day\":\"2015-01-01\"")
        .contains("\"tod\":\"12:34:56.789\"");
  }

  @Test
  void aTimeOnTheMinuteKeepsItsSeconds() throws Exception {
    Schema s = SchemaBuilder.struct().field("tod", Time.SCHEMA).build();
    String source =
        text(writer().indexStruct("i", null, new Struct(s).put("tod", new Date(6 * 60_000)), null))
            .split("\n")[1];

    assertThat(source).isEqualTo("{\"tod\":\"00:06:00\"}");
  }

  @Test
  void aGeoPointReplacesTheStructFieldOfTheSameNameAtTheEnd() throws Exception {
    Schema s =
        SchemaBuilder.struct()
            .field("location", Schema.OPTIONAL_STRING_SCHEMA)
            .field("value", Schema.FLOAT64_SCHEMA)
            .build();
    Struct value = new Struct(s).put("location", "24.5508,-81.8081").put("value", 0.312);

    assertThat(text(writer().indexStruct("i", "1", value, KEY_WEST)).split("\n")[1])
        .isEqualTo("{\"value\":0.312,\"location\":{\"lat\":24.5508,\"lon\":-81.8081}}");
    assertThat(text(writer().indexStruct("i", "1", value, null)).split("\n")[1])
        .isEqualTo("{\"location\":\"24.5508,-81.8081\",\"value\":0.312}");
  }

  @Test
  void anEmptyStructIsAnEmptyObject() throws Exception {
    Struct empty = new Struct(SchemaBuilder.struct().build());

    assertThat(text(writer().indexStruct("i", "1", empty, null)))
        .isEqualTo("{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{}\n");
    assertThat(text(writer().indexStruct("i", "1", empty, KEY_WEST)).split("\n")[1])
        .isEqualTo("{\"location\":{\"lat\":24.5508,\"lon\":-81.8081}}");
  }

  // ---- schemaless sources ----

  @Test
  void schemalessValuesKeepTheirJsonTypes() throws Exception {
    Map<Object, Object> value = new LinkedHashMap<>();
    value.put("s", "text");
    value.put("i", 42);
    value.put("l", T);
    value.put("sh", (short) -3);
    value.put("b", (byte) 9);
    value.put("d", 0.312);
    value.put("f", 1.5f);
    value.put("t", false);
    value.put("obj", map("x", null));
    value.put("arr", List.of(1, "two", List.of()));
    value.put("bd", new BigDecimal("1.10"));
    value.put("bi", new BigInteger("123456789012345678901234567890"));
    value.put("date", new Date(T));
    value.put("struct", new Struct(NESTED).put("n", 1));
    value.put("raw", new byte[] {0, 1});
    value.put("buf", ByteBuffer.wrap(new byte[] {9, 0, 1, 9}, 1, 2));
    value.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    value.put(7, "key not a string");
    value.put("none", null);

    assertThat(text(writer().indexMap("i", null, value, null)).split("\n")[1])
        .isEqualTo(
            "{\"s\":\"text\",\"i\":42,\"l\":1420070760000,\"sh\":-3,\"b\":9,\"d\":0.312,\"f\":1.5,"
                + "\"t\":false,\"obj\":{\"x\":null},\"arr\":[1,\"two\",[]],\"bd\":1.10,"
                + "\"bi\":123456789012345678901234567890,\"date\":\"2015-01-01T00:06:00Z\","
                + "\"struct\":{\"n\":1},\"raw\":\"AAE=\",\"buf\":\"AAE=\","
                + "\"uuid\":\"123e4567-e89b-12d3-a456-426614174000\",\"7\":\"key not a string\","
                + "\"none\":null}");
  }

  @Test
  void aByteBufferIsWrittenFromItsPositionAndLeftAsItWas() throws Exception {
    ByteBuffer buf = ByteBuffer.wrap(new byte[] {9, 0, 1, 9}, 1, 2);

    writer().indexMap("i", null, map("buf", buf), null);

    assertThat(buf.position()).isEqualTo(1);
    assertThat(buf.remaining()).isEqualTo(2);
  }

  @Test
  void schemalessDatesFollowTheTimeFormat() throws Exception {
    assertThat(
            text(writer(TimeFormat.EPOCH_MILLIS)
                    .indexMap("i", null, map("date", new Date(T)), null))
                .split("\n")[1])
        .isEqualTo("{\"date\":1420070760000}");
  }

  @Test
  void aGeoPointReplacesTheMapEntryOfTheSameName() throws Exception {
    Map<String, Object> value = map("location", "here", "value", 0.312);

    assertThat(text(writer().indexMap("i", "1", value, KEY_WEST)).split("\n")[1])
        .isEqualTo("{\"value\":0.312,\"location\":{\"lat\":24.5508,\"lon\":-81.8081}}");
    assertThat(text(writer().indexMap("i", "1", value, null)).split("\n")[1])
        .isEqualTo("{\"location\":\"here\",\"value\":0.312}");
  }

  @Test
  void anEmptyMapIsAnEmptyObject() throws Exception {
    assertThat(text(writer().indexMap("i", "1", Map.of(), null)))
        .isEqualTo("{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{}\n");
  }

  // ---- text: escaping, non-ASCII, sizes ----

  @Test
  void stringsAreEscapedSoTheSourceStaysOneLine() throws Exception {
    Map<String, Object> value = map("q\"k", "say \"hi\"\\\n\r\t\u0000\u001f end");

    byte[] bytes = writer().indexMap("i", null, value, null);

    assertThat(text(bytes).split("\n")[1])
        .isEqualTo("{\"q\\\"k\":\"say \\\"hi\\\"\\\\\\n\\r\\t\\u0000\\u001F end\"}");
    assertThat(text(bytes).chars().filter(c -> c == '\n')).hasSize(2);
  }

  @Test
  void nonAsciiIsWrittenAsUtf8AndCountedInBytes() throws Exception {
    // é: 2 bytes, 潮: 3 bytes
    byte[] bytes = writer().indexMap("i", null, map("name", "Sète 潮"), null);

    String expected = "{\"index\":{\"_index\":\"i\"}}\n{\"name\":\"Sète 潮\"}\n";
    assertThat(bytes).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    assertThat(bytes).hasSize(expected.length() + 1 + 2);
  }

  @Test
  void aCharacterOutsideTheBasicPlaneIsEscapedAsItsSurrogatePair() throws Exception {
    byte[] bytes = writer().indexMap("i", null, map("wave", "\uD83C\uDF0A"), null);

    assertThat(text(bytes).split("\n")[1]).isEqualTo("{\"wave\":\"\\uD83C\\uDF0A\"}");
    assertThat(mapper.readTree(text(bytes).split("\n")[1]).path("wave").asText())
        .isEqualTo("\uD83C\uDF0A");
  }

  @Test
  void aVeryLongStringIsWrittenWhole() throws Exception {
    String longText = "ab\"".repeat(400_000);

    byte[] bytes = writer().indexMap("i", null, map("s", longText), null);

    String head = "{\"index\":{\"_index\":\"i\"}}\n{\"s\":\"";
    assertThat(bytes).hasSize(head.length() + 4 * 400_000 + 3);
    assertThat(text(bytes)).startsWith(head + "ab\\\"ab").endsWith("ab\\\"\"}\n");
  }

  // ---- raw JSON copied as it is ----

  @Test
  void rawJsonIsCopiedTrimmedWithoutAGeoPoint() throws Exception {
    assertThat(text(writer().indexRawJson("i", "1", "  {\"a\": 1, \"b\":\"Sète\"}\t ", null)))
        .isEqualTo("{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{\"a\": 1, \"b\":\"Sète\"}\n");
  }

  @Test
  void theGeoPointIsSplicedBeforeTheLastBrace() throws Exception {
    assertThat(text(writer().indexRawJson("i", null, "{\"a\":{\"b\":1}} ", new GeoPoint(1.5, -2))))
        .isEqualTo(
            "{\"index\":{\"_index\":\"i\"}}\n"
                + "{\"a\":{\"b\":1},\"location\":{\"lat\":1.5,\"lon\":-2.0}}\n");
  }

  @Test
  void splicedAndGeneratedGeoPointsAreTheSameBytes() throws Exception {
    NdjsonWriter w = writer();
    String spliced = text(w.indexRawJson("i", "1", "{\"value\":0.312}", KEY_WEST));
    String generated = text(w.indexMap("i", "1", map("value", 0.312), KEY_WEST));

    assertThat(spliced).isEqualTo(generated);
  }

  @Test
  void aGeoFieldNameIsEscapedInBothPaths() throws Exception {
    NdjsonWriter w = new NdjsonWriter(mapper.getFactory(), TimeFormat.ISO_8601, "geo\"point");
    String spliced = text(w.indexRawJson("i", null, "{\"v\":1}", new GeoPoint(0.5, 0.25)));
    String generated = text(w.indexMap("i", null, map("v", 1), new GeoPoint(0.5, 0.25)));

    assertThat(spliced)
        .isEqualTo(generated)
        .endsWith("{\"v\":1,\"geo\\\"point\":{\"lat\":0.5,\"lon\":0.25}}\n");
  }

  // ---- one writer, many documents ----

  @Test
  void eachCallReturnsOnlyItsOwnLines() throws Exception {
    NdjsonWriter w = writer();
    byte[] first = w.indexMap("i", "1", map("v", 1), null);
    byte[] second = w.delete("i", "2");
    byte[] third = w.indexRawJson("i", "3", "{\"v\":3}", null);

    assertThat(text(first)).isEqualTo("{\"index\":{\"_index\":\"i\",\"_id\":\"1\"}}\n{\"v\":1}\n");
    assertThat(text(second)).isEqualTo("{\"delete\":{\"_index\":\"i\",\"_id\":\"2\"}}\n");
    assertThat(text(third)).isEqualTo("{\"index\":{\"_index\":\"i\",\"_id\":\"3\"}}\n{\"v\":3}\n");
  }

  @Test
  void recoverStartsCleanAfterADocumentFailedHalfWay() throws Exception {
    NdjsonWriter w = writer();
    Object unprintable =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("cannot print");
          }
        };
    assertThatThrownBy(() -> w.indexMap("i", "1", map("ok", 1, "bad", unprintable), null))
        .isInstanceOf(IllegalStateException.class);

    w.recover();

    assertThat(text(w.indexMap("i", "2", map("v", 2), null)))
        .isEqualTo("{\"index\":{\"_index\":\"i\",\"_id\":\"2\"}}\n{\"v\":2}\n");
  }

  @Test
  void nestingBeyondTheWriterLimitFailsAndRecoverStartsClean() throws Exception {
    Map<String, Object> deep = new HashMap<>();
    Map<String, Object> current = deep;
    for (int i = 0; i < 1_500; i++) {
      Map<String, Object> next = new HashMap<>();
      current.put("n", next);
      current = next;
    }
    List<Object> list = new ArrayList<>();
    list.add(deep);
    NdjsonWriter w = writer();

    assertThatThrownBy(() -> w.indexMap("i", "1", map("deep", list), null))
        .isInstanceOf(StreamConstraintsException.class);

    w.recover();
    assertThat(text(w.delete("i", "1")))
        .isEqualTo("{\"delete\":{\"_index\":\"i\",\"_id\":\"1\"}}\n");
  }
}
