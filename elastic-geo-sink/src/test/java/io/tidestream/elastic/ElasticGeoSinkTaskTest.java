package io.tidestream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.tidestream.common.testing.ManualClock;
import io.tidestream.elastic.deadletter.DeadLetters;
import io.tidestream.elastic.testing.BulkResponses;
import io.tidestream.elastic.testing.FakeReporter;
import io.tidestream.elastic.testing.FakeTransport;
import io.tidestream.elastic.testing.NoaaRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ElasticGeoSinkTaskTest {

  private static final TopicPartition TP = new TopicPartition("noaa.water_level", 0);

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final FakeTransport transport = new FakeTransport();
  private final SinkTaskContext context = mock(SinkTaskContext.class);
  private final FakeReporter reporter = new FakeReporter();
  private ElasticGeoSinkTask task;

  @BeforeEach
  void setUp() {
    when(context.errantRecordReporter()).thenReturn(reporter);
    task = new ElasticGeoSinkTask(clock, (config, mapper) -> transport.session(), false);
    task.initialize(context);
  }

  @AfterEach
  void tearDown() {
    task.stop();
  }

  static Map<String, String> props() {
    Map<String, String> props = new HashMap<>();
    props.put("connection.urls", "http://127.0.0.1:9200");
    props.put("index.name", "tides-${yyyy.MM}");
    props.put("bulk.linger.ms", "0");
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "noaa.dlq");
    return props;
  }

  private static SinkRecord record(Object value, long offset) {
    return new SinkRecord(
        TP.topic(),
        TP.partition(),
        null,
        null,
        null,
        value,
        offset,
        NoaaRecords.T,
        TimestampType.CREATE_TIME);
  }

  private static Struct station(String id, double lat) {
    return NoaaRecords.keyWest().put("station_id", id).put("lat", lat);
  }

  private static Map<String, Object> headers(SinkRecord record) {
    Map<String, Object> headers = new HashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), h.value());
    }
    return headers;
  }

  @Test
  void startFailsWhenDeadLetteringIsAskedForWithoutADeadLetterTopic() {
    Map<String, String> props = props();
    props.remove("errors.deadletterqueue.topic.name");
    props.remove("errors.tolerance");
    assertThatThrownBy(() -> task.start(props))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("errors.deadletterqueue.topic.name is not set")
        .hasMessageContaining("errors.tolerance is not 'all'")
        .hasMessageContaining("geo.invalid.action");
  }

  @Test
  void startFailsOnARuntimeWithoutErrantRecordReporter() {
    when(context.errantRecordReporter()).thenReturn(null);
    assertThatThrownBy(() -> task.start(props())).hasMessageContaining("no errant record reporter");
  }

  @Test
  void badRecordsAreDeadLetteredWithReasonHeadersAndOnlyAcknowledgedOffsetsAreCommitted() {
    task.start(props());
    task.open(List.of(TP));
    task.put(
        List.of(
            record(station("8724580", 24.55), 0),
            record("{\"error\":{\"message\":\"No data was found.\"}}", 1),
            record("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", 2),
            record(station("8724580", 124.0), 3),
            record(station("9447130", 47.6), 4)));

    Map<TopicPartition, OffsetAndMetadata> current = Map.of(TP, new OffsetAndMetadata(5));
    assertThat(task.preCommit(current))
        .as("nothing acknowledged yet")
        .containsEntry(TP, new OffsetAndMetadata(0));

    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("ok", "400:strict_dynamic_mapping_exception")));
    task.writer().pump();
    assertThat(task.preCommit(current))
        .as("the dead-letter topic has not confirmed offset 1 yet")
        .containsEntry(TP, new OffsetAndMetadata(1));
    reporter.acknowledgeAll();
    assertThat(task.preCommit(current)).containsEntry(TP, new OffsetAndMetadata(5));

    List<SinkRecord> reported =
        reporter.reports().stream().map(FakeReporter.Report::record).toList();
    List<Throwable> errors = reporter.reports().stream().map(FakeReporter.Report::error).toList();
    List<Map<String, Object>> headers = new ArrayList<>();
    reported.forEach(r -> headers.add(headers(r)));
    assertThat(reported).extracting(SinkRecord::kafkaOffset).containsExactly(1L, 2L, 3L, 4L);
    assertThat(headers)
        .extracting(h -> h.get(DeadLetters.HEADER_TYPE))
        .containsExactly(
            "error_payload",
            "non_json_value",
            "invalid_coordinates",
            "strict_dynamic_mapping_exception");
    assertThat(headers)
        .extracting(h -> h.get(DeadLetters.HEADER_STAGE))
        .containsExactly("filter", "filter", "geo", "engine");
    assertThat(headers.get(3))
        .containsEntry(DeadLetters.HEADER_INDEX, "tides-2015.01")
        .containsEntry(DeadLetters.HEADER_STATUS, 400)
        .containsEntry(DeadLetters.HEADER_REASON, "reason for strict_dynamic_mapping_exception");
    assertThat(headers.get(1).get(DeadLetters.HEADER_REASON).toString()).contains("HTML");
    assertThat(errors.get(3))
        .hasMessageContaining("strict_dynamic_mapping_exception")
        .hasMessageContaining("HTTP 400");
    assertThat(reported.get(1).value())
        .isEqualTo("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>");
  }

  /** A strict mapping rejects documents with a field it does not know. */
  private static FakeTransport.Answer strictMapping(String body) {
    List<String> outcomes = new ArrayList<>();
    String[] lines = body.split("\n");
    for (int i = 0; i < lines.length; i += 2) {
      outcomes.add(
          lines[i + 1].contains("\"unmapped\"") ? "400:strict_dynamic_mapping_exception" : "ok");
    }
    return new FakeTransport.Http(200, BulkResponses.items(outcomes.toArray(new String[0])));
  }

  @Test
  void tenThousandRecordsWithFourKindsOfBadDataEndIndexedOrDeadLetteredExactlyOnce() {
    Map<String, String> props = props();
    props.put("bulk.max.actions", "500");
    task.start(props);
    task.open(List.of(TP));
    transport.otherwise(ElasticGeoSinkTaskTest::strictMapping);
    List<SinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String json =
          switch (i % 100) {
            case 0 -> "{\"error\":{\"message\":\"No data was found.\"}}";
            case 1 -> "<html><head><title>504 Gateway Time-out</title></head></html>";
            case 2 ->
                "{\"station_id\":\"s"
                    + i
                    + "\",\"product\":\"water_level\",\"time\":"
                    + i
                    + ",\"lat\":\"abc\",\"lon\":-81.8}";
            case 3 ->
                "{\"station_id\":\"s"
                    + i
                    + "\",\"product\":\"water_level\",\"time\":"
                    + i
                    + ",\"lat\":24.5,\"lon\":-81.8,\"unmapped\":1}";
            default ->
                "{\"station_id\":\"s"
                    + i
                    + "\",\"product\":\"water_level\",\"time\":"
                    + i
                    + ",\"lat\":24.5,\"lon\":-81.8,\"value\":0.3}";
          };
      records.add(record(json, i));
    }
    for (int from = 0; from < records.size(); from += 1_000) {
      task.put(records.subList(from, from + 1_000));
      task.writer().pump();
    }
    task.writer().flushSoon();
    task.writer().pump();
    task.preCommit(Map.of(TP, new OffsetAndMetadata(10_000))); // reports what the engine refused
    reporter.acknowledgeAll();
    Map<TopicPartition, OffsetAndMetadata> committed =
        task.preCommit(Map.of(TP, new OffsetAndMetadata(10_000)));

    List<SinkRecord> reported =
        reporter.reports().stream().map(FakeReporter.Report::record).toList();
    assertThat(reported).hasSize(400);
    assertThat(task.writer().acknowledgedCount()).isEqualTo(9_600);
    assertThat(task.writer().acknowledgedCount() + reported.size()).isEqualTo(10_000);
    assertThat(reported)
        .extracting(r -> headers(r).get(DeadLetters.HEADER_TYPE))
        .containsOnly(
            "error_payload",
            "non_json_value",
            "invalid_coordinates",
            "strict_dynamic_mapping_exception");
    assertThat(reported)
        .allSatisfy(
            r ->
                assertThat(headers(r))
                    .containsKeys(
                        DeadLetters.HEADER_STAGE,
                        DeadLetters.HEADER_TYPE,
                        DeadLetters.HEADER_REASON));
    assertThat(committed).containsEntry(TP, new OffsetAndMetadata(10_000));
    java.util.Set<String> ids = new java.util.HashSet<>();
    transport.bodies().forEach(b -> ids.addAll(FakeTransport.ids(b)));
    assertThat(ids).hasSize(9_700);
  }

  @Test
  void pausesPartitionsWhenTheBufferIsFullAndResumesWhenItDrains() {
    Map<String, String> props = props();
    props.put("buffer.max.bytes", "1024");
    props.put("bulk.linger.ms", "60000");
    task.start(props);
    task.open(List.of(TP));
    clearInvocations(context); // open() resumes what it is given (see below)
    List<SinkRecord> batch = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      batch.add(record(station("s" + i, 24.5), i));
    }
    task.put(batch);
    assertThat(task.paused()).isTrue();
    verify(context).pause(TP);
    verify(context, atLeastOnce()).timeout(ElasticGeoSinkTask.WAKEUP_MS);

    task.put(List.of());
    verify(context, never()).resume(any(TopicPartition[].class));
    task.writer().pump();
    task.put(List.of());
    assertThat(task.paused()).isFalse();
    verify(context).resume(TP);
    assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(6))))
        .containsEntry(TP, new OffsetAndMetadata(6));
  }

  @Test
  void pausesWhileTheEngineIsDownAndCommitsNothingUnacknowledged() {
    task.start(props());
    task.open(List.of(TP));
    clearInvocations(context);
    transport.thenFail(FakeTransport.connectionRefused());
    task.put(List.of(record(station("a", 1), 0), record(station("b", 2), 1)));
    task.writer().pump();
    task.put(List.of());
    verify(context).pause(TP);
    assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(2))))
        .containsEntry(TP, new OffsetAndMetadata(0));

    clock.advance(60_000);
    task.writer().pump();
    task.put(List.of());
    verify(context).resume(TP);
    assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(2))))
        .containsEntry(TP, new OffsetAndMetadata(2));
    assertThat(transport.requestCount()).isEqualTo(2);
    assertThat(FakeTransport.ids(transport.bodies().get(1))).hasSize(2);
    assertThat(reporter.count()).isZero();
  }

  @Test
  void anOutageLongerThanTheRetryBudgetKeepsThePartitionsPausedAndNeverFailsTheTask() {
    Map<String, String> props = props();
    props.put("retry.budget.ms", "1000");
    task.start(props);
    task.open(List.of(TP));
    transport.otherwise(body -> new FakeTransport.Fail(FakeTransport.connectionRefused()));
    task.put(List.of(record(station("a", 1), 0), record(station("b", 2), 1)));
    for (int minute = 0; minute < 30; minute++) {
      task.writer().pump();
      task.put(List.of());
      assertThat(task.paused()).isTrue();
      assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(2))))
          .containsEntry(TP, new OffsetAndMetadata(0));
      clock.advance(60_000);
    }
    transport.otherwise(null);
    task.writer().pump();
    task.put(List.of());
    assertThat(task.paused()).isFalse();
    assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(2))))
        .containsEntry(TP, new OffsetAndMetadata(2));
    assertThat(task.writer().acknowledgedCount()).isEqualTo(2);
    assertThat(reporter.count()).isZero();
  }

  /**
   * The stall SinkResilienceIT found: the engine goes down while the first requests are in flight,
   * the task pauses, a rebalance takes the partitions away (their queued documents are dropped, the
   * new owner re-reads them) and gives some back. Nothing is left to send, so only a probe can tell
   * that the engine is back; without it the partitions stayed paused for good.
   */
  @Test
  void aTaskPausedForADownEngineResumesAfterARebalanceLeftItNothingToSend() {
    TopicPartition other = new TopicPartition(TP.topic(), 1);
    task.start(props());
    task.open(List.of(TP, other));
    transport.thenFail(FakeTransport.connectionRefused());
    task.put(List.of(record(station("a", 1), 0), record(station("b", 2), 1)));
    task.writer().pump();
    task.put(List.of());
    assertThat(task.paused()).isTrue();

    task.close(List.of(TP, other)); // a second task joins: everything is revoked ...
    task.open(List.of(other)); // ... and half of it comes back, still paused
    verify(context).pause(other);
    transport.failProbes(1); // the engine is still restarting at the first probe
    clock.advance(60_000);
    task.writer().pump();
    task.put(List.of());
    assertThat(task.paused()).isTrue();

    clock.advance(60_000);
    task.writer().pump();
    task.put(List.of());
    assertThat(transport.probeCount()).isEqualTo(2);
    assertThat(task.paused()).isFalse();
    verify(context).resume(other);
    assertThat(transport.requestCount())
        .as("the revoked partition's documents were not sent by this task")
        .isEqualTo(1);
  }

  /**
   * The stall ./pipeline bench found with tasks.max=4: paused on a full buffer, the task lost its
   * partitions to a rebalance that finished only in a later poll; in between it resumed (nothing
   * assigned). Connect then re-paused the returning partition from its own record of the task's
   * pauses, and the task, no longer paused, never resumed it. Opening must resume it.
   */
  @Test
  void aPartitionReturningAfterTheTaskResumedWithNothingAssignedIsResumedOnOpen() {
    TopicPartition other = new TopicPartition(TP.topic(), 1);
    Map<String, String> props = props();
    props.put("buffer.max.records", "2");
    task.start(props);
    task.open(List.of(TP, other));
    transport.holdResponses(true);
    task.put(List.of(record(station("a", 1), 0), record(station("b", 2), 1)));
    assertThat(task.paused()).isTrue();

    task.close(List.of(TP, other)); // revoked in one poll ...
    transport.releaseAll();
    task.writer().pump();
    task.put(List.of()); // ... the task resumes what it has (nothing) ...
    assertThat(task.paused()).isFalse();
    clearInvocations(context);
    task.open(List.of(other)); // ... and the partition comes back in a later poll
    verify(context).resume(other);
  }

  private static final String ERROR_PAYLOAD = "{\"error\":{\"message\":\"No data was found.\"}}";

  private static RecordTooLargeException tooLargeForTheDeadLetterProducer() {
    return new RecordTooLargeException(
        "The message is 1258390 bytes when serialized which is larger than 1048576, "
            + "which is the value of the max.request.size configuration.");
  }

  /**
   * The worker's dead-letter producer refuses a record larger than its max.request.size at once,
   * and Kafka's reporter then answers with an already-completed future, as if it had been written.
   */
  @Test
  void aDeadLetterWriteRefusedAtOnceHoldsItsOffsetBackAndStopsTheTaskNamingTheRecordAndTheFix() {
    reporter.answerWith(FakeReporter::refusedAtOnce);
    task.start(props());
    task.open(List.of(TP));
    task.put(
        List.of(record(station("a", 1), 0), record(ERROR_PAYLOAD, 1), record(station("b", 2), 2)));
    task.writer().pump();
    Map<TopicPartition, OffsetAndMetadata> current = Map.of(TP, new OffsetAndMetadata(3));
    assertThat(task.preCommit(current))
        .as("offset 1 is in neither the index nor the dead-letter topic")
        .containsEntry(TP, new OffsetAndMetadata(1));

    clock.advance(
        60_000); // past the backoff: the first of two more attempts a write refused at once gets
    task.put(List.of());
    assertThat(task.preCommit(current)).containsEntry(TP, new OffsetAndMetadata(1));
    clock.advance(60_000);
    assertThatThrownBy(() -> task.put(List.of()))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(
            "Record noaa.water_level-0 offset 1 (value of " + ERROR_PAYLOAD.length() + " bytes)")
        .hasMessageContaining("topic noaa.dlq in 3 attempts")
        .hasMessageContaining("Could not produce message to dead letter queue")
        .hasMessageContaining("producer.override.max.request.size")
        .hasMessageContaining("connector.client.config.override.policy")
        .hasMessageContaining("max.message.bytes")
        .hasMessageNotContaining("No data was found");
    assertThat(reporter.count()).isEqualTo(3);
    assertThat(task.preCommit(current)).containsEntry(TP, new OffsetAndMetadata(1));
  }

  /**
   * A write the broker acknowledged before {@code report()} returned (the worker's view over the
   * producer's future is done already) is a confirmation, not a refusal: no second write, no
   * duplicate on the dead-letter topic.
   */
  @Test
  void aDeadLetterWriteAcknowledgedBeforeTheTaskLooksIsConfirmedWithoutASecondWrite() {
    reporter.answerWith(FakeReporter::acknowledgedAtOnce);
    task.start(props());
    task.open(List.of(TP));
    task.put(
        List.of(record(station("a", 1), 0), record(ERROR_PAYLOAD, 1), record(station("b", 2), 2)));
    task.writer().pump();
    clock.advance(60_000);
    task.put(List.of());
    assertThat(reporter.count()).isEqualTo(1);
    assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(3))))
        .containsEntry(TP, new OffsetAndMetadata(3));
  }

  /**
   * A write still in flight holds the offset; a retriable failure reported later is retried, then
   * confirmed.
   */
  @Test
  void aDeadLetterWriteThatFailsLaterWithARetriableErrorIsRetriedAndOnlyThenCommitted() {
    task.start(props());
    task.open(List.of(TP));
    task.put(
        List.of(record(station("a", 1), 0), record(ERROR_PAYLOAD, 1), record(station("b", 2), 2)));
    task.writer().pump();
    Map<TopicPartition, OffsetAndMetadata> current = Map.of(TP, new OffsetAndMetadata(3));
    assertThat(task.preCommit(current))
        .as("not yet written")
        .containsEntry(TP, new OffsetAndMetadata(1));

    reporter
        .reports()
        .get(0)
        .future()
        .completeExceptionally(
            new NotEnoughReplicasException(
                "Messages are rejected since there are fewer in-sync replicas than required."));
    task.put(List.of());
    assertThat(task.preCommit(current)).containsEntry(TP, new OffsetAndMetadata(1));
    clock.advance(60_000);
    task.put(List.of());
    assertThat(reporter.count()).isEqualTo(2);
    assertThat(task.preCommit(current))
        .as("written again, not yet confirmed")
        .containsEntry(TP, new OffsetAndMetadata(1));
    reporter.acknowledgeAll();
    assertThat(task.preCommit(current)).containsEntry(TP, new OffsetAndMetadata(3));
  }

  @Test
  void aDeadLetterWriteThatKeepsFailingWithRetriableErrorsStopsTheTaskOnceTheBudgetIsSpent() {
    reporter.answerWith(
        r ->
            FakeReporter.Answer.direct(
                CompletableFuture.failedFuture(
                    new org.apache.kafka.common.errors.TimeoutException(
                        "Expiration of 1 record(s) for noaa.dlq-0"))));
    Map<String, String> props = props();
    props.put("retry.budget.ms", "1000");
    task.start(props);
    task.open(List.of(TP));
    task.put(List.of(record(ERROR_PAYLOAD, 0)));
    clock.advance(600);
    task.put(List.of());
    assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(1))))
        .containsEntry(TP, new OffsetAndMetadata(0));
    clock.advance(600);
    assertThatThrownBy(() -> task.put(List.of()))
        .hasMessageContaining("noaa.water_level-0 offset 0")
        .hasMessageContaining("TimeoutException")
        .hasMessageContaining("retry.budget.ms");
    assertThat(reporter.count()).isEqualTo(3);
  }

  /**
   * The same holds for a document the engine refused: its offset waits for the dead-letter write.
   */
  @Test
  void anEngineRejectionIsCommittedOnlyOnceItsDeadLetterWriteIsConfirmed() {
    task.start(props());
    task.open(List.of(TP));
    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("ok", "400:mapper_parsing_exception", "ok")));
    task.put(
        List.of(
            record(station("a", 1), 0), record(station("b", 2), 1), record(station("c", 3), 2)));
    task.writer().pump();
    Map<TopicPartition, OffsetAndMetadata> current = Map.of(TP, new OffsetAndMetadata(3));
    assertThat(task.preCommit(current)).containsEntry(TP, new OffsetAndMetadata(1));
    reporter.acknowledgeAll();
    assertThat(task.preCommit(current)).containsEntry(TP, new OffsetAndMetadata(3));
  }

  /** A runtime that hands the producer's error on: the message names it. */
  @Test
  void anEngineRejectionWhoseDeadLetterWriteFailsStopsTheTaskWithoutCommittingPastIt() {
    reporter.answerWith(
        r ->
            FakeReporter.Answer.direct(
                CompletableFuture.failedFuture(tooLargeForTheDeadLetterProducer())));
    task.start(props());
    task.open(List.of(TP));
    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("ok", "400:mapper_parsing_exception", "ok")));
    task.put(
        List.of(
            record(station("a", 1), 0), record(station("b", 2), 1), record(station("c", 3), 2)));
    task.writer().pump();
    Map<TopicPartition, OffsetAndMetadata> current = Map.of(TP, new OffsetAndMetadata(3));
    assertThat(task.preCommit(current)).containsEntry(TP, new OffsetAndMetadata(1));
    clock.advance(60_000);
    assertThatThrownBy(() -> task.put(List.of()))
        .hasMessageContaining("noaa.water_level-0 offset 1")
        .hasMessageContaining("RecordTooLargeException: The message is 1258390 bytes")
        .hasMessageContaining("producer.override.max.request.size");
    assertThat(task.preCommit(current)).containsEntry(TP, new OffsetAndMetadata(1));
  }

  @Test
  void failActionStopsTheTaskWithoutQuotingTheValue() {
    Map<String, String> props = props();
    props.put("filter.non.json.action", "fail");
    task.start(props);
    task.open(List.of(TP));
    assertThatThrownBy(() -> task.put(List.of(record("secret-looking-token {", 0))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("filter: non_json_value")
        .hasMessageNotContaining("secret-looking-token");
  }

  @Test
  void aTombstoneWithBehaviorFailStopsTheTaskNamingTheRecordAndTheKeyToChange() {
    Map<String, String> props = props();
    props.put("behavior.on.null.values", "fail");
    task.start(props);
    task.open(List.of(TP));
    SinkRecord tombstone =
        new SinkRecord(TP.topic(), TP.partition(), null, "private-key-42", null, null, 5);
    assertThatThrownBy(() -> task.put(List.of(tombstone)))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("Record " + TP + " offset 5 is a tombstone")
        .hasMessageContaining("behavior.on.null.values=fail")
        .hasMessageContaining("set behavior.on.null.values=delete")
        .hasMessageNotContaining("private-key-42");
    assertThat(task.preCommit(Map.of())).doesNotContainKey(TP);
  }

  @Test
  void aBackgroundFailureSurfacesOnTheNextPut() {
    task.start(props());
    task.open(List.of(TP));
    task.put(List.of(record(station("a", 1), 0)));
    task.writer().pump();
    transport.then(
        body ->
            new FakeTransport.Http(
                403, "{\"error\":{\"type\":\"security_exception\"},\"status\":403}"));
    task.put(List.of(record(station("b", 1), 1)));
    task.writer().pump();
    assertThat(task.preCommit(Map.of(TP, new OffsetAndMetadata(2))))
        .as("what was acknowledged before the failure is still committed")
        .containsEntry(TP, new OffsetAndMetadata(1));
    assertThatThrownBy(() -> task.put(List.of()))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("HTTP 403");
  }
}
