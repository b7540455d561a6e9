package io.tidestream.noaa.api;

/** What a failed request means for the connector; decides retry, hold, quarantine or breaker. */
public enum NoaaErrorKind {
  /** "No data was found": not an error; hold or advance per the lateness rule. */
  NO_DATA,
  /** "No Predictions data was found. Please make sure the Datum input is valid.": datum. */
  DATUM,
  /** " Wrong ...", "Invalid ...": a request parameter NOAA rejects for this unit. */
  WRONG_PARAMETER,
  /** "Range Limit Exceeded": the window is too wide; halve it. */
  RANGE_LIMIT,
  /** I/O, timeouts, 5xx, HTML pages, non-JSON or truncated bodies, unknown shapes. */
  TRANSIENT,
  /** HTTP 429: slow down, honour Retry-After. */
  THROTTLED,
  /** HTTP 403 from the API gateway: this IP is banned for a while. */
  BANNED
}
