package io.tidestream.elastic.config;

/** The bulk action each record becomes ({@code write.method}); tombstones are deletes. */
public enum WriteMethod {
  /** {@code index}: the record's document replaces the whole document with its id. */
  INDEX,
  /**
   * {@code update} with {@code doc_as_upsert}: the record's fields are merged into the document
   * with its id (fields it lacks keep their value), or make it when there is none.
   */
  UPSERT,
  /**
   * {@code create}: the first record with an id makes the document; a later one with the same id is
   * a version conflict, which the sink counts as done (the document is already there).
   */
  CREATE
}
