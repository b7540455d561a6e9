package io.tidestream.elastic.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.elastic.bulk.BulkSettings;
import io.tidestream.elastic.bulk.BulkWriter;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.retry.ErrorAction;
import io.tidestream.elastic.retry.ErrorTypeActions;
import io.tidestream.elastic.retry.RetryBudget;
import io.tidestream.elastic.testing.BulkResponses;
import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.FakeEngine.Reply;
import io.tidestream.elastic.testing.FakeTransport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bulk writer over the real REST client against a loopback fake engine. */
class RestBulkTransportTest {

  private static final TopicPartition TP = new TopicPartition("noaa.water_level", 0);

  private final FakeEngine engine;
  private BulkWriter writer;

  RestBulkTransportTest() throws Exception {
    engine = new FakeEngine();
  }

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
    engine.close();
  }

  private BulkWriter start(Map<String, String> extra) {
    return start(extra, Duration.ZERO);
  }

  /** A long linger keeps records added one by one in one batch until {@code flushSoon()}. */
  private BulkWriter start(Map<String, String> extra, Duration linger) {
    Map<String, String> props =
        new HashMap<>(Map.of("connection.urls", engine.url(), "connection.api.key", "aWQ6a2V5"));
    props.putAll(extra);
    ElasticGeoSinkConfig config = new ElasticGeoSinkConfig(props);
    writer =
        new BulkWriter(
            new BulkSettings(100, 1 << 20, linger, 2, 1 << 20, RetryBudget.ofMillis(30_000)),
            new RestBulkTransport(EngineClientFactory.create(config)),
            new ErrorTypeActions(Map.of(), ErrorAction.DEAD_LETTER),
            new ExponentialBackoff(Duration.ofMillis(5), Duration.ofMillis(20), () -> 0.5),
            Clock.systemUTC(),
            new JsonFactory());
    writer.start("test-bulk");
    return writer;
  }

  private void add(long offset) {
    byte[] bytes =
        ("{\"index\":{\"_index\":\"tides\",\"_id\":\"id"
                + offset
                + "\"}}\n{\"v\":"
                + offset
                + "}\n")
            .getBytes(StandardCharsets.UTF_8);
    writer.add(
        new SinkRecord(TP.topic(), 0, null, null, null, "{}", offset),
        TP,
        offset,
        "tides",
        "id" + offset,
        bytes);
  }

  private void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!writer.idle() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(writer.idle()).as("writer drained").isTrue();
  }

  @Test
  void resendsOnlyTheRejectedItemsAndSendsNdjsonWithTheApiKey() throws Exception {
    engine.once(
        "POST",
        "/_bulk",
        Reply.json(200, BulkResponses.items("ok", "429:es_rejected_execution_exception", "ok")));
    start(Map.of(), Duration.ofMinutes(1)); // the three records must leave as one request
    add(0);
    add(1);
    add(2);
    writer.flushSoon();
    awaitIdle();

    var bulks = engine.received("POST", "/_bulk");
    assertThat(bulks).hasSize(2);
    assertThat(FakeTransport.ids(bulks.get(0).body())).containsExactly("id0", "id1", "id2");
    assertThat(FakeTransport.ids(bulks.get(1).body())).containsExactly("id1");
    assertThat(bulks.get(0).header("Content-Type")).startsWith("application/x-ndjson");
    assertThat(bulks.get(0).header("Authorization")).isEqualTo("ApiKey aWQ6a2V5");
    assertThat(bulks.get(0).query())
        .contains("filter_path=errors,items.*.status,items.*.error.type")
        .as("the engine's precise cause is not trimmed away")
        .contains("items.*.error.caused_by");
    assertThat(writer.committableOffsets()).containsEntry(TP, 3L);
  }

  @Test
  void theSenderWakesUpForTheFirstDocumentWithoutAnExplicitFlush() throws Exception {
    start(Map.of());
    add(0);
    awaitIdle(); // the idle sender sleeps 60 s unless add() wakes it
    assertThat(writer.acknowledgedCount()).isEqualTo(1);
  }

  @Test
  void gzipsBodiesWhenAskedAndRetriesServerErrors() throws Exception {
    engine.once("POST", "/_bulk", Reply.json(502, "<html><body>502 Bad Gateway</body></html>"));
    start(Map.of("connection.compression", "true"));
    add(0);
    writer.flushSoon();
    awaitIdle();
    var bulks = engine.received("POST", "/_bulk");
    assertThat(bulks).hasSize(2);
    assertThat(bulks.get(1).header("Content-Encoding")).isEqualTo("gzip");
    assertThat(FakeTransport.ids(bulks.get(1).body())).containsExactly("id0");
    assertThat(writer.acknowledgedCount()).isEqualTo(1);
    assertThat(writer.requestRetryCount()).isEqualTo(1);
  }
}
