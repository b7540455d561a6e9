package io.tidestream.noaa.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Reads a datagetter body (requested with {@code format=json&time_zone=gmt}) into typed rows, or
 * throws a classified {@link NoaaApiException}. Never keys behaviour on Content-Type: NOAA has
 * sent JSON as text/html for years.
 */
public final class NoaaResponseParser {

  static final DateTimeFormatter NOAA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ObjectMapper mapper;

  public NoaaResponseParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public NoaaResponseParser() {
    this(new ObjectMapper());
  }

  public ParsedResponse parse(NoaaProduct product, byte[] body) throws NoaaApiException {
    String text = new String(body, StandardCharsets.UTF_8);
    String trimmed = text.stripLeading();
    if (trimmed.isEmpty()) {
      throw new NoaaApiException(
          NoaaErrorKind.TRANSIENT, "NOAA answered with an empty body", null, text);
    }
    if (trimmed.charAt(0) != '{') {
      throw new NoaaApiException(
          NoaaErrorKind.TRANSIENT,
          "NOAA answered with a non-JSON body (an HTML page or proxy error); will retry",
          null,
          text);
    }
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new NoaaApiException(
          NoaaErrorKind.TRANSIENT,
          200,
          "NOAA answered with truncated or invalid JSON; will retry",
          null,
          text,
          null,
          e);
    }
    JsonNode error = root.get("error");
    if (error != null) {
      String message = error.path("message").asText(error.asText("")).trim();
      NoaaErrorKind kind = ErrorMessages.classify(message);
      throw new NoaaApiException(kind, "NOAA answered with an error: " + message, message, text);
    }
    JsonNode array = root.get(product.isPrediction() ? "predictions" : "data");
    if (array == null || !array.isArray()) {
      throw new NoaaApiException(
          NoaaErrorKind.TRANSIENT,
          "NOAA's answer has neither '"
              + (product.isPrediction() ? "predictions" : "data")
              + "' nor 'error'; will retry",
          null,
          text);
    }
    StationMeta station = product.isPrediction() ? null : station(root.get("metadata"));
    List<Observation> rows = new ArrayList<>(array.size());
    List<ParsedResponse.MalformedRow> malformed = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode row = array.get(i);
      try {
        rows.add(row(product, row));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        malformed.add(
            new ParsedResponse.MalformedRow(i, row.path("t").asText(null), e.getMessage(),
                row.toString()));
      }
    }
    return new ParsedResponse(station, List.copyOf(rows), List.copyOf(malformed));
  }

  private static StationMeta station(JsonNode meta) {
    if (meta == null || !meta.isObject()) {
      return null;
    }
    return new StationMeta(
        text(meta, "id"),
        text(meta, "name"),
        number(meta, "lat"),
        number(meta, "lon"));
  }

  private static Observation row(NoaaProduct product, JsonNode row) {
    String t = text(row, "t");
    if (t == null) {
      throw new IllegalArgumentException("row has no time 't'");
    }
    Instant time = parseTime(t);
    String flags = text(row, "f");
    return switch (product.family()) {
      case WATER_LEVEL -> new Observation(
          time, number(row, "v"), number(row, "s"), flags, quality(text(row, "q")),
          null, null, null, null, null);
      case HOURLY_HEIGHT -> new Observation(
          time, number(row, "v"), number(row, "s"), flags, null, null, null, null, null, null);
      case HIGH_LOW -> new Observation(
          time, number(row, "v"), null, flags, null, text(row, "ty"), null, null, null, null);
      case PREDICTIONS -> new Observation(
          time, number(row, "v"), null, null, null, text(row, "type"), null, null, null, null);
      case WIND -> new Observation(
          time, null, null, flags, null, null,
          number(row, "s"), number(row, "d"), text(row, "dr"), number(row, "g"));
      case SCALAR -> new Observation(
          time, number(row, "v"), null, flags, null, null, null, null, null, null);
    };
  }

  /** Parses NOAA's {@code yyyy-MM-dd HH:mm} (GMT when requested with time_zone=gmt). */
  public static Instant parseTime(String t) {
    return LocalDateTime.parse(t.trim(), NOAA_TIME).toInstant(ZoneOffset.UTC);
  }

  private static String quality(String q) {
    if (q == null) {
      return null;
    }
    return switch (q) {
      case "p" -> "preliminary";
      case "v" -> "verified";
      default -> throw new IllegalArgumentException("unknown quality 'q' code");
    };
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

  /** A gap ("") is null, never 0; a value that is not a number makes the row malformed. */
  private static Double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    String s = v.asText().trim();
    if (s.isEmpty()) {
      return null;
    }
    try {
      double d = Double.parseDouble(s);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("field '" + field + "' is not a finite number");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + field + "' is not a number");
    }
  }
}
