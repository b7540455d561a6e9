package io.tidestream.sim.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.tidestream.sim.data.Formats;
import io.tidestream.sim.data.Station;
import java.util.List;
import java.util.Map;

/**
 * Writes datagetter bodies byte for byte in NOAA's layout (the spacing of the recorded responses:
 * {@code "metadata":{...}, "data": [{"t":"...", "v":"..."},{...}]}} and a final newline). Written
 * by hand because the layout is part of what the simulator imitates, and because it is fast for
 * load tests.
 */
public final class NoaaJson {

  private NoaaJson() {}

  /**
   * {@code {"error": {"message":"..."}}}, the body NOAA sends with HTTP 200 for application errors.
   */
  public static String error(String message) {
    return "{\"error\": {\"message\":\"" + escape(message) + "\"}}\n";
  }

  /** An observation response: metadata block and data rows. */
  public static String observations(Station station, List<Map<String, String>> rows) {
    StringBuilder sb = new StringBuilder(160 + rows.size() * 72);
    sb.append("{\"metadata\":{\"id\":\"")
        .append(escape(station.id()))
        .append("\",\"name\":\"")
        .append(escape(station.name()))
        .append("\",\"lat\":\"")
        .append(Formats.fixed(station.lat(), 4))
        .append("\",\"lon\":\"")
        .append(Formats.fixed(station.lng(), 4))
        .append("\"}, \"data\": [");
    appendRows(sb, rows);
    return sb.append("]}\n").toString();
  }

  /** A predictions response: no metadata block. */
  public static String predictions(List<Map<String, String>> rows) {
    StringBuilder sb = new StringBuilder(32 + rows.size() * 48);
    sb.append("{ \"predictions\" : [\n");
    appendRows(sb, rows);
    return sb.append("\n]}\n").toString();
  }

  private static void appendRows(StringBuilder sb, List<Map<String, String>> rows) {
    boolean firstRow = true;
    for (Map<String, String> row : rows) {
      if (!firstRow) {
        sb.append(',');
      }
      firstRow = false;
      sb.append('{');
      boolean firstField = true;
      for (Map.Entry<String, String> field : row.entrySet()) {
        if (!firstField) {
          sb.append(", ");
        }
        firstField = false;
        sb.append('"')
            .append(field.getKey())
            .append("\":\"")
            .append(escape(field.getValue()))
            .append('"');
      }
      sb.append('}');
    }
  }

  static String escape(String s) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }
}
