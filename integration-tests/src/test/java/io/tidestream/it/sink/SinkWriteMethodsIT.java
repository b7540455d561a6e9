package io.tidestream.it.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.it.harness.Validations;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #14's write semantics on every engine: {@code write.method=upsert} with {@code
 * document.id.strategy=record-key} merges a second record with fewer fields into its document; a
 * second connector replaying the topic with {@code write.method=create} leaves the documents and
 * their count as they were (every create is a version conflict, counted as done, nothing
 * dead-lettered, every offset committed); a tombstone with {@code behavior.on.null.values=fail}
 * puts the task in FAILED with a message naming the record and the key to change. With {@code
 * data.stream.enabled} the template is installed with a data_stream block and records land in the
 * data stream with their time as {@code @timestamp} (a value's own {@code @timestamp} gives way);
 * {@code mapping.lifecycle.policy} is refused on engines without ILM/ISM.
 */
@ExtendWith(StackExtension.class)
class SinkWriteMethodsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Map<String, String> sink(
      SearchEngineNode engine, String topic, String index, String method) {
    Map<String, String> c = Connectors.sink(engine.url(), topic, index, index + ".dlq");
    c.put("tasks.max", "1");
    c.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    c.put("mapping.template.mode", "none");
    c.put("geo.enabled", "false");
    c.put("bulk.linger.ms", "10");
    c.put("write.method", method);
    c.put("document.id.strategy", "record-key");
    return c;
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void upsertMergesRecordKeyIdsMakeReplaysIdempotentAndATombstoneCanStopTheTask(
      EngineKind kind, TestStack stack) throws Exception {
    SearchEngineNode engine = stack.engine(kind);
    EngineTool docs = new EngineTool(engine.url());
    KafkaTool kafka = stack.kafkaTool();
    String topic = stack.uniqueName("write-" + kind.id());
    String index = ("write-" + kind.id() + "-" + stack.uniqueName("i")).toLowerCase(Locale.ROOT);
    kafka.createTopic(topic, 1);

    List<Map.Entry<String, String>> records = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      records.add(
          new SimpleEntry<>(
              "station-" + i, "{\"station\":\"s" + i + "\",\"level\":" + i + ",\"flag\":\"v\"}"));
    }
    // The same id again with fewer fields: an upsert changes level and keeps station and flag.
    records.add(new SimpleEntry<>("station-1", "{\"level\":10}"));
    kafka.produce(topic, records);

    String upserter = stack.uniqueName("upsert-" + kind.id());
    Map<String, String> upsert = sink(engine, topic, index, "upsert");
    upsert.put("behavior.on.null.values", "fail");
    stack.connect().startConnector(upserter, upsert, 1);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                docs.count(index) == 3
                    && source(docs, index, "station-1").has("level")
                    && source(docs, index, "station-1").path("level").asInt() == 10);
    JsonNode merged = source(docs, index, "station-1");
    assertThat(merged.path("station").asText()).isEqualTo("s1");
    assertThat(merged.path("flag").asText()).isEqualTo("v");
    assertThat(source(docs, index, "station-2").path("level").asInt()).isEqualTo(2);

    // A replay by a second connector (its own consumer group) from the start of the topic.
    String replayer = stack.uniqueName("create-" + kind.id());
    stack.connect().startConnector(replayer, sink(engine, topic, index, "create"), 1);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> kafka.committed("connect-" + replayer, topic).getOrDefault(0, -1L) == 4L);
    stack.connect().deleteConnector(replayer);
    assertThat(docs.count(index)).isEqualTo(3);
    assertThat(source(docs, index, "station-1")).isEqualTo(merged);
    assertThat(
            kafka.topicsStartingWith(index + ".dlq").isEmpty() || kafka.count(index + ".dlq") == 0)
        .as("create conflicts are not dead-lettered")
        .isTrue();

    // A tombstone stops the upserting task: behavior.on.null.values=fail.
    records.clear();
    records.add(new SimpleEntry<>("station-2", null));
    kafka.produce(topic, records);
    JsonNode[] failed = new JsonNode[1];
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode status = stack.connect().rest().status(upserter);
              JsonNode task = status == null ? null : status.path("tasks").path(0);
              if (task != null && "FAILED".equals(task.path("state").asText())) {
                failed[0] = task;
                return true;
              }
              return false;
            });
    assertThat(failed[0].path("trace").asText())
        .contains("Record " + topic + "-0 offset 4 is a tombstone")
        .contains("set behavior.on.null.values=delete");
    assertThat(kafka.committed("connect-" + upserter, topic).getOrDefault(0, -1L))
        .as("nothing past the tombstone is committed")
        .isLessThanOrEqualTo(4L);
    assertThat(docs.count(index)).isEqualTo(3);
    stack.connect().deleteConnector(upserter);
  }

  /**
   * OpenSearch only: data streams are core there, but in Elasticsearch they belong to x-pack, which
   * the harness's integ-test distributions do not have (7.17 refuses a data_stream block, 8 and 9
   * make a plain index).
   */
  @ParameterizedTest
  @EnumSource(
      value = EngineKind.class,
      names = {"OPENSEARCH_2", "OPENSEARCH_3"})
  void aDataStreamTakesEveryRecordAsACreateWithItsTimeAsTimestamp(
      EngineKind kind, TestStack stack) {
    SearchEngineNode engine = stack.engine(kind);
    EngineTool docs = new EngineTool(engine.url());
    KafkaTool kafka = stack.kafkaTool();
    String topic = stack.uniqueName("stream-" + kind.id());
    String stream =
        ("tides-ds-" + kind.id() + "-" + stack.uniqueName("s")).toLowerCase(Locale.ROOT);
    kafka.createTopic(topic, 1);
    List<Map.Entry<String, String>> records = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      records.add(
          new SimpleEntry<>(
              "station-" + i,
              "{\"station_id\":\"s"
                  + i
                  + "\",\"value\":"
                  + i
                  + ",\"time\":\"2026-12-01T00:0"
                  + i
                  + ":00Z\"}"));
    }
    // Its own @timestamp gives way to the time field: copied raw, it used to be written twice.
    records.add(
        new SimpleEntry<>(
            "station-4",
            "{\"station_id\":\"s4\",\"@timestamp\":\"1999-01-01T00:00:00Z\",\"value\":4,"
                + "\"time\":\"2026-12-01T00:04:00Z\"}"));
    kafka.produce(topic, records);

    String name = stack.uniqueName("ds-" + kind.id());
    Map<String, String> config = sink(engine, topic, stream, "create");
    config.put("mapping.template.mode", "builtin"); // installed with a data_stream block
    config.put("data.stream.enabled", "true");
    config.put("data.stream.timestamp.field", "time");
    stack.connect().startConnector(name, config, 1);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> docs.count(stream) == 4);
    stack.connect().deleteConnector(name);
    assertThat(
            kafka.topicsStartingWith(stream + ".dlq").isEmpty()
                || kafka.count(stream + ".dlq") == 0)
        .as("nothing dead-lettered")
        .isTrue();

    JsonNode streams = docs.get("/_data_stream/" + stream).json().path("data_streams");
    assertThat(streams).hasSize(1);
    assertThat(streams.get(0).path("name").asText()).isEqualTo(stream);
    JsonNode doc =
        docs.get("/" + stream + "/_search?q=station_id:s2").json().path("hits").path("hits").get(0);
    assertThat(doc.path("_id").asText()).isEqualTo("station-2");
    assertThat(doc.path("_index").asText()).startsWith(".ds-");
    assertThat(doc.path("_source").path("@timestamp").asText()).isEqualTo("2026-12-01T00:02:00Z");
    JsonNode own =
        docs.get("/" + stream + "/_search?q=station_id:s4").json().path("hits").path("hits").get(0);
    assertThat(own.path("_source").path("@timestamp").asText()).isEqualTo("2026-12-01T00:04:00Z");
  }

  /**
   * mapping.lifecycle.policy on the harness's engines: the integ-test distributions have neither
   * ILM (x-pack) nor the ISM plugin, so validation must say so on the key (the template the sink
   * installs with the policy, and a present policy, are covered by the sink's unit tests).
   */
  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aLifecyclePolicyOnAnEngineWithoutIlmOrIsmIsRefusedOnItsKey(
      EngineKind kind, TestStack stack) {
    SearchEngineNode engine = stack.engine(kind);
    String stream = ("tides-ilm-" + kind.id()).toLowerCase(Locale.ROOT);
    Map<String, String> config = sink(engine, stack.uniqueName("ilm"), stream, "create");
    config.put("name", stack.uniqueName("ilm-" + kind.id()));
    config.put("mapping.template.mode", "builtin");
    config.put("data.stream.enabled", "true");
    config.put("mapping.lifecycle.policy", "tides-30d");

    JsonNode result = stack.connect().rest().validate(Connectors.SINK_CLASS, config);
    assertThat(result.path("error_count").asInt()).as(result.toString()).isEqualTo(1);
    boolean elastic = kind.family() == EngineKind.Family.ELASTICSEARCH;
    assertThat(Validations.errorsOn(result, "mapping.lifecycle.policy"))
        .as(result.toString())
        .contains(
            elastic
                ? "(ILM) is not available on Elasticsearch "
                : "(ISM) is not available on OpenSearch ")
        .contains("or leave mapping.lifecycle.policy empty");

    config.remove("mapping.lifecycle.policy");
    JsonNode ok = stack.connect().rest().validate(Connectors.SINK_CLASS, config);
    assertThat(ok.path("error_count").asInt()).as(ok.toString()).isZero();
  }

  private static JsonNode source(EngineTool docs, String index, String id) {
    JsonNode doc = docs.get("/" + index + "/_doc/" + id).json();
    return doc.path("_source");
  }
}
