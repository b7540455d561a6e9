package io.tidestream.noaa.api;

/** What a failed request means for the connector; decides retry, hold, quarantine or breaker. */
public enum NoaaErrorKind {
  /** "No data was found": not an error; hold or advance per the lateness rule. */
  NO_DATA(false),
  /** "No Predictions data was found. Please make sure the Datum input is valid.": datum. */
  DATUM(false),
  /** " Wrong ...", "Invalid ...": a request parameter NOAA rejects for this unit. */
  WRONG_PARAMETER(false),
  /** "Range Limit Exceeded": the window is too wide; halve it. */
  RANGE_LIMIT(false),
  /** I/O, timeouts, 5xx, HTML pages, non-JSON or truncated bodies, unknown shapes. */
  TRANSIENT(true),
  /** HTTP 429: slow down, honour Retry-After. */
  THROTTLED(true),
  /** HTTP 403 from the API gateway: this IP is banned for a while. */
  BANNED(true);

  private final boolean transport;

  NoaaErrorKind(boolean transport) {
    this.transport = transport;
  }

  /** True when the problem is with reaching NOAA, not with what was asked. */
  public boolean isTransport() {
    return transport;
  }

  /** Errors that would be wrong configuration for one unit, unless many units see them. */
  public boolean isParameterProblem() {
    return this == DATUM || this == WRONG_PARAMETER;
  }
}
