package io.tidestream.it.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sink with raw values (ByteArrayConverter, the pipeline's default) in a real worker: envelopes
 * it copies, envelopes it hands to the worker's own JsonConverter (a Decimal field: loaded from the
 * worker's class path, the plugin does not carry it), plain JSON, and bad values dead-lettered with
 * their reasons.
 */
@ExtendWith(StackExtension.class)
class SinkRawValuesIT {

  static final int PER_KIND = 50;
  static final long T = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private final JsonHttp http = new JsonHttp(Duration.ofSeconds(30));

  static String schema(String valueField) {
    return "{\"type\":\"struct\",\"fields\":["
               + "{\"type\":\"string\",\"optional\":false,\"field\":\"station_id\"},"
               + "{\"type\":\"double\",\"optional\":true,\"field\":\"lat\"},"
               + "{\"type\":\"double\",\"optional\":true,\"field\":\"lon\"},"
               + "{\"type\":\"string\",\"optional\":false,\"field\":\"product\"},"
               + "{\"type\":\"int64\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Timestamp\","
               + "\"version\":1,\"field\":\"time\"},"
        + valueField
        + "],\"optional\":false,\"name\":\"io.tidestream.noaa.WaterLevel\"}";
  }

  static String copied(int i) {
    return "{\"schema\":"
        + schema("{\"type\":\"double\",\"optional\":true,\"field\":\"value\"}")
        + ",\"payload\":{\"station_id\":\"8724580\",\"lat\":24.5508,\"lon\":-81.8081,"
        + "\"product\":\"water_level\",\"time\":"
        + (T + i * 360_000L)
        + ",\"value\":"
        + (i / 1000.0 + 0.5)
        + "}}";
  }

  /** Decimal(scale 3) travels as base64 bytes; the copy leaves it to JsonConverter. */
  static String decimal(int i) {
    return "{\"schema\":"
        + schema(
            "{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\","
                + "\"version\":1,\"parameters\":{\"scale\":\"3\"},\"field\":\"value\"}")
        + ",\"payload\":{\"station_id\":\"8454000\",\"lat\":41.8,\"lon\":-71.4,"
        + "\"product\":\"water_level\",\"time\":"
        + (T + i * 360_000L)
        + ",\"value\":\"BNI=\"}}"; // 1234 unscaled: 1.234
  }

  static String plain(int i) {
    return "{\"station_id\":\"9447130\",\"lat\":47.6,\"lon\":-122.3,\"product\":\"water_level\","
        + "\"time\":"
        + (T + i * 360_000L)
        + ",\"value\":1.5}";
  }

  static String invalidEnvelope(int i) {
    return copied(i).replace("\"product\":\"water_level\"", "\"product\":null");
  }

  @Test
  void rawEnvelopesAndPlainJsonAreIndexedAndBadValuesDeadLettered(TestStack stack) {
    SearchEngineNode engine = stack.engine(EngineKind.OPENSEARCH_2);
    KafkaTool kafka = stack.kafkaTool();
    String topic = stack.uniqueName("raw");
    String dlq = topic + ".dlq";
    String index = topic.toLowerCase();
    kafka.createTopic(topic, 2);
    kafka.createTopic(dlq, 1);
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "io.tidestream.elastic.ElasticGeoSinkConnector");
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("connection.urls", engine.url());
    config.put("index.name", index);
    config.put("mapping.template.name", index);
    config.put("mapping.template.patterns", index + "*");
    config.put("errors.tolerance", "all");
    config.put("errors.deadletterqueue.topic.name", dlq);
    config.put("errors.deadletterqueue.topic.replication.factor", "1");
    config.put("errors.deadletterqueue.context.headers.enable", "true");
    String name = stack.uniqueName("sink-raw");
    stack.connect().startConnector(name, config, 1);

    List<Map.Entry<String, String>> records = new ArrayList<>();
    for (int i = 0; i < PER_KIND; i++) {
      records.add(Map.entry("8724580", copied(i)));
      records.add(Map.entry("8454000", decimal(i)));
      records.add(Map.entry("9447130", plain(i)));
      records.add(Map.entry("x", invalidEnvelope(i)));
      records.add(Map.entry("x", "<html><body>502</body></html>"));
    }
    kafka.produce(topic, records);

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> documents(engine, index) + kafka.count(dlq) >= 5L * PER_KIND);

    assertThat(documents(engine, index)).isEqualTo(3L * PER_KIND);
    List<KafkaTool.Message> dead = kafka.readAll(dlq, Duration.ofMinutes(1));
    assertThat(dead).hasSize(2 * PER_KIND);
    assertThat(dead.stream().filter(m -> m.value().startsWith("<html>")))
        .hasSize(PER_KIND)
        .allSatisfy(
            m -> assertThat(m.headers()).containsEntry("tidestream.error.type", "non_json_value"));
    assertThat(dead.stream().filter(m -> m.value().startsWith("{\"schema\"")))
        .hasSize(PER_KIND)
        .allSatisfy(
            m ->
                assertThat(m.headers()).containsEntry("tidestream.error.type", "invalid_envelope"));

    JsonNode copiedDoc = source(engine, index, "8724580|water_level|" + T);
    assertThat(copiedDoc.path("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(copiedDoc.path("value").asDouble()).isEqualTo(0.5);
    assertThat(copiedDoc.path("location").path("lat").asDouble()).isEqualTo(24.5508);
    JsonNode decimalDoc = source(engine, index, "8454000|water_level|" + T);
    assertThat(decimalDoc.path("value").decimalValue()).isEqualByComparingTo("1.234");
    assertThat(decimalDoc.path("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
    JsonNode plainDoc = source(engine, index, "9447130|water_level|" + T);
    assertThat(plainDoc.path("time").asLong()).isEqualTo(T);
    assertThat(stack.connect().awaitRunning(name, 1, Duration.ofSeconds(10))).isNotNull();
    stack.connect().deleteConnector(name);
  }

  private JsonNode source(SearchEngineNode engine, String index, String id) {
    JsonHttp.Response r =
        http.get(
            engine.url()
                + "/"
                + index
                + "/_doc/"
                + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(r.ok()).as("document " + id).isTrue();
    return r.json().path("_source");
  }

  private long documents(SearchEngineNode engine, String index) {
    http.post(engine.url() + "/" + index + "/_refresh", "");
    JsonHttp.Response r = http.get(engine.url() + "/" + index + "/_count");
    return r.ok() ? r.json().path("count").asLong() : 0;
  }
}
