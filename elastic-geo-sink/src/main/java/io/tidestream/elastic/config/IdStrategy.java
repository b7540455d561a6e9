package io.tidestream.elastic.config;

/** Where a document's {@code _id} comes from. */
public enum IdStrategy {
  /** Joined values of {@code document.id.fields}: a replay overwrites instead of duplicating. */
  RECORD_FIELDS,
  /** {@code topic+partition+offset}: idempotent per Kafka record, not per observation. */
  KAFKA_COORDINATES,
  /**
   * The record key: a string or primitive key as its text, a Struct key's field values in schema
   * order and a Map key's values in key order, joined with '|' (see {@code document.KeyIds}). A
   * record without a key is a bad record.
   */
  RECORD_KEY,
  /** Let the engine assign ids: fastest, but a replay duplicates documents. */
  ENGINE
}
