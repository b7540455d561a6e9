package io.tidestream.it.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine goes away, or pushes back item by item: the sink waits and retries, and every record
 * still ends up indexed exactly once, none dead-lettered, tasks RUNNING. A replay of the whole
 * topic changes nothing.
 */
@ExtendWith(StackExtension.class)
class SinkResilienceIT {

  static final int LOAD = 60_000;

  /** Enough for thousands of 429s from a one-thread write pool; more only adds minutes. */
  static final int PUSHBACK_LOAD = 20_000;

  /** Ids written {@link #VERSIONS} times each by the ordering check. */
  static final int VERSIONED_IDS = 250;

  static final int VERSIONS = 8;

  static final String[] STATIONS = {"8724580", "8454000", "9497645", "9443090", "9447130"};
  static final double[][] COORDINATES = {
    {24.5508, -81.8081},
    {41.8071, -71.4012},
    {70.4114, -148.5317},
    {48.3703, -124.6017},
    {47.6026, -122.3393}
  };

  /** NOAA-shaped JSON, as the talk's string pipeline carried it; ids are station|product|time. */
  static List<Map.Entry<String, String>> records(int count, Set<String> ids) {
    List<Map.Entry<String, String>> out = new ArrayList<>(count);
    Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      int s = i % STATIONS.length;
      String time = t0.plus(Duration.ofMinutes(6L * (i / STATIONS.length))).toString();
      ids.add(STATIONS[s] + "|water_level|" + time);
      out.add(
          Map.entry(
              STATIONS[s],
              "{\"station_id\":\""
                  + STATIONS[s]
                  + "\",\"station_name\":\"Station "
                  + s
                  + "\",\"product\":\"water_level\",\"time\":\""
                  + time
                  + "\",\"value\":"
                  + (i % 300) / 100.0
                  + ",\"lat\":"
                  + COORDINATES[s][0]
                  + ",\"lon\":"
                  + COORDINATES[s][1]
                  + "}"));
    }
    return out;
  }

  static Map<String, String> sinkConfig(String url, String topic, String index) {
    Map<String, String> c = Connectors.sink(url, topic, index, topic + ".dlq");
    c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    c.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return c;
  }

  /**
   * The engine is stopped about a second after the sink starts, while the consumer group may still
   * be rebalancing: a task can then be left paused with nothing to send, and must find out by
   * itself that the engine is back (this stalled 1 run in 4 before the writer probed the engine).
   */
  @Test
  void anEngineStoppedForAMinuteMidLoadLosesAndDuplicatesNothing(TestStack stack) throws Exception {
    SearchEngineNode engine = stack.dedicatedEngine(EngineKind.OPENSEARCH_2, "outage", List.of());
    try {
      KafkaTool kafka = stack.kafkaTool();
      String topic = stack.uniqueName("outage");
      String index = topic.toLowerCase();
      kafka.createTopic(topic, 4);
      Set<String> ids = new HashSet<>();
      kafka.produce(topic, records(LOAD, ids));
      String name = stack.uniqueName("sink-outage");
      stack.connect().startConnector(name, sinkConfig(engine.url(), topic, index), 2);

      EngineTool docs = new EngineTool(engine.url());
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> docs.count(index) > 0);
      engine.stop();
      Thread.sleep(60_000); // the outage the issue asks for: a full minute without the engine
      assertThat(stack.connect().awaitRunning(name, 2, Duration.ofSeconds(5)))
          .as("tasks RUNNING while the engine is down")
          .isNotNull();
      engine = engine.restart().awaitReady(Duration.ofMinutes(4));
      EngineTool after = new EngineTool(engine.url());
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> after.count(index) >= LOAD);

      assertThat(after.count(index)).isEqualTo(LOAD);
      assertThat(after.ids(index)).isEqualTo(ids);
      assertThat(kafka.count(topic + ".dlq")).isZero();
      stack.connect().awaitRunning(name, 2, Duration.ofSeconds(10));

      // Replaying the whole topic (a new connector, a new consumer group from the earliest offset)
      String replay = stack.uniqueName("sink-replay");
      stack.connect().deleteConnector(name);
      stack.connect().startConnector(replay, sinkConfig(engine.url(), topic, index), 2);
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> consumedAll(stack, replay, topic));
      assertThat(after.count(index)).isEqualTo(LOAD);
      stack.connect().deleteConnector(replay);
    } finally {
      engine.stop();
    }
  }

  @Test
  void perItem429sFromATinyWriteQueueAreRetriedAloneUntilEveryRecordIsIn(TestStack stack) {
    SearchEngineNode engine =
        stack.dedicatedEngine(
            EngineKind.OPENSEARCH_2,
            "tiny-queue",
            List.of("thread_pool.write.size=1", "thread_pool.write.queue_size=1"));
    try {
      KafkaTool kafka = stack.kafkaTool();
      String topic = stack.uniqueName("pushback");
      String index = topic.toLowerCase();
      kafka.createTopic(topic, 4);
      Set<String> ids = new HashSet<>();
      kafka.produce(topic, records(PUSHBACK_LOAD, ids));
      String name = stack.uniqueName("sink-429");
      Map<String, String> config = sinkConfig(engine.url(), topic, index);
      config.put("mapping.index.settings", "{\"number_of_shards\": 4, \"number_of_replicas\": 0}");
      config.put("bulk.max.in.flight.requests", "4");
      config.put("tasks.max", "4");
      stack.connect().startConnector(name, config, 4);

      EngineTool docs = new EngineTool(engine.url());
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> docs.count(index) >= PUSHBACK_LOAD);
      assertThat(docs.count(index)).isEqualTo(PUSHBACK_LOAD);
      assertThat(docs.ids(index)).isEqualTo(ids);
      assertThat(kafka.count(topic + ".dlq")).isZero();
      long rejected = writeRejections(docs);
      assertThat(rejected).as("write rejections the engine answered with 429").isPositive();
      stack.connect().awaitRunning(name, 4, Duration.ofSeconds(10));
      stack.connect().deleteConnector(name);

      lastVersionWinsUnderPerItem429s(stack, engine, rejected);
    } finally {
      engine.stop();
    }
  }

  /**
   * Issue 14's ordering check on the same one-thread write pool: every id is written {@link
   * #VERSIONS} times, version after version, in small requests with four in flight per task, so
   * versions of one id are refused with 429s while later ones are in flight. An older version that
   * is retried must never land after a newer one: once every offset is committed, each document
   * holds its last version.
   */
  private static void lastVersionWinsUnderPerItem429s(
      TestStack stack, SearchEngineNode engine, long rejectedBefore) {
    KafkaTool kafka = stack.kafkaTool();
    String topic = stack.uniqueName("versions");
    String index = topic.toLowerCase();
    kafka.createTopic(topic, 4);
    Instant t0 = Instant.parse("2021-01-01T00:00:00Z");
    List<Map.Entry<String, String>> records = new ArrayList<>();
    for (int v = 0; v < VERSIONS; v++) {
      for (int i = 0; i < VERSIONED_IDS; i++) {
        int s = i % STATIONS.length;
        String station = STATIONS[s];
        String time = t0.plus(Duration.ofMinutes(6L * (i / STATIONS.length))).toString();
        records.add(
            Map.entry(
                station + "|" + time, // every version of an id in the same partition
                "{\"station_id\":\""
                    + station
                    + "\",\"product\":\"water_level\",\"time\":\""
                    + time
                    + "\",\"version\":"
                    + v
                    + ",\"value\":"
                    + v
                    + ",\"lat\":"
                    + COORDINATES[s][0]
                    + ",\"lon\":"
                    + COORDINATES[s][1]
                    + "}"));
      }
    }
    kafka.produce(topic, records);
    String name = stack.uniqueName("sink-versions");
    Map<String, String> config = sinkConfig(engine.url(), topic, index);
    config.put("mapping.index.settings", "{\"number_of_shards\": 4, \"number_of_replicas\": 0}");
    config.put("bulk.max.in.flight.requests", "4");
    config.put("bulk.max.actions", "25");
    config.put("tasks.max", "4");
    stack.connect().startConnector(name, config, 4);

    EngineTool docs = new EngineTool(engine.url());
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .alias("every offset of " + topic + " committed")
        .until(() -> consumedAll(stack, name, topic));
    assertThat(docs.count(index)).isEqualTo(VERSIONED_IDS);
    JsonNode hits =
        docs.get("/" + index + "/_search?size=" + VERSIONED_IDS + "&_source_includes=version")
            .json()
            .path("hits")
            .path("hits");
    Map<Integer, Integer> byVersion = new TreeMap<>();
    hits.forEach(
        h -> byVersion.merge(h.path("_source").path("version").asInt(-1), 1, Integer::sum));
    assertThat(byVersion)
        .as("documents by the version they hold; all must hold the last one")
        .isEqualTo(Map.of(VERSIONS - 1, VERSIONED_IDS));
    assertThat(kafka.count(topic + ".dlq")).isZero();
    assertThat(writeRejections(docs))
        .as("429s the engine answered while the versions were written")
        .isGreaterThan(rejectedBefore);
    stack.connect().awaitRunning(name, 4, Duration.ofSeconds(10));
    stack.connect().deleteConnector(name);
  }

  private static long writeRejections(EngineTool docs) {
    return docs.get("/_nodes/stats/thread_pool")
        .json()
        .path("nodes")
        .elements()
        .next()
        .path("thread_pool")
        .path("write")
        .path("rejected")
        .asLong();
  }

  /** Whether the connector's consumer group has committed the end offset of every partition. */
  private static boolean consumedAll(TestStack stack, String connector, String topic)
      throws Exception {
    KafkaTool kafka = stack.kafkaTool();
    try (var admin = kafka.admin()) {
      var committed =
          admin
              .listConsumerGroupOffsets("connect-" + connector)
              .partitionsToOffsetAndMetadata()
              .get();
      long done =
          committed.entrySet().stream()
              .filter(e -> e.getKey().topic().equals(topic))
              .mapToLong(e -> e.getValue().offset())
              .sum();
      return done >= kafka.count(topic);
    }
  }
}
