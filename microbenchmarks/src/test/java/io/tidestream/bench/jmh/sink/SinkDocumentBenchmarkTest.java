package io.tidestream.bench.jmh.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.document.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark body once after the benchmark's own setup and checks it built a real bulk
 * action.
 */
class SinkDocumentBenchmarkTest {

  /**
   * The pool's first record: Key West with the first recorded row (2015-01-01 00:00 UTC, 1.798 m).
   */
  private static final String FIRST_ID = "8724580|water_level|1420070400000";

  private static final double KEY_WEST_LAT = 24.5557;
  private static final double KEY_WEST_LON = -81.8079;

  /** The second record: Providence with the row 14 rows later (2015-01-01 01:24 UTC, 0.668 m). */
  private static final String SECOND_ID = "8454000|water_level|1420075440000";

  private final ObjectMapper mapper = new ObjectMapper();
  private final SinkDocumentBenchmark bench = new SinkDocumentBenchmark();

  @BeforeEach
  void setUp() {
    bench.setUp();
  }

  @AfterEach
  void tearDown() {
    bench.tearDown();
  }

  @Test
  void structValueBecomesAnIndexActionWithIdLocationAndFields() throws Exception {
    JsonNode[] lines = lines(bench.structValue());

    assertFirstRecord(lines);
    assertThat(lines[1].path("time").asText()).isEqualTo("2015-01-01T00:00:00Z");
  }

  @Test
  void mapValueBecomesTheSameIndexAction() throws Exception {
    JsonNode[] lines = lines(bench.mapValue());

    assertFirstRecord(lines);
    assertThat(lines[1].path("time").asLong()).isEqualTo(1_420_070_400_000L);
  }

  @Test
  void jsonStringValueIsCopiedWithTheLocationSplicedIn() throws Exception {
    JsonNode[] lines = lines(bench.jsonStringValue());

    assertFirstRecord(lines);
    assertThat(lines[1].path("time").asLong()).isEqualTo(1_420_070_400_000L);
  }

  @Test
  void structValueWithJsonConverterConvertsTheEnvelopeThenBuildsTheAction() throws Exception {
    JsonNode[] lines = lines(bench.structValueWithJsonConverter());

    assertFirstRecord(lines);
    assertThat(lines[1].path("time").asText()).isEqualTo("2015-01-01T00:00:00Z");
  }

  @Test
  void rawEnvelopeBytesGiveTheStructPathsActionByteForByte() {
    SinkDocumentBenchmark today = new SinkDocumentBenchmark();
    today.setUp();
    try {
      for (int i = 0; i < SinkDocumentBenchmark.POOL_SIZE; i++) {
        Outcome.Write raw = (Outcome.Write) bench.rawEnvelopeBytes();
        Outcome.Write struct = (Outcome.Write) today.structValueWithJsonConverter();
        assertThat(new String(raw.ndjson(), StandardCharsets.UTF_8))
            .isEqualTo(new String(struct.ndjson(), StandardCharsets.UTF_8));
      }
    } finally {
      today.tearDown();
    }
  }

  @Test
  void rawPlainJsonBytesAreCopiedLikeTheJsonString() throws Exception {
    SinkDocumentBenchmark text = new SinkDocumentBenchmark();
    SinkDocumentBenchmark map = new SinkDocumentBenchmark();
    text.setUp();
    map.setUp();
    try {
      Outcome.Write raw = (Outcome.Write) bench.rawPlainJsonBytes();
      Outcome.Write string = (Outcome.Write) text.jsonStringValue();
      assertThat(new String(raw.ndjson(), StandardCharsets.UTF_8))
          .isEqualTo(new String(string.ndjson(), StandardCharsets.UTF_8));
      assertThat(lines(raw)[1]).isEqualTo(lines(map.mapValueWithJsonConverter())[1]);
    } finally {
      text.tearDown();
      map.tearDown();
    }
  }

  @Test
  void jsonConverterOnlyYieldsTheSourceStruct() {
    SchemaAndValue converted = bench.jsonConverterOnly();

    assertThat(converted.schema().name()).isEqualTo("io.tidestream.noaa.WaterLevel");
    Struct value = (Struct) converted.value();
    assertThat(value.getString("station_id")).isEqualTo("8724580");
    assertThat(value.getFloat64("lat")).isEqualTo(KEY_WEST_LAT);
    assertThat(value.getFloat64("value")).isEqualTo(1.798);
  }

  @Test
  void everyCallTakesTheNextOfPoolSizeDistinctRecords() throws Exception {
    assertDistinctIdsThenWrap(bench::structValue);
    assertDistinctIdsThenWrap(bench::mapValue);
    assertDistinctIdsThenWrap(bench::jsonStringValue);
    assertDistinctIdsThenWrap(bench::structValueWithJsonConverter);
    assertDistinctIdsThenWrap(bench::rawEnvelopeBytes);
    assertDistinctIdsThenWrap(bench::rawPlainJsonBytes);
    assertDistinctIdsThenWrap(bench::mapValueWithJsonConverter);
  }

  @Test
  void theSecondRecordIsAnotherStationAtAnotherTime() throws Exception {
    bench.structValue();
    JsonNode[] lines = lines(bench.structValue());

    assertThat(lines[0].path("index").path("_id").asText()).isEqualTo(SECOND_ID);
    assertThat(lines[1].path("station_name").asText()).isEqualTo("Providence");
    assertThat(lines[1].path("value").asDouble()).isEqualTo(0.668);
  }

  private void assertDistinctIdsThenWrap(Supplier<Outcome> body) {
    Set<String> ids = new HashSet<>();
    String first = null;
    for (int i = 0; i < SinkDocumentBenchmark.POOL_SIZE; i++) {
      Outcome outcome = body.get();
      assertThat(outcome).isInstanceOf(Outcome.Write.class);
      String id = ((Outcome.Write) outcome).id();
      first = first == null ? id : first;
      ids.add(id);
    }
    assertThat(ids).hasSize(SinkDocumentBenchmark.POOL_SIZE);
    assertThat(((Outcome.Write) body.get()).id()).isEqualTo(first);
  }

  private static void assertFirstRecord(JsonNode[] lines) {
    assertThat(lines).hasSize(2);
    JsonNode action = lines[0].path("index");
    assertThat(action.path("_index").asText()).isEqualTo("tides-noaa.water_level");
    assertThat(action.path("_id").asText()).isEqualTo(FIRST_ID);
    JsonNode source = lines[1];
    assertThat(source.path("location").path("lat").asDouble())
        .isCloseTo(KEY_WEST_LAT, within(1e-9));
    assertThat(source.path("location").path("lon").asDouble())
        .isCloseTo(KEY_WEST_LON, within(1e-9));
    assertThat(source.path("station_id").asText()).isEqualTo("8724580");
    assertThat(source.path("product").asText()).isEqualTo("water_level");
    assertThat(source.path("datum").asText()).isEqualTo("MLLW");
    assertThat(source.path("value").asDouble()).isEqualTo(1.798);
    assertThat(source.path("quality").asText()).isEqualTo("verified");
  }

  private JsonNode[] lines(Outcome outcome) throws Exception {
    assertThat(outcome).isInstanceOf(Outcome.Write.class);
    String ndjson = new String(((Outcome.Write) outcome).ndjson(), StandardCharsets.UTF_8);
    assertThat(ndjson).endsWith("\n");
    String[] parts = ndjson.split("\n");
    JsonNode[] nodes = new JsonNode[parts.length];
    for (int i = 0; i < parts.length; i++) {
      nodes[i] = mapper.readTree(parts[i]);
    }
    return nodes;
  }
}
