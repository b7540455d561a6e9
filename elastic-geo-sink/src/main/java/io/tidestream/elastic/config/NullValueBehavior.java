package io.tidestream.elastic.config;

/** What a tombstone (record with a null value) does. */
public enum NullValueBehavior {
  /** Delete the document whose id is derived from the record key. */
  DELETE,
  /** Skip the tombstone. */
  IGNORE,
  /** Stop the task: a tombstone on this topic is a mistake someone must look at. */
  FAIL
}
