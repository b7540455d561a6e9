package io.tidestream.noaa.parse;

import io.tidestream.noaa.api.NoaaErrorKind;
import java.util.Locale;

/** Turns NOAA's {@code error.message} text into an {@link NoaaErrorKind}. */
public final class ErrorMessages {

  private ErrorMessages() {}

  public static NoaaErrorKind classify(String message) {
    String m = message == null ? "" : message.trim().toLowerCase(Locale.ROOT);
    if (m.contains("range limit")) {
      return NoaaErrorKind.RANGE_LIMIT;
    }
    if (m.contains("datum")) {
      return NoaaErrorKind.DATUM;
    }
    if (m.startsWith("wrong") || m.startsWith("invalid") || m.contains("is not valid")) {
      return NoaaErrorKind.WRONG_PARAMETER;
    }
    if (m.startsWith("no data was found") || m.contains("no data was found")) {
      return NoaaErrorKind.NO_DATA;
    }
    // An error text we have never seen: treat it as transient (retry with backoff) rather than
    // as configuration; a real parameter problem shows up as one of the shapes above.
    return NoaaErrorKind.TRANSIENT;
  }
}
