package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.TaskComponents;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.config.RecordFailureAction;
import io.tidestream.elastic.testing.NoaaRecords;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** write.method's action lines, document.id.strategy=record-key, behavior.on.null.values=fail. */
class WriteSemanticsTest {

  private static final long T = NoaaRecords.T;

  private final ObjectMapper mapper = new ObjectMapper();

  private DocumentFactory factory(String... kv) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.urls", "http://127.0.0.1:9200");
    props.put("index.name", "tides");
    for (int i = 0; i < kv.length; i += 2) {
      props.put(kv[i], kv[i + 1]);
    }
    return TaskComponents.documentFactory(
        new ElasticGeoSinkConfig(props), mapper, mapper.getFactory());
  }

  private static SinkRecord record(Object key, Object value) {
    return new SinkRecord(
        "noaa.water_level", 2, null, key, null, value, 7, T, TimestampType.CREATE_TIME);
  }

  private String[] lines(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Write.class);
    String text = new String(((Outcome.Write) outcome).ndjson(), StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    return text.split("\n");
  }

  private static final String JSON =
      "{\"station_id\":\"8724580\",\"product\":\"water_level\",\"time\":"
          + T
          + ",\"lat\":24.5508,\"lon\":-81.8081,\"value\":1.25}";

  /** Every way a value becomes a document: Struct, Map, copied JSON bytes, the JSON text path. */
  static Stream<Arguments> values() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("station_id", "8724580");
    map.put("product", "water_level");
    map.put("time", T);
    map.put("lat", 24.5508);
    map.put("lon", -81.8081);
    map.put("value", 1.25);
    return Stream.of(
        Arguments.of("struct", NoaaRecords.keyWest()),
        Arguments.of("map", map),
        Arguments.of("raw bytes (copied)", JSON.getBytes(StandardCharsets.UTF_8)),
        Arguments.of("json text (two lines)", JSON.replace(",\"value\"", ",\n\"value\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void upsertWritesAnUpdateWhoseDocIsTheIndexSourceWithDocAsUpsert(String kind, Object value)
      throws Exception {
    String[] index = lines(factory().build(record("k", value)));
    String[] upsert = lines(factory("write.method", "upsert").build(record("k", value)));

    assertThat(index[0]).startsWith("{\"index\":");
    assertThat(upsert).hasSize(2);
    JsonNode action = mapper.readTree(upsert[0]);
    assertThat(action.fieldNames()).toIterable().containsExactly("update");
    assertThat(action.get("update")).isEqualTo(mapper.readTree(index[0]).get("index"));
    JsonNode source = mapper.readTree(upsert[1]);
    assertThat(source.fieldNames()).toIterable().containsExactly("doc", "doc_as_upsert");
    assertThat(source.get("doc")).isEqualTo(mapper.readTree(index[1]));
    assertThat(source.get("doc_as_upsert").asBoolean()).isTrue();
    assertThat(source.get("doc").get("location").get("lat").asDouble()).isEqualTo(24.5508);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void createWritesACreateActionWithTheIndexSource(String kind, Object value) {
    String[] index = lines(factory().build(record("k", value)));
    String[] create = lines(factory("write.method", "create").build(record("k", value)));

    assertThat(create[0]).isEqualTo(index[0].replace("{\"index\":", "{\"create\":"));
    assertThat(create[1]).isEqualTo(index[1]);
  }

  @Test
  void theUppercaseValuesOfConfluentsConnectorAreAccepted() {
    assertThat(lines(factory("write.method", "UPSERT").build(record("k", JSON)))[0])
        .startsWith("{\"update\":");
  }

  @Test
  void tombstonesStayDeletesWhateverTheWriteMethod() {
    for (String method : List.of("index", "upsert", "create")) {
      assertThat(
              lines(
                  factory(
                          "write.method",
                          method,
                          "document.id.strategy",
                          "record-key",
                          "behavior.on.null.values",
                          "delete")
                      .build(record("8724580", null))))
          .containsExactly("{\"delete\":{\"_index\":\"tides\",\"_id\":\"8724580\"}}");
    }
  }

  // ---- data streams ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void aDataStreamGetsCreateActionsWithTheRecordTimeAsTimestamp(String kind, Object value)
      throws Exception {
    String[] index = lines(factory().build(record("k", value)));
    SinkRecord later =
        new SinkRecord(
            "noaa.water_level",
            2,
            null,
            "k",
            null,
            value,
            7,
            T + 60_000,
            TimestampType.CREATE_TIME);
    String[] stream = lines(factory("data.stream.enabled", "true").build(later));

    assertThat(stream[0]).isEqualTo(index[0].replace("{\"index\":", "{\"create\":"));
    JsonNode expected = mapper.readTree(index[1]);
    ((com.fasterxml.jackson.databind.node.ObjectNode) expected)
        .put("@timestamp", java.time.Instant.ofEpochMilli(T + 60_000).toString());
    assertThat(mapper.readTree(stream[1])).isEqualTo(expected);

    String[] fromField =
        lines(
            factory("data.stream.enabled", "true", "data.stream.timestamp.field", "time")
                .build(later));
    assertThat(mapper.readTree(fromField[1]).get("@timestamp").asText())
        .as("the value's time field, not the Kafka timestamp")
        .isEqualTo(java.time.Instant.ofEpochMilli(T).toString());
  }

  @Test
  void aValuesOwnTimestampFieldGivesWayToTheWrittenOneUnlessItIsTheConfiguredField()
      throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("@timestamp", "2001-01-01T00:00:00Z");
    map.put("v", 1);
    String[] written =
        lines(
            factory(
                    "data.stream.enabled",
                    "true",
                    "geo.enabled",
                    "false",
                    "document.id.strategy",
                    "record-key")
                .build(record("k", map)));
    assertThat(mapper.readTree(written[1]).get("@timestamp").asText())
        .isEqualTo(java.time.Instant.ofEpochMilli(T).toString());
    assertThat(written[1]).containsOnlyOnce("@timestamp");

    String[] kept =
        lines(
            factory(
                    "data.stream.enabled",
                    "true",
                    "data.stream.timestamp.field",
                    "@timestamp",
                    "geo.enabled",
                    "false",
                    "document.id.strategy",
                    "record-key")
                .build(record("k", map)));
    assertThat(mapper.readTree(kept[1]).get("@timestamp").asText())
        .isEqualTo("2001-01-01T00:00:00Z");
  }

  /** Every way a value with its own {@code @timestamp} becomes a document. */
  static Stream<Arguments> valuesWithTimestamp() {
    Schema schema =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("@timestamp", Schema.STRING_SCHEMA)
            .field("lat", Schema.FLOAT64_SCHEMA)
            .field("lon", Schema.FLOAT64_SCHEMA)
            .build();
    Struct struct =
        new Struct(schema)
            .put("station_id", "8724580")
            .put("@timestamp", "2001-01-01T00:00:00Z")
            .put("lat", 24.5508)
            .put("lon", -81.8081);
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("station_id", "8724580");
    map.put("@timestamp", "2001-01-01T00:00:00Z");
    map.put("lat", 24.5508);
    map.put("lon", -81.8081);
    String plain =
        "{\"station_id\":\"8724580\",\"@timestamp\":\"2001-01-01T00:00:00Z\",\"lat\":24.5508,"
            + "\"lon\":-81.8081}";
    byte[] envelope =
        RawValueDocumentsTest.converter(true).fromConnectData("noaa.water_level", schema, struct);
    return Stream.of(
        Arguments.of("struct", struct),
        Arguments.of("map", map),
        Arguments.of("raw bytes (copied)", plain.getBytes(StandardCharsets.UTF_8)),
        Arguments.of("raw bytes, @timestamp last", lastTimestamp(plain)),
        Arguments.of("raw envelope bytes", envelope),
        Arguments.of("schemaless envelope", ("{\"schema\":null,\"payload\":" + plain + "}")),
        Arguments.of("json text (two lines)", plain.replace(",\"lat\"", ",\n\"lat\"")));
  }

  private static byte[] lastTimestamp(String plain) {
    return (plain.replace("\"@timestamp\":\"2001-01-01T00:00:00Z\",", "").replace("}", "")
            + ",\"@timestamp\":\"2001-01-01T00:00:00Z\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesWithTimestamp")
  void aValuesOwnTimestampIsReplacedByTheRecordTimeOnEveryPath(String kind, Object value)
      throws Exception {
    ObjectMapper strict =
        new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    String[] written =
        lines(
            factory("data.stream.enabled", "true", "document.id.strategy", "record-key")
                .build(record("k", value)));
    JsonNode source = strict.readTree(written[1]); // a duplicate field fails here
    assertThat(source.get("@timestamp").asText())
        .isEqualTo(java.time.Instant.ofEpochMilli(T).toString());
    assertThat(source.get("station_id").asText()).isEqualTo("8724580");
    assertThat(source.get("location").get("lat").asDouble()).isEqualTo(24.5508);

    String[] kept =
        lines(
            factory(
                    "data.stream.enabled",
                    "true",
                    "data.stream.timestamp.field",
                    "@timestamp",
                    "document.id.strategy",
                    "record-key")
                .build(record("k", value)));
    assertThat(strict.readTree(kept[1]).get("@timestamp").asText())
        .isEqualTo("2001-01-01T00:00:00Z");
  }

  @Test
  void aDataStreamRecordWithoutAnyTimeIsABadRecord() {
    SinkRecord untimed =
        new SinkRecord(
            "noaa.water_level", 2, null, "k", null, JSON, 7, null, TimestampType.NO_TIMESTAMP_TYPE);
    assertThat(factory("data.stream.enabled", "true").build(untimed))
        .isEqualTo(
            new Outcome.Rejected(
                RecordFailureAction.DEAD_LETTER,
                DocumentFactory.STAGE_DOCUMENT,
                "missing_record_time",
                "no time for the data stream's @timestamp: the record has no timestamp and"
                    + " data.stream.timestamp.field is absent"));
  }

  // ---- record-key ids ----

  private String idOf(Object key) throws Exception {
    Outcome outcome = factory("document.id.strategy", "record-key").build(record(key, JSON));
    return mapper.readTree(lines(outcome)[0]).get("index").get("_id").asText();
  }

  @Test
  void aStringOrPrimitiveKeyIsTheIdAsText() throws Exception {
    assertThat(idOf("8724580|water_level")).isEqualTo("8724580|water_level");
    assertThat(idOf(42L)).isEqualTo("42");
    assertThat(idOf(42)).isEqualTo("42");
    assertThat(idOf(2.0d)).isEqualTo("2");
    assertThat(idOf(2.5d)).isEqualTo("2.5");
    assertThat(idOf(true)).isEqualTo("true");
    assertThat(idOf("ünïcode".getBytes(StandardCharsets.UTF_8))).isEqualTo("ünïcode");
  }

  @Test
  void aStructKeyGivesItsFieldValuesInSchemaOrderAndAMapKeyItsValuesInKeyOrder() throws Exception {
    Schema schema =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("product", Schema.STRING_SCHEMA)
            .field("time", Schema.INT64_SCHEMA)
            .build();
    Struct struct =
        new Struct(schema)
            .put("station_id", "8724580")
            .put("product", "water_level")
            .put("time", T);
    assertThat(idOf(struct)).isEqualTo("8724580|water_level|" + T);

    Map<String, Object> unordered = new HashMap<>();
    unordered.put("b_product", "water_level");
    unordered.put("c_time", T);
    unordered.put("a_station", "8724580");
    Map<String, Object> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
    reversed.putAll(unordered);
    assertThat(idOf(unordered)).isEqualTo("8724580|water_level|" + T);
    assertThat(idOf(reversed)).as("the map's own order does not matter").isEqualTo(idOf(unordered));

    Schema debezium = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    assertThat(idOf(new Struct(debezium).put("id", 42))).isEqualTo("42");
  }

  @Test
  void aRecordWithoutAKeyIsABadRecordForTheDeadLetterTopic() {
    Outcome outcome = factory("document.id.strategy", "record-key").build(record(null, JSON));
    assertThat(outcome)
        .isEqualTo(
            new Outcome.Rejected(
                RecordFailureAction.DEAD_LETTER,
                DocumentFactory.STAGE_DOCUMENT,
                "missing_record_key",
                "the record has no key (or an empty one), and document.id.strategy=record-key makes"
                    + " the key the document id; give the records a key or choose another"
                    + " document.id.strategy"));
    assertThat(factory("document.id.strategy", "record-key").build(record("", JSON)))
        .isInstanceOf(Outcome.Rejected.class);
  }

  @Test
  void aTombstoneDeletesTheDocumentOfItsKeysRecords() throws Exception {
    Schema schema =
        SchemaBuilder.struct()
            .field("station_id", Schema.STRING_SCHEMA)
            .field("product", Schema.STRING_SCHEMA)
            .build();
    Struct key = new Struct(schema).put("station_id", "8724580").put("product", "water_level");
    DocumentFactory factory =
        factory("document.id.strategy", "record-key", "behavior.on.null.values", "delete");
    Outcome write = factory.build(record(key, JSON));
    Outcome delete = factory.build(record(key, null));
    assertThat(((Outcome.Write) delete).id())
        .isEqualTo(((Outcome.Write) write).id())
        .isEqualTo("8724580|water_level");
    assertThat(((Outcome.Write) delete).delete()).isTrue();
  }

  // ---- behavior.on.null.values=fail ----

  @Test
  void aTombstoneIsARecordFailureWithActionFailWhateverItsKey() {
    for (Object key : new Object[] {"8724580", null}) {
      assertThat(factory("behavior.on.null.values", "fail").build(record(key, null)))
          .isEqualTo(
              new Outcome.Rejected(
                  RecordFailureAction.FAIL,
                  DocumentFactory.STAGE_DOCUMENT,
                  DocumentFactory.TOMBSTONE,
                  "tombstone (null value) and behavior.on.null.values=fail"));
    }
  }
}
