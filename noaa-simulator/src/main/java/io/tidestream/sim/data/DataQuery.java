package io.tidestream.sim.data;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One validated datagetter request: which series, in which reference and units, for which inclusive
 * window {@code [begin, end]}.
 *
 * @param datum datagetter datum name, {@code null} for met products
 * @param zone zone of the row timestamps ({@code time_zone=gmt} is UTC)
 * @param latestOnly {@code date=latest}: only the newest row of the window
 */
public record DataQuery(
    Station station,
    Product product,
    String datum,
    UnitSystem units,
    ZoneId zone,
    Interval interval,
    Instant begin,
    Instant end,
    boolean latestOnly) {

  public DataQuery {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(begin, "begin");
    Objects.requireNonNull(end, "end");
  }

  /** A GMT, metric, MLLW query with the product's default interval: what tests usually ask. */
  public static DataQuery of(Station station, Product product, Instant begin, Instant end) {
    return new DataQuery(
        station,
        product,
        product.needsDatum() ? "MLLW" : null,
        UnitSystem.METRIC,
        ZoneOffset.UTC,
        Interval.defaultFor(product),
        begin,
        end,
        false);
  }

  public DataQuery withInterval(Interval newInterval) {
    return new DataQuery(station, product, datum, units, zone, newInterval, begin, end, latestOnly);
  }

  public DataQuery withDatum(String newDatum) {
    return new DataQuery(station, product, newDatum, units, zone, interval, begin, end, latestOnly);
  }

  public DataQuery withUnits(UnitSystem newUnits) {
    return new DataQuery(station, product, datum, newUnits, zone, interval, begin, end, latestOnly);
  }
}
