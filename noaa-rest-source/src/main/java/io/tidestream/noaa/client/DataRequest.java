package io.tidestream.noaa.client;

import io.tidestream.noaa.api.NoaaProduct;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One datagetter request: both ends inclusive, minute precision, GMT.
 *
 * @param datum null when the product takes none
 * @param interval null for the product's default
 */
public record DataRequest(
    String station,
    NoaaProduct product,
    String datum,
    String units,
    String interval,
    Instant begin,
    Instant end) {

  static final DateTimeFormatter NOAA_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd HH:mm").withZone(ZoneOffset.UTC);

  public String beginParam() {
    return NOAA_DATE.format(begin);
  }

  public String endParam() {
    return NOAA_DATE.format(end);
  }

  /** For log lines: station, product and window, nothing else. */
  public String describe() {
    return station + "/" + product.apiName() + " [" + begin + " .. " + end + "]";
  }
}
