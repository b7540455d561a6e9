package io.tidestream.elastic.config;

/** What a tombstone (record with a null value) does. */
public enum NullValueBehavior {
  /** Delete the document whose id is derived from the record key. */
  DELETE,
  /** Skip the tombstone. */
  IGNORE
}
