package io.tidestream.elastic.deadletter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Sends records to the dead-letter topic through KIP-610's errant record reporter, with headers
 * that say why: {@code tidestream.error.stage} (filter, geo, document, engine), {@code .type} (e.g.
 * strict_dynamic_mapping_exception), {@code .reason}, {@code .index} and {@code .status}.
 *
 * <p>The reporter writes an {@code InternalSinkRecord} as the original consumer record and drops
 * headers added to it, so a plain copy of the record carries ours; the worker re-serialises it with
 * the connector's converters. Call only from the task thread.
 *
 * <p>{@link #report} hands back the write's future and nothing else: the worker keeps only the
 * futures that are not done yet, so a write its producer refuses at once (a record above {@code
 * max.request.size}) would otherwise go unnoticed. {@link PendingDeadLetters} watches them.
 */
public final class DeadLetters {

  public static final String HEADER_STAGE = "tidestream.error.stage";
  public static final String HEADER_TYPE = "tidestream.error.type";
  public static final String HEADER_REASON = "tidestream.error.reason";
  public static final String HEADER_INDEX = "tidestream.error.index";
  public static final String HEADER_STATUS = "tidestream.error.status";

  /** The exception handed to the reporter; the worker adds its message to its own error headers. */
  public static final class DeadLetterException extends ConnectException {
    private static final long serialVersionUID = 1L;

    DeadLetterException(String message) {
      super(message);
    }
  }

  private final ErrantRecordReporter reporter;

  public DeadLetters(ErrantRecordReporter reporter) {
    this.reporter = reporter;
  }

  /** The context's reporter, or null on runtimes older than Kafka 2.6 or without one. */
  public static ErrantRecordReporter lookup(SinkTaskContext context) {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError e) {
      return null;
    }
  }

  public boolean available() {
    return reporter != null;
  }

  /**
   * Starts writing {@code record} to the dead-letter topic.
   *
   * @param index target index, or null when the record failed before one was chosen
   * @param status HTTP status from the engine, or -1 when the sink itself rejected the record
   * @return the write: done once the dead-letter topic has the record, or failed; a reporter that
   *     throws gives a failed future, so every failure is seen in one place
   */
  public Future<Void> report(
      SinkRecord record, String stage, String type, String reason, String index, int status) {
    if (reporter == null) {
      throw new ConnectException(
          "A record must go to the dead-letter topic ("
              + type
              + ") but this Connect runtime offers no errant record reporter (it needs Kafka 2.6+"
              + " with errors.tolerance=all and errors.deadletterqueue.topic.name)");
    }
    ConnectHeaders headers = new ConnectHeaders();
    for (Header h : record.headers()) {
      headers.add(h);
    }
    headers.addString(HEADER_STAGE, stage);
    headers.addString(HEADER_TYPE, type);
    headers.addString(HEADER_REASON, reason == null ? "" : reason);
    if (index != null) {
      headers.addString(HEADER_INDEX, index);
    }
    if (status >= 0) {
      headers.addInt(HEADER_STATUS, status);
    }
    String message =
        type
            + ": "
            + reason
            + (index == null ? "" : " (index " + index + ")")
            + (status >= 0 ? " (HTTP " + status + ")" : "");
    try {
      return reporter.report(plainCopy(record, headers), new DeadLetterException(message));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static SinkRecord plainCopy(SinkRecord r, ConnectHeaders headers) {
    try {
      return new SinkRecord(
          r.topic(),
          r.kafkaPartition(),
          r.keySchema(),
          r.key(),
          r.valueSchema(),
          r.value(),
          r.kafkaOffset(),
          r.timestamp(),
          r.timestampType(),
          headers,
          r.originalTopic(),
          r.originalKafkaPartition(),
          r.originalKafkaOffset());
    } catch (NoSuchMethodError e) {
      return new SinkRecord(
          r.topic(),
          r.kafkaPartition(),
          r.keySchema(),
          r.key(),
          r.valueSchema(),
          r.value(),
          r.kafkaOffset(),
          r.timestamp(),
          r.timestampType(),
          headers);
    }
  }
}
