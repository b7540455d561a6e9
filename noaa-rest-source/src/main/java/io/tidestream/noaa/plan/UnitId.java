package io.tidestream.noaa.plan;

import io.tidestream.noaa.api.NoaaProduct;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One work unit and source partition: station x product (x datum, x interval where the product
 * takes them). Its {@link #key()} sorts units deterministically and travels in task configs.
 *
 * @param datum null when the product takes no datum
 * @param interval null when the product takes no interval
 */
public record UnitId(String station, NoaaProduct product, String datum, String interval)
    implements Comparable<UnitId> {

  public static final String P_STATION = "station";
  public static final String P_PRODUCT = "product";
  public static final String P_DATUM = "datum";
  public static final String P_INTERVAL = "interval";

  public UnitId {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(product, "product");
  }

  /** Builds the unit for a product, keeping datum and interval only where they matter. */
  public static UnitId of(
      String station,
      NoaaProduct product,
      String datum,
      String predictionsInterval,
      String metInterval) {
    String interval = null;
    if (product.usesInterval()) {
      interval = product.isPrediction() ? predictionsInterval : metInterval;
    }
    return new UnitId(station, product, product.usesDatum() ? datum : null, interval);
  }

  /** The Connect source partition: a small map of strings. */
  public Map<String, String> partition() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(P_STATION, station);
    p.put(P_PRODUCT, product.apiName());
    if (datum != null) {
      p.put(P_DATUM, datum);
    }
    if (interval != null) {
      p.put(P_INTERVAL, interval);
    }
    return p;
  }

  /** "station/product/datum/interval" with "-" for absent parts; used in task configs. */
  public String key() {
    return station
        + "/"
        + product.apiName()
        + "/"
        + (datum == null ? "-" : datum)
        + "/"
        + (interval == null ? "-" : interval);
  }

  public static UnitId parseKey(String key) {
    String[] p = key.split("/", -1);
    if (p.length != 4) {
      throw new IllegalArgumentException("not a unit key: " + key);
    }
    NoaaProduct product =
        NoaaProduct.fromApiName(p[1])
            .orElseThrow(() -> new IllegalArgumentException("unknown product in " + key));
    return new UnitId(
        p[0], product, "-".equals(p[2]) ? null : p[2], "-".equals(p[3]) ? null : p[3]);
  }

  /** Sample spacing: hourly when the interval says so. */
  public java.time.Duration cadence() {
    if ("h".equals(interval) || "60".equals(interval) || "hilo".equals(interval)) {
      return java.time.Duration.ofHours(1);
    }
    if (interval != null && interval.matches("\\d+")) {
      return java.time.Duration.ofMinutes(Integer.parseInt(interval));
    }
    return product.cadence();
  }

  /** Widest window per request; hourly met data may span a year. */
  public java.time.Duration maxSpan() {
    if (!product.isPrediction() && "h".equals(interval)) {
      return java.time.Duration.ofDays(365);
    }
    return product.maxSpan();
  }

  @Override
  public int compareTo(UnitId o) {
    return key().compareTo(o.key());
  }

  @Override
  public String toString() {
    return key();
  }
}
