package io.tidestream.elastic.metrics;

import io.tidestream.common.metrics.TaskMetrics;
import io.tidestream.elastic.bulk.BulkObserver;
import io.tidestream.elastic.bulk.BulkWriter;
import java.util.function.IntSupplier;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The sink task's own metrics, in JMX as {@code kafka.connect:type=plugins,connector=…,task=…}:
 *
 * <ul>
 *   <li>{@code documents-indexed-rate/-total} — documents the engine acknowledged
 *   <li>{@code record-ack-latency-avg/-max/-p50/-p99} (ms) — for each acknowledged record, from its
 *       Kafka timestamp (CreateTime or LogAppendTime) to the handling of the engine's answer;
 *       records without a timestamp are not counted (see {@link #ackLatencyMillis})
 *   <li>{@code bulk-requests-rate/-total}, {@code bulk-request-latency-avg/-max} (ms) — {@code
 *       _bulk} round trips
 *   <li>{@code item-failures-rate/-total} by {@code error-type} — items the engine refused, retried
 *       or not
 *   <li>{@code item-retries-rate/-total}, {@code request-retries-rate/-total} — attempts made again
 *   <li>{@code dead-lettered-records-rate/-total} by {@code reason} — records the dead-letter topic
 *       confirmed
 *   <li>{@code dropped-records-rate/-total} by {@code reason} — records dropped on purpose: the
 *       drop or ignore actions (same reason types as dead letters, or the engine's {@code
 *       error.type}) and ignored tombstones ({@code tombstone})
 *   <li>{@code buffered-bytes}, {@code buffered-records}, {@code in-flight-requests}, {@code
 *       paused-partitions} — gauges
 *   <li>{@code engine-down} (1 or 0) and {@code engine-down-seconds} — gauges of the engine's
 *       state, read without the writer's lock
 * </ul>
 */
public final class SinkMetrics implements BulkObserver {

  /**
   * The ack latency histogram's range: 5 minutes, so that its buckets stay fine (6 ms at 500 ms, 12
   * ms at 2 s); older records (a backfill, a sink that was stopped) count as 5 minutes in the
   * percentiles, with the exact figure in {@code record-ack-latency-max}.
   */
  public static final long ACK_LATENCY_RANGE_MS = 300_000;

  private final TaskMetrics.Meter indexed;
  private final TaskMetrics.Meter requests;
  private final TaskMetrics.Timer latency;
  private final TaskMetrics.Timer ackLatency;
  private final TaskMetrics.TaggedMeter itemFailures;
  private final TaskMetrics.Meter itemRetries;
  private final TaskMetrics.Meter requestRetries;
  private final TaskMetrics.TaggedMeter deadLettered;
  private final TaskMetrics.Meter deadLetterRetries;
  private final TaskMetrics.TaggedMeter dropped;

  public SinkMetrics(TaskMetrics metrics) {
    indexed = metrics.meter("documents-indexed", "documents the engine acknowledged");
    requests = metrics.meter("bulk-requests", "bulk requests answered or failed");
    latency = metrics.timer("bulk-request-latency", "bulk request round trip");
    ackLatency =
        metrics.histogram(
            "record-ack-latency",
            "time from a record's Kafka timestamp to the engine's acknowledgement of its document",
            ACK_LATENCY_RANGE_MS);
    itemFailures =
        metrics.meter(
            "item-failures", "bulk items the engine refused, by error.type", "error-type");
    itemRetries = metrics.meter("item-retries", "refused bulk items scheduled for another attempt");
    requestRetries =
        metrics.meter(
            "request-retries", "whole bulk requests resent after a connection error, 429 or 5xx");
    deadLettered =
        metrics.meter(
            "dead-lettered-records",
            "records the dead-letter topic confirmed, by reason",
            "reason");
    deadLetterRetries =
        metrics.meter(
            "dead-letter-retries",
            "dead-letter writes made again after a failure or a refusal; each may leave a"
                + " duplicate on the dead-letter topic");
    dropped =
        metrics.meter(
            "dropped-records",
            "records dropped on purpose (drop/ignore actions, ignored tombstones), " + "by reason",
            "reason");
  }

  /** Registers the gauges that read the writer's and the task's state. */
  public static SinkMetrics register(
      TaskMetrics metrics, BulkWriter writer, IntSupplier pausedPartitions) {
    SinkMetrics sink = new SinkMetrics(metrics);
    metrics.gauge(
        "buffered-bytes", "bytes of documents held by the bulk writer", writer::bufferedBytes);
    metrics.gauge(
        "buffered-records",
        "records held by the bulk writer until acknowledged or reported",
        writer::bufferedRecords);
    metrics.gauge(
        "in-flight-requests", "bulk requests sent and not yet answered", writer::inFlight);
    metrics.gauge(
        "paused-partitions",
        "partitions paused for backpressure or an engine outage",
        pausedPartitions::getAsInt);
    metrics.gauge(
        "engine-down",
        "1 while the engine does not answer (connection errors, no answer, 429/5xx for "
            + "whole requests), else 0",
        () -> writer.engineDown() ? 1 : 0);
    metrics.gauge(
        "engine-down-seconds",
        "seconds since the engine stopped answering, 0 while it answers",
        writer::engineDownSeconds);
    writer.observe(sink);
    return sink;
  }

  /**
   * The dead-letter topic confirmed a record; {@code reason} is its {@code tidestream.error.type}.
   */
  public void deadLettered(String reason) {
    deadLettered.record(reason);
  }

  /** A dead-letter write is made again (see {@code PendingDeadLetters}). */
  public void deadLetterRetried() {
    deadLetterRetries.record();
  }

  /**
   * A record was dropped on purpose; {@code reason} is the type it would have been dead-lettered
   * with.
   */
  public void dropped(String reason) {
    dropped.record(reason);
  }

  @Override
  public void itemIgnored(String errorType) {
    dropped.record(errorType);
  }

  @Override
  public void requestCompleted(long nanos) {
    requests.record();
    latency.recordMillis(nanos / 1_000_000.0);
  }

  /**
   * How long ago, at {@code nowMs}, a record with this Kafka timestamp was written: {@code nowMs -
   * timestamp} for CreateTime (when the producer sent it; our source sets it to the observation
   * time) and LogAppendTime (when the broker appended it), 0 for a timestamp ahead of the clock
   * (clocks of two machines); -1 when the record has no timestamp, which is then not counted.
   */
  public static long ackLatencyMillis(Long timestamp, TimestampType type, long nowMs) {
    if (timestamp == null || timestamp < 0 || type == TimestampType.NO_TIMESTAMP_TYPE) {
      return -1;
    }
    return Math.max(0, nowMs - timestamp);
  }

  @Override
  public void recordAcknowledged(SinkRecord record, long nowMs) {
    long millis = ackLatencyMillis(record.timestamp(), record.timestampType(), nowMs);
    if (millis >= 0) {
      ackLatency.recordMillis(millis);
    }
  }

  @Override
  public void acknowledged(int documents) {
    indexed.record(documents);
  }

  @Override
  public void itemFailed(String errorType) {
    itemFailures.record(errorType);
  }

  @Override
  public void itemRetried() {
    itemRetries.record();
  }

  @Override
  public void requestRetried() {
    requestRetries.record();
  }
}
