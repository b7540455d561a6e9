package io.tidestream.elastic.config;

/** What to do with a record the sink cannot index as it is (bad payload, bad coordinates, …). */
public enum RecordFailureAction {
  /** Send it to the dead-letter topic with headers naming the reason. */
  DEAD_LETTER,
  /** Skip it silently (counted and logged at DEBUG by topic/partition/offset). */
  DROP,
  /** Stop the task with an error. */
  FAIL,
  /** Geo only: index the document without the geo_point field. */
  INDEX_WITHOUT_LOCATION
}
