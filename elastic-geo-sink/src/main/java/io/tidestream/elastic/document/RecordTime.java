package io.tidestream.elastic.document;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;

/** Finds the time that names a record's index: a value field, else the Kafka record timestamp. */
public final class RecordTime {

  /** NOAA's own text format: {@code 2015-01-01 00:06} (GMT when the source asks for gmt). */
  private static final DateTimeFormatter NOAA =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final DottedPath field;

  /**
   * @param field value field with the time, or null to use only the record timestamp
   */
  public RecordTime(DottedPath field) {
    this.field = field;
  }

  /** The value field with the time, or null when only the record timestamp counts. */
  public DottedPath field() {
    return field;
  }

  /** Epoch milliseconds, or {@code Long.MIN_VALUE} when no time can be found. */
  public long millis(Object value, Long recordTimestamp) {
    if (field != null && value != null) {
      long fromField = toMillis(field.lookup(value));
      if (fromField != Long.MIN_VALUE) {
        return fromField;
      }
    }
    return recordTimestamp == null || recordTimestamp < 0 ? Long.MIN_VALUE : recordTimestamp;
  }

  static long toMillis(Object raw) {
    if (raw instanceof Date d) {
      return d.getTime();
    }
    if (raw instanceof Number n) {
      return n.longValue();
    }
    if (raw instanceof CharSequence cs) {
      String text = cs.toString().trim();
      try {
        return Instant.parse(text).toEpochMilli();
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
      try {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
      try {
        return LocalDateTime.parse(text, NOAA).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException ignored) {
        return Long.MIN_VALUE;
      }
    }
    return Long.MIN_VALUE;
  }
}
