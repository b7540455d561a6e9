package io.tidestream.noaa.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a datagetter body (requested with {@code format=json&time_zone=gmt}) into typed rows, or
 * throws a classified {@link NoaaApiException}. Never keys behaviour on Content-Type: NOAA has sent
 * JSON as text/html for years.
 *
 * <p>What it forgives and what it rejects:
 *
 * <ul>
 *   <li>a leading UTF-8 byte-order mark and whitespace are skipped; the body is read as UTF-8;
 *   <li>a body that is not NOAA's JSON (empty, HTML, truncated, no data array) is rejected as a
 *       transient failure with its {@link BodyRejection};
 *   <li>a value that should be a number but is other text ({@code "NaN"}, {@code "abc"}) is null,
 *       like a gap, and listed in {@link ParsedResponse#unreadableValues()}; so is an unknown
 *       quality code. The row keeps its time, flags and other values;
 *   <li>only a row whose time is missing or unreadable (or that is not an object) is malformed.
 * </ul>
 */
public final class NoaaResponseParser {

  static final DateTimeFormatter NOAA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** A decimal number as NOAA writes them; stricter than Double.parseDouble (no NaN, hex, 1d). */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final ObjectMapper mapper;

  public NoaaResponseParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public NoaaResponseParser() {
    this(new ObjectMapper());
  }

  public ParsedResponse parse(NoaaProduct product, byte[] body) throws NoaaApiException {
    String text = new String(body, StandardCharsets.UTF_8);
    String trimmed = skipLeading(text);
    if (trimmed.isEmpty()) {
      throw NoaaApiException.rejected(
          BodyRejection.EMPTY_BODY,
          200,
          "NOAA answered with an empty body; will retry",
          text,
          null);
    }
    if (trimmed.charAt(0) != '{') {
      throw NoaaApiException.rejected(
          BodyRejection.NOT_JSON,
          200,
          "NOAA answered with a non-JSON body (an HTML page or proxy error); will retry",
          text,
          null);
    }
    JsonNode root;
    try {
      root = mapper.readTree(trimmed);
    } catch (JsonProcessingException e) {
      throw NoaaApiException.rejected(
          BodyRejection.INVALID_JSON,
          200,
          "NOAA answered with truncated or invalid JSON; will retry",
          text,
          e);
    }
    JsonNode error = root.get("error");
    if (error != null) {
      String message = error.path("message").asText(error.asText("")).trim();
      NoaaErrorKind kind = ErrorMessages.classify(message);
      throw new NoaaApiException(kind, "NOAA answered with an error: " + message, message, text);
    }
    String arrayName = product.isPrediction() ? "predictions" : "data";
    JsonNode array = root.get(arrayName);
    if (array == null || !array.isArray()) {
      throw NoaaApiException.rejected(
          BodyRejection.NO_DATA_ARRAY,
          200,
          "NOAA's answer has neither '" + arrayName + "' nor 'error'; will retry",
          text,
          null);
    }
    StationMeta station = product.isPrediction() ? null : station(root.get("metadata"));
    List<Observation> rows = new ArrayList<>(array.size());
    List<ParsedResponse.MalformedRow> malformed = new ArrayList<>();
    List<ParsedResponse.UnreadableValue> unreadable = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode row = array.get(i);
      ParsedResponse.RowProblem problem = timeProblem(row);
      if (problem != null) {
        malformed.add(
            new ParsedResponse.MalformedRow(
                i, row.isObject() ? text(row, "t") : null, problem, row.toString()));
      } else {
        rows.add(new RowReader(row, parseTime(text(row, "t")), unreadable).read(product));
      }
    }
    return new ParsedResponse(
        station, List.copyOf(rows), List.copyOf(malformed), List.copyOf(unreadable));
  }

  /** {@code text} without a leading byte-order mark and whitespace, in any order. */
  private static String skipLeading(String text) {
    int i = 0;
    while (i < text.length()
        && (text.charAt(i) == BYTE_ORDER_MARK || Character.isWhitespace(text.charAt(i)))) {
      i++;
    }
    return text.substring(i);
  }

  /** Why the row cannot be placed in the series; null when its time is readable. */
  private static ParsedResponse.RowProblem timeProblem(JsonNode row) {
    if (!row.isObject()) {
      return ParsedResponse.RowProblem.NOT_AN_OBJECT;
    }
    String t = text(row, "t");
    if (t == null) {
      return ParsedResponse.RowProblem.MISSING_TIME;
    }
    try {
      parseTime(t);
      return null;
    } catch (DateTimeParseException e) {
      return ParsedResponse.RowProblem.UNREADABLE_TIME;
    }
  }

  private static StationMeta station(JsonNode meta) {
    if (meta == null || !meta.isObject()) {
      return null;
    }
    return new StationMeta(
        text(meta, "id"), text(meta, "name"), decimal(meta.get("lat")), decimal(meta.get("lon")));
  }

  /** Reads one row with a readable time; notes each value it cannot read. */
  private record RowReader(
      JsonNode row, Instant time, List<ParsedResponse.UnreadableValue> unreadable) {

    Observation read(NoaaProduct product) {
      String flags = text(row, "f");
      return switch (product.family()) {
        case WATER_LEVEL ->
            new Observation(
                time,
                number("v", "value"),
                number("s", "sigma"),
                flags,
                quality(),
                null,
                null,
                null,
                null,
                null);
        case HOURLY_HEIGHT ->
            new Observation(
                time,
                number("v", "value"),
                number("s", "sigma"),
                flags,
                null,
                null,
                null,
                null,
                null,
                null);
        case HIGH_LOW ->
            new Observation(
                time,
                number("v", "value"),
                null,
                flags,
                null,
                text(row, "ty"),
                null,
                null,
                null,
                null);
        case PREDICTIONS ->
            new Observation(
                time,
                number("v", "value"),
                null,
                null,
                null,
                text(row, "type"),
                null,
                null,
                null,
                null);
        case WIND ->
            new Observation(
                time,
                null,
                null,
                flags,
                null,
                null,
                number("s", "speed"),
                number("d", "direction_deg"),
                text(row, "dr"),
                number("g", "gust"));
        case SCALAR ->
            new Observation(
                time, number("v", "value"), null, flags, null, null, null, null, null, null);
      };
    }

    /**
     * NOAA's field {@code field} as a number: null for a gap ("" or absent), and null (noted as
     * unreadable under the record field {@code recordField}) for text that is not a number.
     */
    private Double number(String field, String recordField) {
      JsonNode v = row.get(field);
      if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
        return null;
      }
      Double d = decimal(v);
      if (d == null) {
        unreadable.add(new ParsedResponse.UnreadableValue(time, recordField));
      }
      return d;
    }

    private String quality() {
      String q = text(row, "q");
      if (q == null) {
        return null;
      }
      return switch (q) {
        case "p" -> "preliminary";
        case "v" -> "verified";
        default -> {
          unreadable.add(new ParsedResponse.UnreadableValue(time, "quality"));
          yield null;
        }
      };
    }
  }

  /** Parses NOAA's {@code yyyy-MM-dd HH:mm} (GMT when requested with time_zone=gmt). */
  public static Instant parseTime(String t) {
    return LocalDateTime.parse(t.trim(), NOAA_TIME).toInstant(ZoneOffset.UTC);
  }

  /** Empty string or absent = null; NOAA sends every value as a string. */
  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.asText().trim();
    return s.isEmpty() ? null : s;
  }

  /** A finite number written as a JSON number or as decimal text; null for anything else. */
  private static Double decimal(JsonNode v) {
    if (v == null) {
      return null;
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (!v.isTextual()) {
      return null;
    }
    String s = v.asText().trim();
    if (!DECIMAL.matcher(s).matches()) {
      return null;
    }
    double d = Double.parseDouble(s);
    return Double.isFinite(d) ? d : null;
  }
}
