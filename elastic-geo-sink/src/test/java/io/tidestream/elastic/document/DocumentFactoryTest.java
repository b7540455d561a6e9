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
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DocumentFactoryTest {

  static final long T = NoaaRecords.T;

  private final ObjectMapper mapper = new ObjectMapper();

  private DocumentFactory factory(Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.urls", "http://127.0.0.1:9200");
    props.put("index.name", "tides-${yyyy.MM}");
    props.putAll(overrides);
    return TaskComponents.documentFactory(
        new ElasticGeoSinkConfig(props), mapper, mapper.getFactory());
  }

  private static SinkRecord record(Object value, long offset) {
    return new SinkRecord(
        "noaa.water_level", 2, null, "9447130", null, value, offset, T, TimestampType.CREATE_TIME);
  }

  static Struct keyWest() {
    return NoaaRecords.keyWest();
  }

  private JsonNode[] lines(Outcome outcome) throws Exception {
    assertThat(outcome).isInstanceOf(Outcome.Write.class);
    String text = new String(((Outcome.Write) outcome).ndjson(), StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    String[] parts = text.split("\n");
    JsonNode[] nodes = new JsonNode[parts.length];
    for (int i = 0; i < parts.length; i++) {
      nodes[i] = mapper.readTree(parts[i]);
    }
    return nodes;
  }

  @Test
  void structBecomesADocumentWithGeoPointIsoTimeAndFieldId() throws Exception {
    JsonNode[] lines = lines(factory(Map.of()).build(record(keyWest(), 7)));
    assertThat(lines).hasSize(2);
    assertThat(lines[0].path("index").path("_index").asText()).isEqualTo("tides-2015.01");
    assertThat(lines[0].path("index").path("_id").asText()).isEqualTo("8724580|water_level|" + T);
    assertThat(lines[1].path("time").asText()).isEqualTo("2015-01-01T00:06:00Z");
    assertThat(lines[1].path("value").asDouble()).isEqualTo(0.312);
    assertThat(lines[1].path("station_name").asText()).isEqualTo("Key West");
    assertThat(lines[1].path("location").path("lat").asDouble()).isEqualTo(24.5508);
    assertThat(lines[1].path("location").path("lon").asDouble()).isEqualTo(-81.8081);
  }

  @Test
  void epochMillisTimeFormatAndNullGapsAreKept() throws Exception {
    Struct gap = keyWest().put("value", null);
    JsonNode[] lines =
        lines(factory(Map.of("document.time.format", "epoch-millis")).build(record(gap, 1)));
    assertThat(lines[1].path("time").asLong()).isEqualTo(T);
    assertThat(lines[1].has("value")).isTrue();
    assertThat(lines[1].path("value").isNull()).isTrue();
  }

  @Test
  void schemalessMapBecomesADocument() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("station_id", "8724580");
    value.put("product", "water_level");
    value.put("time", T);
    value.put("lat", 24.5508);
    value.put("lon", -81.8081);
    value.put("value", 0.312);
    value.put("flags", java.util.List.of(0, 0, 1));
    JsonNode[] lines = lines(factory(Map.of()).build(record(value, 3)));
    assertThat(lines[0].path("index").path("_id").asText()).isEqualTo("8724580|water_level|" + T);
    assertThat(lines[1].path("flags")).hasSize(3);
    assertThat(lines[1].path("location").path("lon").asDouble()).isEqualTo(-81.8081);
  }

  @Test
  void jsonStringIsCopiedAsItIsWithTheGeoPointSplicedIn() throws Exception {
    String json =
        "{\"metadata\":{\"id\":\"8724580\",\"name\":\"Key"
            + " West\",\"lat\":\"24.5508\",\"lon\":\"-81.8081\"},\"t\":\"2015-01-01"
            + " 00:06\",\"v\":\"0.312\"}";
    DocumentFactory f =
        factory(
            Map.of(
                "geo.lat.field",
                "metadata.lat",
                "geo.lon.field",
                "metadata.lon",
                "document.id.fields",
                "metadata.id,t",
                "index.time.field",
                "t"));
    Outcome outcome = f.build(record(json, 4));
    String text = new String(((Outcome.Write) outcome).ndjson(), StandardCharsets.UTF_8);
    assertThat(text.split("\n")[1])
        .isEqualTo(
            json.substring(0, json.length() - 1)
                + ",\"location\":{\"lat\":24.5508,\"lon\":-81.8081}}");
    JsonNode[] lines = lines(outcome);
    assertThat(lines[0].path("index").path("_id").asText()).isEqualTo("8724580|2015-01-01 00:06");
    assertThat(lines[0].path("index").path("_index").asText()).isEqualTo("tides-2015.01");
  }

  @Test
  void multiLineJsonOrAnExistingGeoFieldIsReserialisedOnOneLine() throws Exception {
    String json =
        "{\n"
            + " \"station_id\":\"1\",\"product\":\"p\",\"time\":5,\n"
            + " \"lat\":10,\"lon\":20,\"location\":\"old\"\n"
            + "}";
    JsonNode[] lines = lines(factory(Map.of()).build(record(json, 5)));
    assertThat(lines).hasSize(2);
    assertThat(lines[1].path("location").path("lat").asDouble()).isEqualTo(10.0);
    assertThat(lines[1].path("station_id").asText()).isEqualTo("1");
  }

  @Test
  void kafkaCoordinateAndEngineIds() throws Exception {
    JsonNode[] coords =
        lines(
            factory(Map.of("document.id.strategy", "kafka-coordinates"))
                .build(record(keyWest(), 42)));
    assertThat(coords[0].path("index").path("_id").asText()).isEqualTo("noaa.water_level+2+42");
    JsonNode[] engine =
        lines(factory(Map.of("document.id.strategy", "engine")).build(record(keyWest(), 42)));
    assertThat(engine[0].path("index").has("_id")).isFalse();
  }

  @Test
  void missingIdFieldIsDeadLetteredWithItsName() {
    Map<String, Object> value = Map.of("lat", 1, "lon", 2, "station_id", "x", "product", "p");
    Outcome outcome = factory(Map.of()).build(record(value, 1));
    assertThat(outcome)
        .isEqualTo(
            new Outcome.Rejected(
                RecordFailureAction.DEAD_LETTER,
                "document",
                "missing_id_field",
                "id field 'time' is missing or null; fix the record or document.id.fields"));
    assertThat(factory(Map.of("errors.unknown.action", "ignore")).build(record(value, 1)))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.action()).isEqualTo(RecordFailureAction.DROP));
  }

  @Test
  void indexNameFollowsRecordTimeOrIsFixed() throws Exception {
    SinkRecord july =
        new SinkRecord(
            "noaa.water_level",
            0,
            null,
            null,
            null,
            keyWest(),
            1,
            1_436_000_000_000L,
            TimestampType.CREATE_TIME);
    assertThat(lines(factory(Map.of()).build(july))[0].path("index").path("_index").asText())
        .isEqualTo("tides-2015.07");
    assertThat(
            lines(factory(Map.of("index.name", "tides")).build(july))[0]
                .path("index")
                .path("_index")
                .asText())
        .isEqualTo("tides");
    assertThat(
            lines(factory(Map.of("index.name", "${topic}-${yyyy}")).build(july))[0]
                .path("index")
                .path("_index")
                .asText())
        .isEqualTo("noaa.water_level-2015");
    SinkRecord noTime =
        new SinkRecord(
            "t",
            0,
            null,
            null,
            null,
            Map.of("station_id", "1", "product", "p", "time", "x", "lat", 1, "lon", 1),
            1);
    assertThat(factory(Map.of()).build(noTime))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.type()).isEqualTo("missing_record_time"));
  }

  @Test
  void tombstonesDeleteByKeyOrAreIgnored() throws Exception {
    SinkRecord tombstone =
        new SinkRecord(
            "t", 0, null, "8724580|water_level|" + T, null, null, 9, T, TimestampType.CREATE_TIME);
    assertThat(factory(Map.of()).build(tombstone)).isInstanceOf(Outcome.Skip.class);
    Outcome delete = factory(Map.of("behavior.on.null.values", "delete")).build(tombstone);
    assertThat(delete)
        .isInstanceOfSatisfying(
            Outcome.Write.class,
            w -> {
              assertThat(w.delete()).isTrue();
              assertThat(new String(w.ndjson(), StandardCharsets.UTF_8))
                  .isEqualTo(
                      "{\"delete\":{\"_index\":\"tides-2015.01\",\"_id\":\"8724580|water_level|"
                          + T
                          + "\"}}\n");
            });
  }

  @Test
  void errorPayloadsAndHtmlPagesAreRejectedWithTheirReason() {
    DocumentFactory f = factory(Map.of());
    Outcome error = f.build(record("{\"error\":{\"message\":\"No data was found.\"}}", 1));
    assertThat(error)
        .isEqualTo(
            new Outcome.Rejected(
                RecordFailureAction.DEAD_LETTER,
                "filter",
                "error_payload",
                "value is an error payload (exists:error)"));
    Outcome html = f.build(record("<html><body>503 Service Unavailable</body></html>", 2));
    assertThat(html)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.type()).isEqualTo("non_json_value");
              assertThat(r.reason()).contains("HTML");
            });
    Outcome broken = f.build(record("{\"station_id\": ", 3));
    assertThat(broken)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.reason()).startsWith("value is not valid JSON"));
    Outcome twoObjects = f.build(record("{\"station_id\":\"1\"} {\"x\":{\"y\":2}}", 3));
    assertThat(twoObjects)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.type()).isEqualTo("non_json_value"));
    Outcome bytes = f.build(record(new byte[] {1, 2}, 4));
    assertThat(bytes)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.type()).isEqualTo("non_json_value"));
    Outcome notText = f.build(record(new byte[] {'{', (byte) 0xC3, '}'}, 4));
    assertThat(notText)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.reason()).contains("not UTF-8"));
    Outcome number = f.build(record(42L, 4));
    assertThat(number)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.type()).isEqualTo("unsupported_value_type"));
    Outcome dropped =
        factory(Map.of("filter.error.action", "drop")).build(record(Map.of("error", "x"), 5));
    assertThat(dropped)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.action()).isEqualTo(RecordFailureAction.DROP));
  }

  /**
   * A NOAA-shaped JSON document whose value field is an array of {@code n} readings (about 7 bytes
   * each).
   */
  static String withReadings(int n) {
    StringBuilder json =
        new StringBuilder(n * 8 + 200)
            .append(
                "{\"station_id\":\"8724580\",\"product\":\"water_level\","
                    + "\"time\":\"2015-01-01T00:06:00Z\",\"lat\":24.5508,\"lon\":-81.8081,\"value\":[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append(i % 1000 / 100.0);
    }
    return json.append("]}").toString();
  }

  /**
   * The 10 MB document that ran the launcher's OpenSearch out of heap, again after every restart.
   */
  @Test
  void aJsonValueLargerThanTheDocumentLimitIsRejectedAsTooLargeWithItsSizeBeforeItIsParsed() {
    String huge = withReadings(1_400_000);
    long bytes = huge.getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes).isGreaterThan(5_000_000);
    assertThat(factory(Map.of()).build(record(huge, 1)))
        .isEqualTo(
            new Outcome.Rejected(
                RecordFailureAction.DEAD_LETTER,
                "document",
                "document_too_large",
                "the value is "
                    + bytes
                    + " bytes of JSON text, more than document.max.bytes "
                    + "(1048576)"));
    assertThat(factory(Map.of("document.max.bytes", "-1")).build(record(huge, 1)))
        .as("-1 turns the limit off")
        .isInstanceOf(Outcome.Write.class);
  }

  @Test
  void aBuiltDocumentLargerThanTheLimitIsRejectedWithItsSizeWhateverTheValueType()
      throws Exception {
    Struct struct = keyWest().put("station_name", "K".repeat(3_000));
    Map<String, Object> map =
        new LinkedHashMap<>(
            Map.of(
                "station_id",
                "8724580",
                "product",
                "water_level",
                "time",
                T,
                "lat",
                24.5508,
                "lon",
                -81.8081,
                "value",
                java.util.Collections.nCopies(1_000, 0.25)));
    DocumentFactory f = factory(Map.of("document.max.bytes", "2048"));
    for (Object value : new Object[] {struct, map}) {
      Outcome outcome = f.build(record(value, 1));
      long size =
          new String(
                  ((Outcome.Write) factory(Map.of()).build(record(value, 1))).ndjson(),
                  StandardCharsets.UTF_8)
              .split("\n")[1].getBytes(StandardCharsets.UTF_8).length;
      assertThat(outcome)
          .as(value.getClass().getSimpleName())
          .isEqualTo(
              new Outcome.Rejected(
                  RecordFailureAction.DEAD_LETTER,
                  "document",
                  "document_too_large",
                  "the document is " + size + " bytes, more than document.max.bytes (2048)"));
    }
    assertThat(lines(f.build(record(keyWest(), 2)))).as("an ordinary document passes").hasSize(2);
    assertThat(
            factory(Map.of("document.max.bytes", "2048", "errors.unknown.action", "ignore"))
                .build(record(struct, 1)))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> assertThat(r.action()).isEqualTo(RecordFailureAction.DROP));
  }

  /**
   * Valid JSON beyond the parser's limits (nesting depth, number length) is too large, not "not
   * JSON".
   */
  @Test
  void jsonBeyondTheParsersLimitsIsTooLargeNotNonJson() {
    String deep =
        "{\"station_id\":\"1\",\"product\":\"p\",\"time\":5,\"lat\":1,\"lon\":2,\"nested\":"
            + "[".repeat(5_000)
            + "]".repeat(5_000)
            + "}";
    assertThat(factory(Map.of()).build(record(deep, 1)))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.type()).isEqualTo("document_too_large");
              assertThat(r.stage()).isEqualTo("document");
              assertThat(r.reason())
                  .startsWith("the value exceeds a limit of the JSON parser: ")
                  .contains("nesting depth")
                  .contains("maximum allowed");
            });
    String longNumber =
        "{\"station_id\":\"1\",\"product\":\"p\",\"time\":5,\"lat\":1,\"lon\":2,\"value\":"
            + "1".repeat(5_000)
            + "}";
    assertThat(factory(Map.of()).build(record(longNumber, 1)))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.type()).isEqualTo("document_too_large");
              assertThat(r.reason())
                  .contains("Number value length")
                  .contains("maximum allowed")
                  .doesNotContain("1111");
            });
  }

  @Test
  void badCoordinatesFollowTheConfiguredAction() throws Exception {
    Struct north = keyWest().put("lat", 91.0);
    assertThat(factory(Map.of()).build(record(north, 1)))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.stage()).isEqualTo("geo");
              assertThat(r.type()).isEqualTo("invalid_coordinates");
              assertThat(r.reason()).isEqualTo("latitude 'lat' is outside [-90, 90]");
            });
    JsonNode[] without =
        lines(
            factory(Map.of("geo.invalid.action", "index-without-location"))
                .build(record(north, 1)));
    assertThat(without[1].has("location")).isFalse();
    assertThat(
            factory(Map.of("geo.missing.action", "drop"))
                .build(record(Map.of("station_id", "1"), 2)))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.action()).isEqualTo(RecordFailureAction.DROP);
              assertThat(r.type()).isEqualTo("missing_coordinates");
            });
    JsonNode[] noGeo = lines(factory(Map.of("geo.enabled", "false")).build(record(north, 1)));
    assertThat(noGeo[1].has("location")).isFalse();
  }
}
