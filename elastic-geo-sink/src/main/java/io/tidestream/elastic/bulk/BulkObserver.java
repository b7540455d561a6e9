package io.tidestream.elastic.bulk;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What the {@link BulkWriter} reports to the task's metrics. Called on the writer's threads, under
 * its lock: keep it quick.
 */
public interface BulkObserver {
  BulkObserver NONE = new BulkObserver() {};

  /** A bulk request was answered (any status) or failed, {@code nanos} after it was sent. */
  default void requestCompleted(long nanos) {}

  /** The engine acknowledged {@code documents} items of one request. */
  default void acknowledged(int documents) {}

  /**
   * The engine acknowledged the document of {@code record}; {@code nowMs} is the writer's clock
   * when the answer was handled. Called once per acknowledged item, before {@link #acknowledged}.
   */
  default void recordAcknowledged(SinkRecord record, long nowMs) {}

  /**
   * The engine refused one item with {@code errorType} (or {@code http_<status>}), whatever happens
   * next.
   */
  default void itemFailed(String errorType) {}

  /** One refused item was scheduled for another attempt. */
  default void itemRetried() {}

  /**
   * One refused item was dropped on purpose: {@code errors.type.actions} says ignore for its {@code
   * errorType}.
   */
  default void itemIgnored(String errorType) {}

  /** A whole request is resent (connection error, 429 or 5xx for the request). */
  default void requestRetried() {}
}
