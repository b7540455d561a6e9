package io.tidestream.it.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.sim.NoaaSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same scenario on every supported engine: records from the NOAA source become documents with a
 * geo_point, a date and keywords; a geo_distance query around Key West finds only Key West; the
 * talk's chart query (date histogram, average value, split by station name) has buckets for every
 * station.
 */
@ExtendWith(StackExtension.class)
class SinkCompatibilityIT {

  static final String KEY_WEST = "8724580";
  static final Set<String> STATION_NAMES = new HashSet<>();

  static NoaaSimulator simulator;
  static String topic;
  static long records;
  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(30));

  @BeforeAll
  static void sourceFillsATopicFromTheSimulator(TestStack stack) throws Exception {
    simulator = NoaaSimulator.builder().port(0).seed(7).start();
    String prefix = stack.uniqueName("compat");
    topic = prefix + ".water_level";
    String start =
        Instant.now().minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.HOURS).toString();
    String source = prefix + "-source";
    stack
        .connect()
        .startConnector(
            source,
            Connectors.source(
                simulator.baseUrl(),
                prefix + ".${product}",
                Connectors.TALK_STATIONS,
                "water_level",
                start),
            1);
    KafkaTool kafka = stack.kafkaTool();
    // 5 stations, 12 hours of 6-minute rows: wait until the backfill is in and stops growing
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(3))
        .until(
            () ->
                kafka.topicsStartingWith(prefix).contains(topic) && kafka.count(topic) >= 5 * 120);
    stack.connect().deleteConnector(source);
    // counted by reading: with exactly-once delivery, transaction markers take offsets too
    List<KafkaTool.Message> all = kafka.readAll(topic, Duration.ofMinutes(1));
    records = all.size();
    for (KafkaTool.Message m : all) {
      STATION_NAMES.add(
          JsonHttp.MAPPER.readTree(m.value()).path("payload").path("station_name").asText());
    }
  }

  @AfterAll
  static void stopSimulator() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void noaaRecordsBecomeGeoDocumentsThatTheTalksQueriesFind(EngineKind kind, TestStack stack) {
    SearchEngineNode engine = stack.engine(kind);
    String index = ("compat-" + kind.id() + "-" + stack.uniqueName("i")).toLowerCase(Locale.ROOT);
    String name = stack.uniqueName("sink-" + kind.id());
    stack
        .connect()
        .startConnector(
            name, Connectors.pipelineSink(engine.url(), topic, index, index + ".dlq"), 2);

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> count(engine, index) == records);
    stack.connect().deleteConnector(name);

    JsonNode mapping =
        http.get(engine.url() + "/" + index + "/_mapping")
            .json()
            .elements()
            .next()
            .path("mappings")
            .path("properties");
    assertThat(mapping.path("location").path("type").asText()).isEqualTo("geo_point");
    assertThat(mapping.path("time").path("type").asText()).isEqualTo("date");
    assertThat(mapping.path("station_name").path("type").asText()).isEqualTo("keyword");

    JsonNode nearKeyWest =
        http.post(
                engine.url() + "/" + index + "/_search",
                """
                {"size": 0, "query": {"geo_distance": {"distance": "50km", "location": {"lat": 24.55, "lon": -81.81}}},
                 "aggs": {"stations": {"terms": {"field": "station_id"}}}}\
                """)
            .json();
    JsonNode stations = nearKeyWest.path("aggregations").path("stations").path("buckets");
    assertThat(stations).hasSize(1);
    assertThat(stations.get(0).path("key").asText()).isEqualTo(KEY_WEST);
    assertThat(stations.get(0).path("doc_count").asLong()).isPositive();

    JsonNode chart =
        http.post(
                engine.url() + "/" + index + "/_search",
                """
                {"size": 0, "aggs": {"per_station": {"terms": {"field": "station_name", "size": 20},
                  "aggs": {"over_time": {"date_histogram": {"field": "time", "fixed_interval": "1h"},
                    "aggs": {"level": {"avg": {"field": "value"}}}}}}}}\
                """)
            .json();
    Set<String> charted = new HashSet<>();
    for (JsonNode bucket : chart.path("aggregations").path("per_station").path("buckets")) {
      assertThat(bucket.path("over_time").path("buckets").size())
          .as(bucket.path("key").asText())
          .isGreaterThan(10);
      assertThat(
              bucket
                  .path("over_time")
                  .path("buckets")
                  .get(0)
                  .path("level")
                  .path("value")
                  .isNumber())
          .isTrue();
      charted.add(bucket.path("key").asText());
    }
    assertThat(charted).hasSize(5).isEqualTo(STATION_NAMES);
  }

  private long count(SearchEngineNode engine, String index) {
    http.post(engine.url() + "/" + index + "/_refresh", "");
    JsonHttp.Response r = http.get(engine.url() + "/" + index + "/_count");
    return r.ok() ? r.json().path("count").asLong() : -1;
  }
}
