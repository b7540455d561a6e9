package io.tidestream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.tidestream.common.testing.ManualClock;
import io.tidestream.common.testing.PluginMetricsFixture;
import io.tidestream.elastic.testing.BulkResponses;
import io.tidestream.elastic.testing.FakeReporter;
import io.tidestream.elastic.testing.FakeTransport;
import io.tidestream.elastic.testing.NoaaRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The task's own metrics, read back from a real Kafka metrics registry as the worker would publish
 * them.
 */
class ElasticGeoSinkTaskMetricsTest {

  private static final TopicPartition TP = new TopicPartition("noaa.water_level", 0);

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private final FakeTransport transport = new FakeTransport();
  private final SinkTaskContext context = mock(SinkTaskContext.class);
  private final FakeReporter reporter = new FakeReporter();
  private final PluginMetricsFixture metrics = new PluginMetricsFixture("sink", 0);
  private ElasticGeoSinkTask task;

  @BeforeEach
  void setUp() {
    when(context.errantRecordReporter()).thenReturn(reporter);
    when(context.pluginMetrics()).thenReturn(metrics.pluginMetrics());
    task = new ElasticGeoSinkTask(clock, (config, mapper) -> transport.session(), false);
    task.initialize(context);
  }

  @AfterEach
  void tearDown() throws Exception {
    task.stop();
    metrics.close();
  }

  @Test
  void indexedDocumentsItemFailuresAndDeadLettersAreCountedByTypeAndReason() {
    task.start(ElasticGeoSinkTaskTest.props());
    task.open(List.of(TP));
    task.put(
        List.of(
            record(station("8724580", 24.55), 0),
            record("{\"error\":{\"message\":\"No data was found.\"}}", 1),
            record(station("8724580", 124.0), 2),
            record(station("9447130", 47.6), 3),
            record(station("9414290", 37.8), 4)));
    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("ok", "400:strict_dynamic_mapping_exception", "ok")));
    task.writer().pump();
    task.preCommit(Map.of()); // reports what the engine refused
    assertThat(metrics.registry().metrics().keySet())
        .as("counted once the dead-letter topic has them")
        .noneMatch(n -> n.name().equals("dead-lettered-records-total"));
    reporter.acknowledgeAll();
    task.preCommit(Map.of());

    assertThat(value("documents-indexed-total")).isEqualTo(2.0);
    assertThat(value("bulk-requests-total")).isEqualTo(1.0);
    assertThat(value("bulk-request-latency-max")).isGreaterThanOrEqualTo(0.0);
    assertThat(value("item-failures-total", "error-type", "strict_dynamic_mapping_exception"))
        .isEqualTo(1.0);
    assertThat(value("dead-lettered-records-total", "reason", "error_payload")).isEqualTo(1.0);
    assertThat(value("dead-lettered-records-total", "reason", "invalid_coordinates"))
        .isEqualTo(1.0);
    assertThat(value("dead-lettered-records-total", "reason", "strict_dynamic_mapping_exception"))
        .isEqualTo(1.0);
  }

  @Test
  void transientFailuresCountAsRetriesOfItemsAndOfWholeRequests() {
    task.start(ElasticGeoSinkTaskTest.props());
    task.open(List.of(TP));
    task.put(List.of(record(station("8724580", 24.55), 0), record(station("9447130", 47.6), 1)));
    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("ok", "429:es_rejected_execution_exception")));
    task.writer().pump();
    clock.advance(60_000);
    transport.then(body -> new FakeTransport.Http(503, "{}"));
    task.writer().pump();

    assertThat(value("item-failures-total", "error-type", "es_rejected_execution_exception"))
        .isEqualTo(1.0);
    assertThat(value("item-retries-total")).isEqualTo(1.0);
    assertThat(value("request-retries-total")).isEqualTo(1.0);
    assertThat(value("bulk-requests-total")).isEqualTo(2.0);
    assertThat(value("documents-indexed-total")).isEqualTo(1.0);
  }

  /**
   * A write that came back refused at once is made again; the first may have reached the topic
   * after all, so each retry is counted where an operator can see it.
   */
  @Test
  void everyDeadLetterWriteMadeAgainIsCounted() {
    reporter.answerWith(FakeReporter::refusedAtOnce);
    task.start(ElasticGeoSinkTaskTest.props());
    task.open(List.of(TP));
    task.put(List.of(record("{\"error\":{\"message\":\"No data was found.\"}}", 0)));
    assertThat(value("dead-letter-retries-total")).isZero();

    clock.advance(60_000); // past the backoff
    reporter.answerWith(FakeReporter::acknowledgedAtOnce);
    task.put(List.of());
    task.put(List.of());

    assertThat(reporter.count()).isEqualTo(2);
    assertThat(value("dead-letter-retries-total")).isEqualTo(1.0);
    assertThat(value("dead-lettered-records-total", "reason", "error_payload")).isEqualTo(1.0);
  }

  @Test
  void gaugesShowBufferedBytesAndPausedPartitionsWhileTheBufferIsFull() {
    Map<String, String> props = ElasticGeoSinkTaskTest.props();
    props.put("buffer.max.bytes", "1024");
    props.put("bulk.linger.ms", "60000");
    task.start(props);
    task.open(List.of(TP, new TopicPartition(TP.topic(), 1)));
    List<SinkRecord> batch = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      batch.add(record(station("s" + i, 24.5), i));
    }
    task.put(batch);

    assertThat(value("paused-partitions")).isEqualTo(2.0);
    assertThat(value("buffered-bytes")).isGreaterThan(1024.0);
    assertThat(value("in-flight-requests")).isZero();

    transport.then(
        body ->
            new FakeTransport.Http(200, BulkResponses.items("ok", "ok", "ok", "ok", "ok", "ok")));
    task.writer().pump();
    task.put(List.of());
    assertThat(value("paused-partitions")).isZero();
    assertThat(value("buffered-bytes")).isZero();
  }

  /**
   * With the drop actions nothing else shows these records: they are neither indexed nor
   * dead-lettered.
   */
  @Test
  void everyRecordDroppedOnPurposeIsCountedByReason() {
    Map<String, String> props = ElasticGeoSinkTaskTest.props();
    props.put("filter.error.action", "drop");
    props.put("filter.non.json.action", "drop");
    props.put("geo.invalid.action", "drop");
    props.put("errors.type.actions", "version_conflict_engine_exception:ignore");
    task.start(props);
    task.open(List.of(TP));
    task.put(
        List.of(
            record("{\"error\":{\"message\":\"No data was found.\"}}", 0),
            record("{\"error\":{\"message\":\"Station not found.\"}}", 1),
            record("<html><body>502 Bad Gateway</body></html>", 2),
            record(station("8724580", 124.0), 3),
            record(null, 4), // a tombstone, ignored by default
            record(station("8724580", 24.55), 5),
            record(station("9447130", 47.6), 6)));
    transport.then(
        body ->
            new FakeTransport.Http(
                200, BulkResponses.items("ok", "409:version_conflict_engine_exception")));
    task.writer().pump();
    task.preCommit(Map.of());

    assertThat(value("dropped-records-total", "reason", "error_payload")).isEqualTo(2.0);
    assertThat(value("dropped-records-total", "reason", "non_json_value")).isEqualTo(1.0);
    assertThat(value("dropped-records-total", "reason", "invalid_coordinates")).isEqualTo(1.0);
    assertThat(value("dropped-records-total", "reason", "tombstone")).isEqualTo(1.0);
    assertThat(value("dropped-records-total", "reason", "version_conflict_engine_exception"))
        .isEqualTo(1.0);
    assertThat(value("documents-indexed-total")).isEqualTo(1.0);
    assertThat(reporter.count()).isZero();
    assertThat(
            task.preCommit(Map.of(TP, new org.apache.kafka.clients.consumer.OffsetAndMetadata(7))))
        .containsEntry(TP, new org.apache.kafka.clients.consumer.OffsetAndMetadata(7));
  }

  @Test
  void engineDownAndForHowLongAreGaugesThatClearWhenTheEngineAnswersAgain() {
    task.start(ElasticGeoSinkTaskTest.props());
    task.open(List.of(TP));
    assertThat(value("engine-down")).isZero();
    assertThat(value("engine-down-seconds")).isZero();

    transport.otherwise(body -> new FakeTransport.Fail(FakeTransport.connectionRefused()));
    task.put(List.of(record(station("8724580", 24.55), 0)));
    task.writer().pump();
    assertThat(value("engine-down")).isEqualTo(1.0);
    assertThat(value("engine-down-seconds")).isZero();
    clock.advance(95_000);
    task.writer().pump();
    assertThat(value("engine-down")).isEqualTo(1.0);
    assertThat(value("engine-down-seconds")).isEqualTo(95.0);

    transport.otherwise(null);
    clock.advance(10_000);
    task.writer().pump();
    assertThat(value("engine-down")).isZero();
    assertThat(value("engine-down-seconds")).isZero();
  }

  /**
   * Produce to acknowledged: now (the task's clock when the engine's answer is handled) minus the
   * record's Kafka timestamp, CreateTime or LogAppendTime; records without a timestamp are not
   * counted.
   */
  @Test
  void ackLatencyIsTheTimeFromTheRecordsTimestampToTheEnginesAcknowledgement() {
    Map<String, String> props = ElasticGeoSinkTaskTest.props();
    props.put("index.name", "tides"); // the default pattern needs a timestamp, "none" has none
    task.start(props);
    task.open(List.of(TP));
    long now = clock.millis();
    List<SinkRecord> batch = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      batch.add(stamped(station("s" + i, 24.5), i, now - 100, TimestampType.CREATE_TIME));
    }
    batch.add(stamped(station("late", 24.5), 48, now - 1_900, TimestampType.LOG_APPEND_TIME));
    batch.add(stamped(station("none", 24.5), 49, null, TimestampType.NO_TIMESTAMP_TYPE));
    batch.add(stamped(station("older", 24.5), 50, now - 1_900, TimestampType.CREATE_TIME));
    task.put(batch);
    clock.advance(150); // the engine answers 150 ms later
    transport.then(body -> new FakeTransport.Http(200, BulkResponses.allOk(batch.size())));
    task.writer().pump();

    assertThat(value("documents-indexed-total")).isEqualTo(51.0);
    assertThat(value("record-ack-latency-max")).isEqualTo(2_050.0);
    assertThat(value("record-ack-latency-avg")).isEqualTo((48 * 250 + 2 * 2_050) / 50.0);
    assertThat(value("record-ack-latency-p50")).isBetween(240.0, 250.0);
    assertThat(value("record-ack-latency-p99")).isBetween(2_020.0, 2_050.0);
  }

  @Test
  void ackLatencyCountsNothingBeforeTheEngineAcknowledges() {
    task.start(ElasticGeoSinkTaskTest.props());
    task.open(List.of(TP));
    task.put(List.of(record(station("8724580", 24.55), 0)));
    transport.then(body -> new FakeTransport.Http(503, "{}"));
    task.writer().pump();

    assertThat(value("record-ack-latency-p99")).isNaN();
    assertThat(value("record-ack-latency-avg")).isNaN();
  }

  @Test
  void aWorkerWithoutPluginMetricsStillRunsTheTask() {
    when(context.pluginMetrics()).thenThrow(new NoSuchMethodError("pluginMetrics"));
    task.start(ElasticGeoSinkTaskTest.props());
    task.open(List.of(TP));
    task.put(List.of(record(station("8724580", 24.55), 0)));
    transport.then(body -> new FakeTransport.Http(200, BulkResponses.items("ok")));
    task.writer().pump();

    assertThat(task.writer().acknowledgedCount()).isEqualTo(1);
    assertThat(metrics.hasPluginMetrics()).isFalse();
  }

  private double value(String name, String... extraTags) {
    return metrics.value(name, extraTags);
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

  private static SinkRecord stamped(Object value, long offset, Long timestamp, TimestampType type) {
    return new SinkRecord(
        TP.topic(), TP.partition(), null, null, null, value, offset, timestamp, type);
  }

  private static Struct station(String id, double lat) {
    return NoaaRecords.keyWest().put("station_id", id).put("lat", lat);
  }
}
