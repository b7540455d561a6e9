package io.tidestream.sim.data;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The datagetter products the simulator serves, with NOAA's range limit for each. */
public enum Product {
  WATER_LEVEL("water_level", Kind.WATER_LEVEL, Duration.ofDays(31)),
  HOURLY_HEIGHT("hourly_height", Kind.WATER_LEVEL, Duration.ofDays(366)),
  HIGH_LOW("high_low", Kind.WATER_LEVEL, Duration.ofDays(366)),
  PREDICTIONS("predictions", Kind.PREDICTIONS, Duration.ofDays(366)),
  WIND("wind", Kind.MET, Duration.ofDays(31)),
  AIR_TEMPERATURE("air_temperature", Kind.MET, Duration.ofDays(31)),
  WATER_TEMPERATURE("water_temperature", Kind.MET, Duration.ofDays(31)),
  AIR_PRESSURE("air_pressure", Kind.MET, Duration.ofDays(31));

  /**
   * NOAA products the simulator knows by name but no station offers: they answer "No data was
   * found".
   */
  public static final Set<String> OTHER_NOAA_PRODUCTS =
      Set.of(
          "daily_mean",
          "monthly_mean",
          "one_minute_water_level",
          "air_gap",
          "conductivity",
          "visibility",
          "humidity",
          "salinity",
          "currents",
          "currents_predictions",
          "datums");

  /** Met products at {@code interval=h} may span as much as hourly water levels. */
  static final Duration HOURLY_MAX_SPAN = Duration.ofDays(366);

  /** What family of data a product belongs to; decides the datum rules and the response shape. */
  public enum Kind {
    WATER_LEVEL,
    PREDICTIONS,
    MET
  }

  private final String apiName;
  private final Kind kind;
  private final Duration maxSpan;

  Product(String apiName, Kind kind, Duration maxSpan) {
    this.apiName = apiName;
    this.kind = kind;
    this.maxSpan = maxSpan;
  }

  /** The value of the {@code product} parameter. */
  public String apiName() {
    return apiName;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether the response carries a {@code metadata} block (observations) or not (predictions). */
  public boolean isObservation() {
    return kind != Kind.PREDICTIONS;
  }

  /** Whether the product needs a {@code datum} parameter. */
  public boolean needsDatum() {
    return kind != Kind.MET;
  }

  /** The widest {@code end - begin} accepted for this product at the given interval. */
  public Duration maxSpan(Interval interval) {
    if (kind == Kind.MET && interval.minutes() >= 60) {
      return HOURLY_MAX_SPAN;
    }
    return maxSpan;
  }

  public static Optional<Product> fromApiName(String name) {
    return Arrays.stream(values()).filter(p -> p.apiName.equalsIgnoreCase(name)).findFirst();
  }
}
