package io.tidestream.noaa.parse;

import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A successful datagetter answer.
 *
 * @param station the response's {@code metadata}, null for predictions (NOAA sends none)
 * @param rows the rows that have a time, in NOAA's order; a value that could not be read is null
 * @param malformed rows without a readable time: they cannot be placed in the series, so they are
 *     reported (errors topic, metric) instead of delivered, or fail the task on request
 * @param unreadableValues the values in {@code rows} that NOAA sent as text that is not a number
 *     (or an unknown quality code) and that are null for that reason
 */
public record ParsedResponse(
    StationMeta station,
    List<Observation> rows,
    List<MalformedRow> malformed,
    List<UnreadableValue> unreadableValues) {

  public ParsedResponse(StationMeta station, List<Observation> rows, List<MalformedRow> malformed) {
    this(station, rows, malformed, List.of());
  }

  /** Why a row could not be placed in the series. */
  public enum RowProblem {
    MISSING_TIME("the row has no time 't'"),
    UNREADABLE_TIME("the row's time 't' is not a date written yyyy-MM-dd HH:mm"),
    NOT_AN_OBJECT("the row is not a JSON object");

    private final String description;

    RowProblem(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }

    /** {@code unreadable_time}: the metric tag. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A row that could not be turned into an {@link Observation}.
   *
   * @param index position in NOAA's array
   * @param time the row's {@code t} as sent, null when absent
   * @param problem why
   * @param rawJson the row as NOAA sent it, for the errors topic (never for logs)
   */
  public record MalformedRow(int index, String time, RowProblem problem, String rawJson) {
    public String reason() {
      return problem.description();
    }
  }

  /**
   * A value NOAA sent as text that is not a number, delivered as null.
   *
   * @param time the row's time
   * @param field the record field that is null for it ({@code value}, {@code sigma}, {@code speed},
   *     {@code direction_deg}, {@code gust}, or {@code quality} for an unknown quality code)
   */
  public record UnreadableValue(Instant time, String field) {}
}
