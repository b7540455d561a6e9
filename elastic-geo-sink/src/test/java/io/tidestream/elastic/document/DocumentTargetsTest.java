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
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Where a document goes: topic.index.map, index.name, and document.routing.field. */
class DocumentTargetsTest {

  static final long T = NoaaRecords.T;

  private final ObjectMapper mapper = new ObjectMapper();

  private DocumentFactory factory(Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.urls", "http://127.0.0.1:9200");
    props.put("index.name", "tides-${yyyy.MM}");
    props.put("geo.enabled", "false");
    props.putAll(overrides);
    return TaskComponents.documentFactory(
        new ElasticGeoSinkConfig(props), mapper, mapper.getFactory());
  }

  private static SinkRecord record(String topic, Object key, Object value) {
    return new SinkRecord(topic, 0, null, key, null, value, 1, T, TimestampType.CREATE_TIME);
  }

  private JsonNode action(Outcome outcome) throws Exception {
    assertThat(outcome).isInstanceOf(Outcome.Write.class);
    String text = new String(((Outcome.Write) outcome).ndjson(), StandardCharsets.UTF_8);
    return mapper.readTree(text.substring(0, text.indexOf('\n')));
  }

  private static String json(String stationId) {
    return "{\"station_id\":"
        + stationId
        + ",\"product\":\"water_level\",\"time\":\"2015-01-01T00:06:00Z\",\"lat\":24.5,\"lon\":-81.8}";
  }

  @Test
  void aMappedTopicGoesToItsTargetAndOtherTopicsToIndexName() throws Exception {
    DocumentFactory factory =
        factory(Map.of("topic.index.map", "noaa.water_level:tides-alias, noaa.wind:wind-${yyyy}"));
    Map<String, Object> value = Map.of("station_id", "1", "product", "p", "time", T);
    assertThat(
            action(factory.build(record("noaa.water_level", null, value)))
                .at("/index/_index")
                .asText())
        .isEqualTo("tides-alias");
    assertThat(action(factory.build(record("noaa.wind", null, value))).at("/index/_index").asText())
        .isEqualTo("wind-2015");
    assertThat(
            action(factory.build(record("noaa.other", null, value))).at("/index/_index").asText())
        .isEqualTo("tides-2015.01");
    // back to a mapped topic after another one: the per-topic lookup is not stuck on the last topic
    assertThat(
            action(factory.build(record("noaa.water_level", null, value)))
                .at("/index/_index")
                .asText())
        .isEqualTo("tides-alias");
  }

  @Test
  void aTopicWithoutATargetIsRejectedNamingTheTopicAndTheFix() {
    DocumentFactory factory =
        factory(Map.of("index.name", "", "topic.index.map", "noaa.water_level:tides"));
    Outcome outcome =
        factory.build(
            record("noaa.wind", null, Map.of("station_id", "1", "product", "p", "time", T)));
    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.action()).isEqualTo(RecordFailureAction.DEAD_LETTER);
              assertThat(r.type()).isEqualTo("no_target_index");
              assertThat(r.reason())
                  .contains("'noaa.wind'")
                  .contains("add 'noaa.wind:<index>' to topic.index.map or set index.name");
            });
  }

  @Test
  void theRoutingFieldBecomesTheActionsRoutingForEveryValueType() throws Exception {
    DocumentFactory factory = factory(Map.of("document.routing.field", "station_id"));
    // raw bytes (the pipeline's default), a JSON string, a map and a struct
    assertThat(
            action(
                    factory.build(
                        record("t", null, json("\"8724580\"").getBytes(StandardCharsets.UTF_8))))
                .at("/index/routing")
                .asText())
        .isEqualTo("8724580");
    assertThat(
            action(factory.build(record("t", null, json("8724580")))).at("/index/routing").asText())
        .isEqualTo("8724580");
    Map<String, Object> map = new HashMap<>(Map.of("station_id", 42L, "product", "p", "time", T));
    assertThat(action(factory.build(record("t", null, map))).at("/index/routing").asText())
        .isEqualTo("42");
    assertThat(
            action(factory.build(record("t", null, NoaaRecords.keyWest())))
                .at("/index/routing")
                .asText())
        .isEqualTo(NoaaRecords.keyWest().getString("station_id"));
    // the routing belongs to its record only
    DocumentFactory plain = factory(Map.of());
    assertThat(action(plain.build(record("t", null, map))).at("/index").has("routing")).isFalse();
  }

  @Test
  void aNestedRoutingFieldIsReadFromRawBytes() throws Exception {
    DocumentFactory factory = factory(Map.of("document.routing.field", "meta.shard"));
    String value =
        "{\"station_id\":\"1\",\"product\":\"p\",\"time\":\"2015-01-01T00:06:00Z\","
            + "\"meta\":{\"shard\":\"north\"},\"lat\":1.0,\"lon\":2.0}";
    assertThat(
            action(factory.build(record("t", null, value.getBytes(StandardCharsets.UTF_8))))
                .at("/index/routing")
                .asText())
        .isEqualTo("north");
  }

  @Test
  void aRecordWithoutOrWithABadRoutingFieldIsDeadLetteredWithTheReason() {
    DocumentFactory factory = factory(Map.of("document.routing.field", "station_id"));
    Outcome missing =
        factory.build(record("t", null, Map.of("product", "p", "time", T, "station_id2", "x")));
    // the id comes first: give the record its id fields but no routing field
    DocumentFactory byOffset =
        factory(
            Map.of(
                "document.routing.field", "region", "document.id.strategy", "kafka-coordinates"));
    Outcome noRegion = byOffset.build(record("t", null, Map.of("station_id", "1")));
    assertThat(noRegion)
        .isEqualTo(
            new Outcome.Rejected(
                RecordFailureAction.DEAD_LETTER,
                "document",
                "missing_routing_field",
                "routing field 'region' is missing or null in the record's value; fix the record"
                    + " or document.routing.field"));
    assertThat(missing).isInstanceOf(Outcome.Rejected.class);
    Outcome bad = byOffset.build(record("t", null, Map.of("region", Map.of("a", 1))));
    assertThat(bad)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.type()).isEqualTo("invalid_routing_field");
              assertThat(r.reason()).contains("must be a non-empty string or a number");
            });
    assertThat(byOffset.build(record("t", null, Map.of("region", ""))))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.type()).isEqualTo("invalid_routing_field"));
    // a rejected record leaves no routing behind for the next one
    DocumentFactory both =
        factory(
            Map.of(
                "document.routing.field", "region", "document.id.strategy", "kafka-coordinates"));
    both.build(record("t", null, Map.of("region", true)));
    assertThat(both.build(record("t", null, Map.of("region", "south"))))
        .isInstanceOf(Outcome.Write.class);
  }

  @Test
  void aTombstoneDeleteTakesItsRoutingFromTheKey() throws Exception {
    Map<String, String> props =
        Map.of(
            "index.name", "tides",
            "behavior.on.null.values", "delete",
            "document.routing.field", "station_id");
    DocumentFactory factory = factory(props);
    Map<String, Object> key = Map.of("station_id", "8724580", "product", "water_level", "time", T);
    JsonNode delete = action(factory.build(record("t", key, null)));
    assertThat(delete.at("/delete/_id").asText()).isEqualTo("8724580|water_level|" + T);
    assertThat(delete.at("/delete/routing").asText()).isEqualTo("8724580");

    Outcome stringKey = factory.build(record("t", "8724580|water_level|" + T, null));
    assertThat(stringKey)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.type()).isEqualTo("missing_routing_field");
              assertThat(r.reason())
                  .contains("in the record's key")
                  .contains("a tombstone has no value");
            });
  }

  @Test
  void routingTextOfNumbersIsTheirDecimalForm() {
    assertThat(DocumentFactory.routingText(7)).isEqualTo("7");
    assertThat(DocumentFactory.routingText(1.5)).isEqualTo("1.5");
    assertThat(DocumentFactory.routingText(new java.math.BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(DocumentFactory.routingText(true)).isNull();
    assertThat(DocumentFactory.routingText("")).isNull();
  }
}
