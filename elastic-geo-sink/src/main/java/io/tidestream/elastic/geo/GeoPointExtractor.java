package io.tidestream.elastic.geo;

import io.tidestream.elastic.document.DottedPath;

/**
 * Reads latitude and longitude from a record value (Map or Struct) at configured dotted paths.
 * Accepts numbers and numeric strings (the talk's raw {@code metadata.lat} strings as well as our
 * source's doubles) and checks ranges. Reasons name the field, never its value (they may reach
 * logs). Stateless and thread-safe.
 */
public final class GeoPointExtractor {

  /** The outcome for one value: a point, or why there is none. */
  public sealed interface Result permits Found, Missing, Invalid {}

  public record Found(GeoPoint point) implements Result {}

  /** A coordinate field is absent or null. */
  public record Missing(String reason) implements Result {}

  /** A coordinate is present but not a finite number within range. */
  public record Invalid(String reason) implements Result {}

  private final DottedPath latPath;
  private final DottedPath lonPath;

  public GeoPointExtractor(DottedPath latPath, DottedPath lonPath) {
    this.latPath = latPath;
    this.lonPath = lonPath;
  }

  public Result extract(Object value) {
    Object rawLat = latPath.lookup(value);
    Object rawLon = lonPath.lookup(value);
    if (rawLat == null || rawLon == null) {
      return new Missing(
          "coordinate field "
              + (rawLat == null ? "'" + latPath + "'" : "'" + lonPath + "'")
              + " is missing or null");
    }
    double lat = toDouble(rawLat);
    if (Double.isNaN(lat)) {
      return new Invalid("latitude '" + latPath + "' is not a number");
    }
    double lon = toDouble(rawLon);
    if (Double.isNaN(lon)) {
      return new Invalid("longitude '" + lonPath + "' is not a number");
    }
    if (lat < -90 || lat > 90) {
      return new Invalid("latitude '" + latPath + "' is outside [-90, 90]");
    }
    if (lon < -180 || lon > 180) {
      return new Invalid("longitude '" + lonPath + "' is outside [-180, 180]");
    }
    return new Found(new GeoPoint(lat, lon));
  }

  /** NaN for anything that is not a finite number. */
  private static double toDouble(Object raw) {
    double d;
    if (raw instanceof Number n) {
      d = n.doubleValue();
    } else if (raw instanceof CharSequence s) {
      String text = s.toString().trim();
      if (text.isEmpty()) {
        return Double.NaN;
      }
      try {
        d = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    } else {
      return Double.NaN;
    }
    return Double.isFinite(d) ? d : Double.NaN;
  }

  public DottedPath latPath() {
    return latPath;
  }

  public DottedPath lonPath() {
    return lonPath;
  }
}
