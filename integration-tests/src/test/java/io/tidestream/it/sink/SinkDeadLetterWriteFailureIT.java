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
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A record that must be dead-lettered but is larger than the worker's dead-letter producer takes
 * (max.request.size, 1 MiB by default) used to vanish: in neither the index nor the dead-letter
 * topic, its offset committed anyway. Now the task stops, names the record and the fix, and never
 * commits past it; once the user raises the limits, every record ends up in exactly one place.
 */
@ExtendWith(StackExtension.class)
class SinkDeadLetterWriteFailureIT {

  static final int TOTAL = 3_000;

  /** The offset of the error payload that is too large for the worker's dead-letter producer. */
  static final int BIG = 1_700;

  static final String LIMIT = Integer.toString(4 * 1024 * 1024);

  static String time(int i) {
    return Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(6L * i)).toString();
  }

  static String value(int i) {
    if (i == BIG) { // an upstream error page wrapped as JSON, 1.2 MiB of it
      return "{\"error\":{\"message\":\"upstream failure\",\"details\":\""
          + "x".repeat(1_258_291)
          + "\"}}";
    }
    return "{\"station_id\":\"8724580\",\"station_name\":\"Key"
        + " West\",\"product\":\"water_level\",\"time\":\""
        + time(i)
        + "\",\"value\":"
        + (i % 200) / 100.0
        + ",\"lat\":24.5508,\"lon\":-81.8081}";
  }

  @Test
  void aRecordTooLargeForTheDeadLetterTopicStopsTheTaskUntilTheLimitsAreRaisedAndThenNothingIsLost(
      TestStack stack) throws Exception {
    SearchEngineNode engine = stack.engine(EngineKind.OPENSEARCH_2);
    KafkaTool kafka = stack.kafkaTool();
    String topic = stack.uniqueName("dlq-size");
    String index = topic.toLowerCase();
    String dlq = topic + ".dlq";
    kafka.createTopic(
        topic, 1, Map.of("max.message.bytes", LIMIT)); // the source topic takes large records ...
    kafka.createTopic(
        dlq, 1); // ... the dead-letter topic has the broker's default limit (about 1 MiB)
    List<Map.Entry<String, String>> records = new ArrayList<>();
    Set<String> goodIds = new HashSet<>();
    for (int i = 0; i < TOTAL; i++) {
      records.add(Map.entry("r" + i, value(i)));
      if (i != BIG) {
        goodIds.add("8724580|water_level|" + time(i)); // a JSON text time is used as it is
      }
    }
    kafka.produce(topic, records);

    String name = stack.uniqueName("sink-dlq-size");
    String group = "connect-" + name;
    Map<String, String> config = Connectors.sink(engine.url(), topic, index, dlq);
    config.put("tasks.max", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put(
        "document.max.bytes",
        "-1"); // the case: dead-lettered as an error payload, not for its size
    stack.connect().rest().putConnector(name, config);

    AtomicLong highestCommitted = new AtomicLong(-1);
    JsonNode[] failed = new JsonNode[1];
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .alias("task FAILED")
        .until(
            () -> {
              kafka
                  .committed(group, topic)
                  .values()
                  .forEach(o -> highestCommitted.accumulateAndGet(o, Math::max));
              JsonNode status = stack.connect().rest().status(name);
              JsonNode task = status == null ? null : status.path("tasks").path(0);
              if (task != null && "FAILED".equals(task.path("state").asText())) {
                failed[0] = task;
                return true;
              }
              return false;
            });
    // Kafka hands the task no cause for a write its producer refuses at once: the message says
    // where the worker logged it.
    assertThat(failed[0].path("trace").asText())
        .contains(
            "Record "
                + topic
                + "-0 offset "
                + BIG
                + " (value of "
                + value(BIG).length()
                + " bytes)")
        .contains("Could not produce message to dead letter queue")
        .contains("producer.override.max.request.size")
        .contains("max.message.bytes on topic " + dlq)
        .doesNotContain("xxxxxxxx");
    String workerLogs =
        Files.readString(stack.logFile("connect-1")) + Files.readString(stack.logFile("connect-2"));
    assertThat(workerLogs)
        .contains("Could not produce message to dead letter queue. topic=" + dlq)
        .contains("RecordTooLargeException");
    kafka
        .committed(group, topic)
        .values()
        .forEach(o -> highestCommitted.accumulateAndGet(o, Math::max));
    assertThat(highestCommitted.get())
        .as("the committed offset never passed the record")
        .isLessThanOrEqualTo(BIG);
    assertThat(kafka.count(dlq)).isZero();

    // The fix the message names: let the dead-letter producer and topic take such records, then
    // restart.
    kafka.alterTopic(dlq, Map.of("max.message.bytes", LIMIT));
    config.put("producer.override.max.request.size", LIMIT);
    stack.connect().rest().putConnector(name, config);

    EngineTool docs = new EngineTool(engine.url());
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .alias("every offset committed")
        .until(() -> kafka.committed(group, topic).getOrDefault(0, -1L) >= TOTAL);
    assertThat(docs.count(index)).isEqualTo(TOTAL - 1);
    assertThat(docs.ids(index)).isEqualTo(goodIds);
    List<KafkaTool.Message> dead = kafka.readAll(dlq, Duration.ofMinutes(1));
    assertThat(dead)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.key()).isEqualTo("r" + BIG);
              assertThat(m.value()).isEqualTo(value(BIG));
              assertThat(m.headers()).containsEntry("tidestream.error.type", "error_payload");
            });
    assertThat(stack.connect().awaitRunning(name, 1, Duration.ofSeconds(10))).isNotNull();
    stack.connect().deleteConnector(name);
  }
}
