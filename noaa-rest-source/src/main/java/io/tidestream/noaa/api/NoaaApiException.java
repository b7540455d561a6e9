package io.tidestream.noaa.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A classified failure of one NOAA request. The message names the problem; {@link #body()} keeps
 * (a bounded prefix of) what NOAA sent, for the optional errors topic - never for logs.
 */
public class NoaaApiException extends Exception {

  private static final int MAX_BODY = 4096;

  private final NoaaErrorKind kind;
  private final int httpStatus;
  private final String noaaMessage;
  private final String body;
  private final Duration retryAfter;

  public NoaaApiException(
      NoaaErrorKind kind,
      int httpStatus,
      String message,
      String noaaMessage,
      String body,
      Duration retryAfter,
      Throwable cause) {
    super(message, cause);
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

  /** Groups identical failures across units, for outage detection. */
  public String signature() {
    return kind + "|" + httpStatus + "|" + (noaaMessage == null ? "" : noaaMessage);
  }
}
