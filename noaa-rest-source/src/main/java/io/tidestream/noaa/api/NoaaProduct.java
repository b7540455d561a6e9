package io.tidestream.noaa.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The datagetter products this connector streams, with what the scheduler needs to know about each:
 * row shape, sample cadence, the widest span NOAA answers in one request, and whether a datum or an
 * interval is part of the request.
 */
public enum NoaaProduct {
  WATER_LEVEL("water_level", ProductFamily.WATER_LEVEL, 6, Duration.ofDays(31), true, false),
  ONE_MINUTE_WATER_LEVEL(
      "one_minute_water_level", ProductFamily.WATER_LEVEL, 1, Duration.ofDays(4), true, false),
  HOURLY_HEIGHT(
      "hourly_height", ProductFamily.HOURLY_HEIGHT, 60, Duration.ofDays(365), true, false),
  HIGH_LOW("high_low", ProductFamily.HIGH_LOW, 60, Duration.ofDays(365), true, false),
  PREDICTIONS("predictions", ProductFamily.PREDICTIONS, 6, Duration.ofDays(365), true, true),
  WIND("wind", ProductFamily.WIND, 6, Duration.ofDays(31), false, true),
  AIR_TEMPERATURE("air_temperature", ProductFamily.SCALAR, 6, Duration.ofDays(31), false, true),
  WATER_TEMPERATURE("water_temperature", ProductFamily.SCALAR, 6, Duration.ofDays(31), false, true),
  AIR_PRESSURE("air_pressure", ProductFamily.SCALAR, 6, Duration.ofDays(31), false, true),
  HUMIDITY("humidity", ProductFamily.SCALAR, 6, Duration.ofDays(31), false, true),
  CONDUCTIVITY("conductivity", ProductFamily.SCALAR, 6, Duration.ofDays(31), false, true),
  SALINITY("salinity", ProductFamily.SCALAR, 6, Duration.ofDays(31), false, true),
  VISIBILITY("visibility", ProductFamily.SCALAR, 6, Duration.ofDays(31), false, true),
  AIR_GAP("air_gap", ProductFamily.WATER_LEVEL, 6, Duration.ofDays(31), false, false);

  private final String apiName;
  private final ProductFamily family;
  private final Duration cadence;
  private final Duration maxSpan;
  private final boolean usesDatum;
  private final boolean usesInterval;

  NoaaProduct(
      String apiName,
      ProductFamily family,
      int cadenceMinutes,
      Duration maxSpan,
      boolean usesDatum,
      boolean usesInterval) {
    this.apiName = apiName;
    this.family = family;
    this.cadence = Duration.ofMinutes(cadenceMinutes);
    this.maxSpan = maxSpan;
    this.usesDatum = usesDatum;
    this.usesInterval = usesInterval;
  }

  /** The value of the datagetter {@code product} parameter. */
  public String apiName() {
    return apiName;
  }

  public ProductFamily family() {
    return family;
  }

  /** Time between two samples at the default interval. */
  public Duration cadence() {
    return cadence;
  }

  /** Widest {@code begin_date..end_date} span NOAA serves in one request (working value). */
  public Duration maxSpan() {
    return maxSpan;
  }

  /** Whether the request needs {@code datum} (water-level products and predictions). */
  public boolean usesDatum() {
    return usesDatum;
  }

  /** Whether {@code interval} changes the answer (predictions, met products). */
  public boolean usesInterval() {
    return usesInterval;
  }

  /** Observations can be late and revised; predictions are computed ahead. */
  public boolean isPrediction() {
    return this == PREDICTIONS;
  }

  public static Optional<NoaaProduct> fromApiName(String name) {
    return Arrays.stream(values()).filter(p -> p.apiName.equals(name)).findFirst();
  }

  public static List<String> apiNames() {
    return Arrays.stream(values()).map(NoaaProduct::apiName).toList();
  }
}
