package io.tidestream.elastic.config;

/** How Connect {@code Timestamp} values are written into documents. */
public enum TimeFormat {
  /**
   * {@code 2015-01-01T00:06:00Z}: unambiguous UTC, readable, parsed by the default date mapping.
   */
  ISO_8601,
  /** Milliseconds since the epoch as a JSON number: the cheapest to write. */
  EPOCH_MILLIS
}
