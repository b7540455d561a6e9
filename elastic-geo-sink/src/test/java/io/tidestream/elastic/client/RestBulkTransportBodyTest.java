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
import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.FakeEngine.Reply;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request body on its way through the real REST client: the documents go to the connection as
 * they are, not joined into a second array per request, and arrive byte for byte, gzipped or not,
 * and again when the client sends the request to another node.
 */
class RestBulkTransportBodyTest {

  private static final TopicPartition TP = new TopicPartition("noaa.water_level", 0);

  /** Documents per request and their size: a 2 MB body, larger than any chunk or buffer. */
  private static final int DOCUMENTS = 2_000;

  private static final int PADDING = 1_000;

  private final FakeEngine engine;
  private BulkWriter writer;

  RestBulkTransportBodyTest() throws Exception {
    engine = new FakeEngine();
  }

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
    engine.close();
  }

  /** A writer without a sender thread: the test pumps, so it sees what sending allocates. */
  private BulkWriter writer(String urls, Map<String, String> extra) {
    Map<String, String> props = new HashMap<>(Map.of("connection.urls", urls));
    props.putAll(extra);
    ElasticGeoSinkConfig config = new ElasticGeoSinkConfig(props);
    writer =
        new BulkWriter(
            new BulkSettings(
                DOCUMENTS,
                64 << 20,
                Duration.ofMinutes(1),
                2,
                128 << 20,
                RetryBudget.ofMillis(30_000)),
            new RestBulkTransport(EngineClientFactory.create(config)),
            new ErrorTypeActions(Map.of(), ErrorAction.DEAD_LETTER),
            new ExponentialBackoff(Duration.ofMillis(5), Duration.ofMillis(20), () -> 0.5),
            Clock.systemUTC(),
            new JsonFactory());
    return writer;
  }

  /** Queues {@link #DOCUMENTS} distinct documents; returns the body they make together. */
  private String addDocuments() {
    StringBuilder expected = new StringBuilder();
    String padding = "x".repeat(PADDING);
    for (int offset = 0; offset < DOCUMENTS; offset++) {
      String ndjson =
          "{\"index\":{\"_index\":\"tides\",\"_id\":\"id"
              + offset
              + "\"}}\n{\"v\":"
              + offset
              + ",\"pad\":\""
              + padding
              + "\"}\n";
      expected.append(ndjson);
      writer.add(
          new SinkRecord(TP.topic(), 0, null, null, null, "{}", offset),
          TP,
          offset,
          "tides",
          "id" + offset,
          ndjson.getBytes(StandardCharsets.UTF_8));
    }
    return expected.toString();
  }

  private void awaitAcknowledged() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (writer.acknowledgedCount() < DOCUMENTS && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(writer.acknowledgedCount()).isEqualTo(DOCUMENTS);
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @Test
  void sendingARequestDoesNotJoinItsDocumentsIntoASecondBody() throws Exception {
    writer(engine.url(), Map.of());
    String expected = addDocuments();
    writer.flushSoon();
    writer.pump(); // warms up the client's classes and connection on a first, identical request
    awaitAcknowledged();
    writer.close();

    writer(engine.url(), Map.of());
    addDocuments();
    writer.flushSoon();
    long before = allocatedByThisThread();
    assertThat(writer.pump()).isEqualTo(1);
    long allocated = allocatedByThisThread() - before;
    awaitAcknowledged();

    assertThat(allocated)
        .as("bytes allocated on the sending thread for a body of %d bytes", expected.length())
        .isLessThan(expected.length() / 4);
    var bulks = engine.received("POST", "/_bulk");
    assertThat(bulks.get(bulks.size() - 1).body()).isEqualTo(expected);
  }

  private static final Map<String, String> SIGV4 =
      Map.of(
          "connection.aws.sigv4.enabled", "true",
          "connection.aws.region", "eu-west-1",
          "connection.aws.access.key.id", "AKIDEXAMPLE",
          "connection.aws.secret.access.key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

  private static String sha256(String body) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void withSigV4TheStreamedBodyIsHashedWithoutASecondCopyAndArrivesAsHashed() throws Exception {
    writer(engine.url(), SIGV4);
    addDocuments();
    writer.flushSoon();
    writer.pump(); // warms up the client's and the signer's classes on a first, identical request
    awaitAcknowledged();
    writer.close();

    writer(engine.url(), SIGV4);
    String expected = addDocuments();
    writer.flushSoon();
    long before = allocatedByThisThread();
    assertThat(writer.pump()).isEqualTo(1);
    long allocated = allocatedByThisThread() - before;
    awaitAcknowledged();

    assertThat(allocated)
        .as(
            "bytes allocated on the sending thread (signing included) for a body of %d bytes",
            expected.length())
        .isLessThan(expected.length() / 4);
    var bulks = engine.received("POST", "/_bulk");
    FakeEngine.Received last = bulks.get(bulks.size() - 1);
    assertThat(last.body()).isEqualTo(expected);
    assertThat(last.header("x-amz-content-sha256")).isEqualTo(sha256(expected));
    assertThat(last.header("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/eu-west-1/es/aws4_request, SignedHeaders=content-type;host;");
  }

  @Test
  void withSigV4ARequestSentToAnotherNodeIsSignedAgainForThatHost() throws Exception {
    engine.once("POST", "/_bulk", Reply.json(502, "<html><body>502 Bad Gateway</body></html>"));
    String port = engine.url().substring(engine.url().lastIndexOf(':') + 1);
    writer("http://127.0.0.1:" + port + ",http://localhost:" + port, SIGV4);
    String expected = addDocuments();
    writer.flushSoon();
    writer.pump();
    awaitAcknowledged();

    var bulks = engine.received("POST", "/_bulk");
    assertThat(bulks).hasSize(2);
    assertThat(bulks)
        .allSatisfy(b -> assertThat(b.header("x-amz-content-sha256")).isEqualTo(sha256(expected)));
    assertThat(bulks.get(0).header("Host")).isNotEqualTo(bulks.get(1).header("Host"));
    assertThat(bulks.get(0).header("Authorization"))
        .isNotEqualTo(bulks.get(1).header("Authorization"));
  }

  @Test
  void aGzippedBodyArrivesByteForByte() throws Exception {
    writer(engine.url(), Map.of("connection.compression", "true"));
    String expected = addDocuments();
    writer.flushSoon();
    writer.pump();
    awaitAcknowledged();

    var bulks = engine.received("POST", "/_bulk");
    assertThat(bulks).hasSize(1);
    assertThat(bulks.get(0).header("Content-Encoding")).isEqualTo("gzip");
    assertThat(bulks.get(0).body()).isEqualTo(expected);
  }

  @Test
  void theBodyIsSentWholeAgainWhenTheClientTriesAnotherNode() throws Exception {
    // Two URLs of the same engine: after a 502 the REST client sends the same request to the
    // other node, producing the body a second time.
    engine.once("POST", "/_bulk", Reply.json(502, "<html><body>502 Bad Gateway</body></html>"));
    String port = engine.url().substring(engine.url().lastIndexOf(':') + 1);
    writer("http://127.0.0.1:" + port + ",http://localhost:" + port, Map.of());
    String expected = addDocuments();
    writer.flushSoon();
    writer.pump();
    awaitAcknowledged();

    var bulks = engine.received("POST", "/_bulk");
    assertThat(bulks).hasSize(2);
    assertThat(bulks.get(0).body()).isEqualTo(expected);
    assertThat(bulks.get(1).body()).isEqualTo(expected);
    assertThat(writer.requestRetryCount())
        .as("retried by the REST client, not the writer")
        .isZero();
  }
}
