package io.tidestream.noaa.api;

import java.util.Locale;

/**
 * Why an answer with a success status was not read as data: the body was not the JSON NOAA sends.
 * Each one is a {@link NoaaErrorKind#TRANSIENT} failure; the task counts them by this reason and
 * says so once when one unit keeps getting the same one.
 */
public enum BodyRejection {
  /** Nothing but whitespace. */
  EMPTY_BODY,
  /** Does not start with '{': an HTML page, a proxy's error text. */
  NOT_JSON,
  /** Starts like JSON but does not parse: truncated or corrupt. */
  INVALID_JSON,
  /**
   * Valid JSON without the expected {@code data}/{@code predictions} array and without {@code
   * error}.
   */
  NO_DATA_ARRAY;

  /** {@code not_json}: the metric tag and the word in log lines. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
