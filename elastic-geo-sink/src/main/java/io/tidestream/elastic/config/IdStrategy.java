package io.tidestream.elastic.config;

/** Where a document's {@code _id} comes from. */
public enum IdStrategy {
  /** Joined values of {@code document.id.fields}: a replay overwrites instead of duplicating. */
  RECORD_FIELDS,
  /** {@code topic+partition+offset}: idempotent per Kafka record, not per observation. */
  KAFKA_COORDINATES,
  /** Let the engine assign ids: fastest, but a replay duplicates documents. */
  ENGINE
}
