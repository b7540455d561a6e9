package io.tidestream.it.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One valid 10 MB document (a reading with 1.4 million values) used to run OpenSearch at the
 * launcher's heap out of memory, and again after every restart, since the sink sent it again. Now
 * it is dead-lettered as {@code document_too_large} with its size, every other document is indexed,
 * and the engine keeps answering. A reading the mapping refuses on the way is dead-lettered with
 * the engine's innermost cause in its reason.
 */
@ExtendWith(StackExtension.class)
class SinkOversizedDocumentIT {

  static final int TOTAL = 400;
  static final int HUGE = 150;

  /**
   * A reading the mapping refuses ("value" is a double): its reason must carry the engine's
   * innermost cause.
   */
  static final int NOT_A_NUMBER = 250;

  static final int READINGS = 1_400_000;

  /**
   * What the topics and the dead-letter producer must take for a 10 MB record (see the sink's
   * README).
   */
  static final String LIMIT = Integer.toString(16 * 1024 * 1024);

  static String time(int i) {
    return Instant.parse("2026-02-01T00:00:00Z").plus(Duration.ofMinutes(6L * i)).toString();
  }

  static String value(int i) {
    String head =
        "{\"station_id\":\"8724580\",\"station_name\":\"Key"
            + " West\",\"product\":\"water_level\",\"time\":\""
            + time(i)
            + "\",\"lat\":24.5508,\"lon\":-81.8081,\"value\":";
    if (i == NOT_A_NUMBER) {
      return head + "\"n/a\"}";
    }
    if (i != HUGE) {
      return head + (i % 200) / 100.0 + "}";
    }
    StringBuilder json =
        new StringBuilder(READINGS * 7 + head.length() + 2).append(head).append('[');
    for (int r = 0; r < READINGS; r++) {
      json.append(r == 0 ? "" : ",")
          .append(1 + r % 9)
          .append('.')
          .append(1000 + r % 9000); // 1.1000 … 9.9999
    }
    return json.append("]}").toString();
  }

  @Test
  void aTenMegabyteDocumentIsDeadLetteredAsTooLargeAndTheEngineKeepsAnswering(TestStack stack) {
    SearchEngineNode engine = stack.engine(EngineKind.OPENSEARCH_2);
    KafkaTool kafka = stack.kafkaTool();
    String topic = stack.uniqueName("huge-doc");
    String index = topic.toLowerCase();
    String dlq = topic + ".dlq";
    kafka.createTopic(topic, 1, Map.of("max.message.bytes", LIMIT));
    kafka.createTopic(dlq, 1, Map.of("max.message.bytes", LIMIT));
    List<Map.Entry<String, String>> records = new ArrayList<>();
    Set<String> goodIds = new HashSet<>();
    for (int i = 0; i < TOTAL; i++) {
      records.add(Map.entry("r" + i, value(i)));
      if (i != HUGE && i != NOT_A_NUMBER) {
        goodIds.add("8724580|water_level|" + time(i)); // a JSON text time is used as it is
      }
    }
    long hugeBytes = value(HUGE).getBytes(StandardCharsets.UTF_8).length;
    assertThat(hugeBytes).isBetween(9_000_000L, 11_000_000L);
    kafka.produce(topic, records);

    String name = stack.uniqueName("sink-huge");
    Map<String, String> config = Connectors.sink(engine.url(), topic, index, dlq);
    config.put("tasks.max", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put(
        "producer.override.max.request.size", LIMIT); // the dead-letter producer must take it too
    stack.connect().startConnector(name, config, 1);

    EngineTool docs = new EngineTool(engine.url());
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .alias("every record in one place")
        .until(() -> Math.max(0, docs.count(index)) + kafka.count(dlq) >= TOTAL);

    assertThat(engine.process().isAlive()).as("the engine survived").isTrue();
    assertThat(docs.get("/").status()).as("the engine answers").isEqualTo(200);
    assertThat(docs.count(index)).isEqualTo(TOTAL - 2);
    assertThat(docs.ids(index)).isEqualTo(goodIds);
    List<KafkaTool.Message> dead = kafka.readAll(dlq, Duration.ofMinutes(1));
    assertThat(dead)
        .extracting(KafkaTool.Message::key)
        .containsExactly("r" + HUGE, "r" + NOT_A_NUMBER);
    assertThat(dead.get(1).headers())
        .containsEntry("tidestream.error.type", "mapper_parsing_exception");
    assertThat(dead.get(1).headers().get("tidestream.error.reason"))
        .startsWith("failed to parse field [value] of type " + "[double]")
        .endsWith(": caused by number_format_exception: For input string: \"n/a\"");
    Map<String, String> headers = dead.get(0).headers();
    assertThat(headers)
        .containsEntry("tidestream.error.type", "document_too_large")
        .containsEntry("tidestream.error.stage", "document");
    assertThat(headers.get("tidestream.error.reason"))
        .isEqualTo(
            "the value is "
                + hugeBytes
                + " bytes of JSON text, more than document.max.bytes (1048576)");
    assertThat(dead.get(0).value()).hasSize((int) hugeBytes);
    assertThat(stack.connect().awaitRunning(name, 1, Duration.ofSeconds(10))).isNotNull();
    stack.connect().deleteConnector(name);
  }
}
