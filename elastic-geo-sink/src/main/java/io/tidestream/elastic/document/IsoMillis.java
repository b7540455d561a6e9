package io.tidestream.elastic.document;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes epoch milliseconds as {@link DateTimeFormatter#ISO_INSTANT} does ({@code
 * 2015-01-01T00:06:00Z}, {@code …00:06:00.250Z}), as a JSON string, without allocating: the raw
 * path rewrites one Timestamp per record. Times before 1970 or after 9999 go through the formatter
 * itself. Stateless.
 */
final class IsoMillis {

  /** 9999-12-31T23:59:59.999Z. */
  static final long MAX = 253_402_300_799_999L;

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private IsoMillis() {}

  /** Appends {@code "<instant>"}, quotes included. */
  static void appendQuoted(ByteArrayBuilder out, long millis) {
    out.append('"');
    if (millis < 0 || millis > MAX) {
      String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
      for (int i = 0; i < text.length(); i++) {
        out.append(text.charAt(i));
      }
    } else {
      long days = millis / MILLIS_PER_DAY;
      int inDay = (int) (millis % MILLIS_PER_DAY);
      // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
      long z = days + 719_468;
      long era = z / 146_097;
      long doe = z - era * 146_097;
      long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
      long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      long mp = (5 * doy + 2) / 153;
      int day = (int) (doy - (153 * mp + 2) / 5 + 1);
      int month = (int) (mp < 10 ? mp + 3 : mp - 9);
      int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
      digits(out, year, 4);
      out.append('-');
      digits(out, month, 2);
      out.append('-');
      digits(out, day, 2);
      out.append('T');
      digits(out, inDay / 3_600_000, 2);
      out.append(':');
      digits(out, inDay / 60_000 % 60, 2);
      out.append(':');
      digits(out, inDay / 1000 % 60, 2);
      int ms = inDay % 1000;
      if (ms != 0) {
        out.append('.');
        digits(out, ms, 3);
      }
      out.append('Z');
    }
    out.append('"');
  }

  private static void digits(ByteArrayBuilder out, int value, int width) {
    int div = 1;
    for (int i = 1; i < width; i++) {
      div *= 10;
    }
    for (; div > 0; div /= 10) {
      out.append('0' + value / div % 10);
    }
  }
}
