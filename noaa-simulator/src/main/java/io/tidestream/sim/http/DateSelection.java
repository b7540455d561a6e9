package io.tidestream.sim.http;

import io.tidestream.sim.data.NoaaApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Turns NOAA's date parameters into an inclusive window {@code [begin, end]}.
 *
 * <ul>
 *   <li>{@code begin_date} + {@code end_date}; {@code begin_date} + {@code range}; {@code end_date}
 *       + {@code range}; {@code range} alone (hours back from now); {@code
 *       date=latest|today|recent}.
 *   <li>Formats {@code yyyyMMdd}, {@code yyyyMMdd HH:mm}, {@code MM/dd/yyyy}, {@code MM/dd/yyyy
 *       HH:mm}, in the request's time zone.
 *   <li>A date-only begin is 00:00; a date-only end is 23:59, so the whole end day is included.
 * </ul>
 */
public final class DateSelection {

  static final Duration LATEST_WINDOW = Duration.ofMinutes(18);
  static final Duration RECENT_WINDOW = Duration.ofHours(72);
  static final String FORMATS = "yyyyMMdd, yyyyMMdd HH:mm, MM/dd/yyyy or MM/dd/yyyy HH:mm";

  private static final DateTimeFormatter YMD = strict("uuuuMMdd");
  private static final DateTimeFormatter YMD_HM = strict("uuuuMMdd HH:mm");
  private static final DateTimeFormatter MDY = strict("MM/dd/uuuu");
  private static final DateTimeFormatter MDY_HM = strict("MM/dd/uuuu HH:mm");

  /** The resolved window; {@code latestOnly} for {@code date=latest}. */
  public record Window(Instant begin, Instant end, boolean latestOnly) {}

  private DateSelection() {}

  /**
   * @param now the simulator's newest data instant ({@code date=...} and {@code range} alone count
   *     from it)
   */
  public static Window resolve(QueryParams params, ZoneId zone, Instant now)
      throws NoaaApiException {
    String date = params.get("date");
    String begin = params.get("begin_date");
    String end = params.get("end_date");
    String range = params.get("range");
    if (date != null) {
      switch (date.toLowerCase(Locale.ROOT)) {
        case "latest":
          return new Window(now.minus(LATEST_WINDOW), now, true);
        case "recent":
          return new Window(now.minus(RECENT_WINDOW), now, false);
        case "today":
          {
            Instant start = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
            return new Window(
                start, start.plus(Duration.ofDays(1)).minus(Duration.ofMinutes(1)), false);
          }
        default:
          throw NoaaApiException.wrong(
              "Date", "date must be latest, today or recent, was '" + date + "'");
      }
    }
    Duration hours = range == null ? null : parseRange(range);
    Window window;
    if (begin != null && end != null) {
      window =
          new Window(
              parse(begin, zone, false, "Begin Date"), parse(end, zone, true, "End Date"), false);
    } else if (begin != null && hours != null) {
      Instant b = parse(begin, zone, false, "Begin Date");
      window = new Window(b, b.plus(hours), false);
    } else if (end != null && hours != null) {
      Instant e = parse(end, zone, true, "End Date");
      window = new Window(e.minus(hours), e, false);
    } else if (begin == null && end == null && hours != null) {
      window = new Window(now.minus(hours), now, false);
    } else {
      throw NoaaApiException.wrong(
          "Date",
          "Begin Date and End Date, Begin Date and Range, End Date and Range,"
              + " Range, or Date (latest, today, recent) is required");
    }
    if (window.end().isBefore(window.begin())) {
      throw NoaaApiException.wrong("Date", "The End Date must be later than the Begin Date");
    }
    return window;
  }

  /** Parses one of NOAA's four formats; a date-only end means the last minute of that day. */
  static Instant parse(String text, ZoneId zone, boolean isEnd, String parameter)
      throws NoaaApiException {
    String t = text.trim().replaceAll("\\s+", " ");
    try {
      if (t.contains("/")) {
        return t.contains(":")
            ? LocalDateTime.parse(t, MDY_HM).atZone(zone).toInstant()
            : dayBound(LocalDate.parse(t, MDY), zone, isEnd);
      }
      return t.contains(":")
          ? LocalDateTime.parse(t, YMD_HM).atZone(zone).toInstant()
          : dayBound(LocalDate.parse(t, YMD), zone, isEnd);
    } catch (DateTimeParseException e) {
      throw NoaaApiException.wrong(
          parameter, "The " + parameter + " '" + text + "' is invalid. Use " + FORMATS);
    }
  }

  private static Instant dayBound(LocalDate day, ZoneId zone, boolean isEnd) {
    return (isEnd ? day.atTime(LocalTime.of(23, 59)) : day.atStartOfDay()).atZone(zone).toInstant();
  }

  private static Duration parseRange(String range) throws NoaaApiException {
    try {
      long hours = Long.parseLong(range.trim());
      if (hours <= 0 || hours > 24L * 366 * 200) {
        throw NoaaApiException.wrong(
            "Range", "Range must be a positive number of hours, was " + range);
      }
      return Duration.ofHours(hours);
    } catch (NumberFormatException e) {
      throw NoaaApiException.wrong(
          "Range", "Range must be a positive number of hours, was '" + range + "'");
    }
  }

  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT);
  }
}
