package io.tidestream.noaa.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A classified failure of one NOAA request. The message names the problem; {@link #body()} keeps (a
 * bounded prefix of) what NOAA sent, for the optional errors topic. Logs get at most {@link
 * #bodyStart()}, a short escaped prefix.
 */
public class NoaaApiException extends Exception {

  private static final int MAX_BODY = 4096;
  private static final int LOGGED_BODY_START = 40;

  private final NoaaErrorKind kind;
  private final int httpStatus;
  private final String noaaMessage;
  private final String body;
  private final Duration retryAfter;
  private final BodyRejection rejection;

  public NoaaApiException(
      NoaaErrorKind kind,
      int httpStatus,
      String message,
      String noaaMessage,
      String body,
      Duration retryAfter,
      Throwable cause) {
    this(kind, httpStatus, message, noaaMessage, body, retryAfter, cause, null);
  }

  /** An answer whose body was not read as data, for {@code rejection}; always transient. */
  public static NoaaApiException rejected(
      BodyRejection rejection, int httpStatus, String message, String body, Throwable cause) {
    return new NoaaApiException(
        NoaaErrorKind.TRANSIENT, httpStatus, message, null, body, null, cause, rejection);
  }

  private NoaaApiException(
      NoaaErrorKind kind,
      int httpStatus,
      String message,
      String noaaMessage,
      String body,
      Duration retryAfter,
      Throwable cause,
      BodyRejection rejection) {
    super(message, cause);
    this.rejection = rejection;
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.noaaMessage = noaaMessage;
    this.body = body == null || body.length() <= MAX_BODY ? body : body.substring(0, MAX_BODY);
    this.retryAfter = retryAfter;
  }

  public NoaaApiException(NoaaErrorKind kind, String message, String noaaMessage, String body) {
    this(kind, 200, message, noaaMessage, body, null, null);
  }

  public NoaaErrorKind kind() {
    return kind;
  }

  /** The HTTP status, 0 when no answer arrived (I/O error). */
  public int httpStatus() {
    return httpStatus;
  }

  /** NOAA's own {@code error.message}, trimmed; null when the failure was not an error body. */
  public String noaaMessage() {
    return noaaMessage;
  }

  /** The answer's body (at most 4 KiB), or null. */
  public String body() {
    return body;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Why the body of an answer was not read as data; empty for every other failure. */
  public Optional<BodyRejection> rejection() {
    return Optional.ofNullable(rejection);
  }

  /**
   * The first few characters of the body, for a log line: what a person needs to tell an HTML page
   * from a byte-order mark or a cut answer, in quotes. Characters outside printable ASCII, quotes
   * and backslashes are written as unicode escapes (a byte-order mark shows as backslash, u, FEFF);
   * "(no body)" when there is none.
   */
  public String bodyStart() {
    if (body == null || body.isEmpty()) {
      return "(no body)";
    }
    StringBuilder out = new StringBuilder();
    int end = Math.min(body.length(), LOGGED_BODY_START);
    for (int i = 0; i < end; i++) {
      char c = body.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04X", (int) c));
      }
    }
    return "\"" + out + (body.length() > end ? "\"..." : "\"");
  }

  /** Groups identical failures across units, for outage detection. */
  public String signature() {
    return kind + "|" + httpStatus + "|" + (noaaMessage == null ? "" : noaaMessage);
  }
}
