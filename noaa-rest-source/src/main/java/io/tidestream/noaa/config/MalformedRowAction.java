package io.tidestream.noaa.config;

/**
 * What the task does with a row of NOAA's answer that has no readable time (the key {@value
 * NoaaSourceConfig#MALFORMED_ROWS_ACTION}); independent of Connect's {@code errors.tolerance}.
 */
public enum MalformedRowAction {
  /**
   * Deliver the answer's other rows, and report the row: counted in {@code malformed-rows}, one
   * WARN line per answer, and a {@code MALFORMED_ROW} record on {@code noaa.errors.topic} when set.
   */
  REPORT,
  /** Fail the task, naming the row: for pipelines that must stop rather than skip anything. */
  FAIL
}
