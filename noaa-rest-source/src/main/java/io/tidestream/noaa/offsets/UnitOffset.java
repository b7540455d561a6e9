package io.tidestream.noaa.offsets;

import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.plan.UnitId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored position of one unit: a small versioned map of primitives.
 *
 * <ul>
 *   <li>{@code v}: format version, 1
 *   <li>{@code wm}: watermark, epoch millis of the last row sent (its {@code t}); the next request
 *       begins one minute later (NOAA's ranges are inclusive)
 *   <li>{@code vwm}: optional; every row up to here has been sent in its verified form (revisions)
 * </ul>
 */
public record UnitOffset(Instant watermark, Instant verifiedWatermark) {

  public static final int VERSION = 1;
  public static final String K_VERSION = "v";
  public static final String K_WATERMARK = "wm";
  public static final String K_VERIFIED = "vwm";

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(K_VERSION, VERSION);
    m.put(K_WATERMARK, watermark.toEpochMilli());
    if (verifiedWatermark != null) {
      m.put(K_VERIFIED, verifiedWatermark.toEpochMilli());
    }
    return m;
  }

  /**
   * Reads a stored offset, type-checked.
   *
   * @throws IllegalArgumentException naming what is wrong and how to fix it
   */
  public static UnitOffset fromMap(Map<String, ?> m) {
    Object v = m.get(K_VERSION);
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() != VERSION) {
      throw new IllegalArgumentException(
          "offset version '"
              + K_VERSION
              + "' must be "
              + VERSION
              + " but is "
              + v
              + "; write offsets as {\"v\":1,\"wm\":<epoch millis of the last row sent>}");
    }
    Instant wm = millis(m, K_WATERMARK, true);
    Instant vwm = millis(m, K_VERIFIED, false);
    for (String k : m.keySet()) {
      if (!k.equals(K_VERSION) && !k.equals(K_WATERMARK) && !k.equals(K_VERIFIED)) {
        throw new IllegalArgumentException("unknown offset field '" + k + "'");
      }
    }
    return new UnitOffset(wm, vwm);
  }

  private static Instant millis(Map<String, ?> m, String key, boolean required) {
    Object o = m.get(key);
    if (o == null) {
      if (required) {
        throw new IllegalArgumentException(
            "offset field '" + key + "' (epoch millis of the last row sent) is missing");
      }
      return null;
    }
    if (!(o instanceof Long || o instanceof Integer)) {
      throw new IllegalArgumentException(
          "offset field '" + key + "' must be an integer (epoch millis), not " + o);
    }
    long ms = ((Number) o).longValue();
    if (ms % 60_000 != 0) {
      throw new IllegalArgumentException(
          "offset field '"
              + key
              + "' must fall on a whole minute (NOAA times are minutes), "
              + "got "
              + Instant.ofEpochMilli(ms));
    }
    return Instant.ofEpochMilli(ms);
  }

  /**
   * Checks a source partition map written by an operator.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void checkPartition(Map<String, ?> p) {
    Object station = p.get(UnitId.P_STATION);
    Object product = p.get(UnitId.P_PRODUCT);
    if (!(station instanceof String s) || !s.matches("[A-Za-z0-9]{5,12}")) {
      throw new IllegalArgumentException(
          "partition needs '" + UnitId.P_STATION + "' as a NOAA station id string, got " + station);
    }
    if (!(product instanceof String pr) || NoaaProduct.fromApiName(pr).isEmpty()) {
      throw new IllegalArgumentException(
          "partition needs '"
              + UnitId.P_PRODUCT
              + "' as one of "
              + NoaaProduct.apiNames()
              + ", got "
              + product);
    }
    for (Map.Entry<String, ?> e : p.entrySet()) {
      String k = e.getKey();
      boolean known =
          k.equals(UnitId.P_STATION)
              || k.equals(UnitId.P_PRODUCT)
              || k.equals(UnitId.P_DATUM)
              || k.equals(UnitId.P_INTERVAL);
      if (!known || !(e.getValue() instanceof String)) {
        throw new IllegalArgumentException(
            "unknown or non-string partition field '"
                + k
                + "'; partitions have station, "
                + "product and, where the product takes them, datum and interval");
      }
    }
  }
}
