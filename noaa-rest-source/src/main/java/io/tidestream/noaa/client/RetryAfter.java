package io.tidestream.noaa.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): either delta-seconds or an
 * HTTP-date. Both connectors honour it on 429 and 503 answers.
 */
public final class RetryAfter {

  private RetryAfter() {}

  /**
   * @param header the header value, may be null
   * @param now the current time, used to turn an HTTP-date into a delay
   * @return the delay to wait (never negative), or empty when the header is absent or unreadable
   */
  public static Optional<Duration> parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration delay = Duration.between(now, at);
        return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
