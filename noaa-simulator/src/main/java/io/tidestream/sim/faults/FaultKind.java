package io.tidestream.sim.faults;

/** What can go wrong with one request to the data or metadata API. */
public enum FaultKind {
  /** Served normally. */
  NONE,
  HTTP_500,
  HTTP_502,
  HTTP_503,
  /** API Gateway's timeout: {@code {"message": "Endpoint request timed out"}}. */
  HTTP_504,
  /** Throttled, with a {@code Retry-After} header. */
  HTTP_429,
  /** 403 with {@code x-amzn-ErrorType: ForbiddenException}; what a banned client sees. */
  FORBIDDEN,
  /** An HTML error page with status 200. */
  HTML_200,
  /** Status 200 and a JSON body cut in half, with a Content-Length that matches the cut body. */
  TRUNCATED_JSON,
  /** Status 200 announcing the full Content-Length, half the body, then the connection closes. */
  PARTIAL_BODY,
  /** The normal answer, after a delay longer than a client's read timeout. */
  SLOW,
  /** The connection closes before any response byte is sent. */
  CONNECTION_RESET,
  /** NOAA's outage: every datagetter request answers "No data was found" with status 200. */
  OUTAGE,
  /** The normal answer with a UTF-8 byte-order mark (EF BB BF) in front of its body. */
  BOM_BODY,
  /**
   * The normal answer, with the value of one row (the middle one with a value) sent as {@code
   * "NaN"}.
   */
  NON_NUMERIC_VALUE,
  /**
   * The normal answer, then the server closes the connection without having announced it (no {@code
   * Connection: close}): a client that pools the connection finds it dead on reuse.
   */
  CLOSE_AFTER_ANSWER;

  /** Parses {@code HTTP_503}, {@code http-503}, {@code 503}, {@code slow}, ... */
  public static FaultKind parse(String text) {
    String normalized = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    if (normalized.matches("\\d{3}")) {
      normalized = normalized.equals("403") ? "FORBIDDEN" : "HTTP_" + normalized;
    }
    try {
      return valueOf(normalized);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown fault '" + text + "'; known faults: " + java.util.Arrays.toString(values()), e);
    }
  }
}
