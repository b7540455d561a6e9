package io.tidestream.noaa.parse;

import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import java.util.List;

/**
 * A successful datagetter answer.
 *
 * @param station the response's {@code metadata}, null for predictions (NOAA sends none)
 * @param rows the well-formed rows in NOAA's order
 * @param malformed rows that could not be read; the task applies {@code errors.tolerance}
 */
public record ParsedResponse(
    StationMeta station, List<Observation> rows, List<MalformedRow> malformed) {

  /** A row that could not be turned into an {@link Observation}. */
  public record MalformedRow(int index, String time, String reason, String rawJson) {}
}
