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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Targets on every engine: two topics go to two targets through topic.index.map (one a monthly
 * index that gets the derived template, one a write alias), every document is stored with the
 * routing read from its station_id, and every document passes through the ingest pipeline named by
 * ingest.pipeline (a pipeline without processors: the integ-test distributions ship without the
 * ingest-common processors, and the engines skip an empty pipeline without counting it, so the
 * proof is that the next document is refused once the pipeline is deleted). Validation refuses a
 * pipeline the engine does not have, on the ingest.pipeline key.
 */
@ExtendWith(StackExtension.class)
class SinkTargetsIT {

  static final int PER_TOPIC = 20;
  static final long T = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  static final String[] STATIONS = {"8724580", "8454000", "9447130", "9443090"};

  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(30));

  static String record(String station, int i) {
    return "{\"station_id\":\""
        + station
        + "\",\"lat\":24.5508,\"lon\":-81.8081,\"product\":\"water_level\",\"time\":"
        + (T + i * 360_000L)
        + ",\"value\":"
        + (i / 100.0)
        + "}";
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void topicsReachTheirTargetsWithRoutingThroughThePipeline(EngineKind kind, TestStack stack) {
    SearchEngineNode engine = stack.engine(kind);
    KafkaTool kafka = stack.kafkaTool();
    String prefix = stack.uniqueName("targets-" + kind.id()).toLowerCase(Locale.ROOT);
    String topicA = prefix + ".monthly";
    String topicB = prefix + ".aliased";
    String monthly = prefix + "-monthly-${yyyy.MM}";
    String monthlyIndex = prefix + "-monthly-2026.01";
    String alias = prefix + "-aliased";
    String aliasBacking = alias + "-000001";
    String pipeline = prefix + "-pipeline";
    String dlq = prefix + ".dlq";
    kafka.createTopic(topicA, 2);
    kafka.createTopic(topicB, 2);
    kafka.createTopic(dlq, 1);
    assertThat(
            http.put(
                    engine.url() + "/" + aliasBacking,
                    "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}")
                .ok())
        .isTrue();
    assertThat(
            http.put(
                    engine.url() + "/_ingest/pipeline/" + pipeline,
                    "{\"description\":\"tidestream SinkTargetsIT\",\"processors\":[]}")
                .ok())
        .isTrue();

    Map<String, String> config =
        Connectors.pipelineSink(engine.url(), topicA + "," + topicB, "", dlq);
    config.put("tasks.max", "1");
    config.put("mapping.template.name", prefix);
    config.put("mapping.template.patterns", ""); // derived from topic.index.map
    config.put("topic.index.map", topicA + ":" + monthly + "," + topicB + ":" + alias);
    config.put("index.time.field", "time"); // the monthly target's month comes from the value
    config.put("document.routing.field", "station_id");
    config.put("ingest.pipeline", pipeline + "-missing");

    JsonNode refused =
        stack.connect().rest().validate(Connectors.SINK_CLASS, withName(config, prefix));
    assertThat(errors(refused, "ingest.pipeline"))
        .singleElement()
        .asString()
        .contains("'" + pipeline + "-missing' (ingest.pipeline) does not exist");

    config.put("ingest.pipeline", pipeline);
    JsonNode accepted =
        stack.connect().rest().validate(Connectors.SINK_CLASS, withName(config, prefix));
    assertThat(accepted.path("error_count").asInt()).as(accepted.toString()).isZero();

    String name = prefix + "-sink";
    stack.connect().startConnector(name, config, 1);
    try {
      produceAndCheck(engine, kafka, topicA, topicB, monthlyIndex, aliasBacking, alias, dlq);

      // Every request named the pipeline and the engine ran it: an empty pipeline changes nothing
      // and the engines skip it without counting it in _nodes/stats, so take it away and see the
      // engine refuse the next document for want of exactly that pipeline.
      assertThat(http.delete(engine.url() + "/_ingest/pipeline/" + pipeline).ok()).isTrue();
      String station = STATIONS[0];
      kafka.produce(topicA, List.of(Map.entry(station, record(station, PER_TOPIC))));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> kafka.count(dlq) >= 1);
      List<KafkaTool.Message> dead = kafka.readAll(dlq, Duration.ofSeconds(30));
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).headers().get("tidestream.error.reason"))
          .contains("[" + pipeline + "]")
          .contains("does not exist");
      assertThat(count(engine, monthlyIndex)).isEqualTo(PER_TOPIC);
    } finally {
      stack.connect().deleteConnector(name);
    }
  }

  /** Produces to both topics; checks the counts, the derived template and the routing. */
  private void produceAndCheck(
      SearchEngineNode engine,
      KafkaTool kafka,
      String topicA,
      String topicB,
      String monthlyIndex,
      String aliasBacking,
      String alias,
      String dlq) {
    List<Map.Entry<String, String>> a = new ArrayList<>();
    List<Map.Entry<String, String>> b = new ArrayList<>();
    for (int i = 0; i < PER_TOPIC; i++) {
      String station = STATIONS[i % STATIONS.length];
      a.add(Map.entry(station, record(station, i)));
      b.add(Map.entry(station, record(station, i)));
    }
    kafka.produce(topicA, a);
    kafka.produce(topicB, b);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                count(engine, monthlyIndex) + count(engine, aliasBacking) + kafka.count(dlq)
                    >= 2L * PER_TOPIC);

    assertThat(kafka.count(dlq)).isZero();
    assertThat(count(engine, monthlyIndex)).isEqualTo(PER_TOPIC);
    assertThat(count(engine, aliasBacking)).isEqualTo(PER_TOPIC);

    // the map's monthly target got the derived template: location is a geo_point there
    JsonNode mapping =
        http.get(engine.url() + "/" + monthlyIndex + "/_mapping")
            .json()
            .path(monthlyIndex)
            .path("mappings")
            .path("properties");
    assertThat(mapping.path("location").path("type").asText()).isEqualTo("geo_point");

    // every document carries its station as routing, readable by id with that routing
    for (int i = 0; i < PER_TOPIC; i++) {
      String station = STATIONS[i % STATIONS.length];
      String id = station + "|water_level|" + (T + i * 360_000L);
      for (String target : List.of(monthlyIndex, alias)) {
        JsonHttp.Response got =
            http.get(
                engine.url()
                    + "/"
                    + target
                    + "/_doc/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + "?routing="
                    + station);
        assertThat(got.ok()).as(target + " " + id + ": " + got.body()).isTrue();
        assertThat(got.json().path("_routing").asText()).isEqualTo(station);
        assertThat(got.json().path("_source").path("station_id").asText()).isEqualTo(station);
      }
    }
  }

  private static Map<String, String> withName(Map<String, String> config, String name) {
    Map<String, String> named = new HashMap<>(config);
    named.put("name", name + "-validate");
    return named;
  }

  private static List<String> errors(JsonNode validation, String key) {
    List<String> errors = new ArrayList<>();
    for (JsonNode config : validation.path("configs")) {
      if (config.path("value").path("name").asText().equals(key)) {
        config.path("value").path("errors").forEach(e -> errors.add(e.asText()));
      }
    }
    return errors;
  }

  private long count(SearchEngineNode engine, String index) {
    http.post(engine.url() + "/" + index + "/_refresh", "");
    JsonHttp.Response r = http.get(engine.url() + "/" + index + "/_count");
    return r.ok() ? r.json().path("count").asLong() : 0;
  }
}
