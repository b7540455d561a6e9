package io.tidestream.sim.data;

import io.tidestream.sim.tide.Extreme;
import io.tidestream.sim.tide.Extremes;
import io.tidestream.sim.tide.TideModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes datagetter rows. Every value is a pure function of (seed, station, product, t) and of
 * "now" only through two facts: rows after {@code dataNow} do not exist yet, and rows older than
 * the verification lag are verified ({@code q="v"}) instead of preliminary ({@code q="p"}).
 *
 * <p>Water level = mean sea level + harmonic tide + a smooth weather surge + white noise;
 * predictions are the pure harmonic tide. Met series are smooth seasonal/diurnal cycles plus noise.
 * A configurable fraction of observation rows are gaps: empty strings with all flags 1.
 */
public final class DataGenerator {

  /** Hourly heights and highs/lows are verified products: NOAA publishes them after this lag. */
  public static final Duration DEFAULT_VERIFICATION_LAG = Duration.ofDays(30);

  private static final double PRELIMINARY_ERROR_METRES = 0.002;
  private static final double OUTLIER_FLAG_RATE = 0.004;
  private static final double DAY_MINUTES = 24 * 60;
  private static final String[] COMPASS = {
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW",
    "NNW"
  };

  private final Noise noise;
  private final double gapRate;
  private final Duration verificationLag;

  public DataGenerator(long seed, double gapRate, Duration verificationLag) {
    if (!(gapRate >= 0 && gapRate <= 1)) {
      throw new IllegalArgumentException("gap rate must be between 0 and 1, was " + gapRate);
    }
    this.noise = new Noise(seed);
    this.gapRate = gapRate;
    this.verificationLag = Objects.requireNonNull(verificationLag, "verificationLag");
  }

  public double gapRate() {
    return gapRate;
  }

  public Duration verificationLag() {
    return verificationLag;
  }

  /**
   * The rows NOAA would return for {@code query} when the newest observation is at {@code dataNow}.
   *
   * @throws NoaaApiException "No data was found" when the window holds no row
   */
  public List<Map<String, String>> rows(DataQuery query, Instant dataNow) throws NoaaApiException {
    List<Map<String, String>> rows = compute(query, dataNow);
    if (rows.isEmpty()) {
      throw NoaaApiException.noData();
    }
    if (query.latestOnly()) {
      return List.of(rows.get(rows.size() - 1));
    }
    return rows;
  }

  private List<Map<String, String>> compute(DataQuery q, Instant dataNow) {
    Instant verifiedUntil = dataNow.minus(verificationLag);
    switch (q.product()) {
      case PREDICTIONS:
        return q.interval().hilo()
            ? predictedExtremes(q)
            : onGrid(q, q.end(), t -> predictionRow(q, t));
      case WATER_LEVEL:
        return onGrid(
            q, min(q.end(), dataNow), t -> waterLevelRow(q, t, !t.isAfter(verifiedUntil)));
      case HOURLY_HEIGHT:
        return onGrid(q, min(q.end(), verifiedUntil), t -> hourlyHeightRow(q, t));
      case HIGH_LOW:
        return observedExtremes(q, min(q.end(), verifiedUntil));
      default:
        return onGrid(q, min(q.end(), dataNow), t -> metRow(q, t));
    }
  }

  private interface RowMaker {
    Map<String, String> row(Instant t);
  }

  private List<Map<String, String>> onGrid(DataQuery q, Instant last, RowMaker maker) {
    long stepSeconds = q.interval().minutes() * 60L;
    long first =
        Math.floorDiv(q.begin().getEpochSecond() + stepSeconds - 1, stepSeconds) * stepSeconds;
    List<Map<String, String>> rows = new ArrayList<>();
    for (long s = first; s <= last.getEpochSecond(); s += stepSeconds) {
      rows.add(maker.row(Instant.ofEpochSecond(s)));
    }
    return rows;
  }

  // ---- water level ----------------------------------------------------------------------------

  /**
   * Observed water level above station datum (metres), verified series, without the gap decision.
   */
  public double observedAboveStnd(Station station, Instant t) {
    long minute = t.getEpochSecond() / 60;
    double white = 0.006 * noise.centered(Noise.stream(station.id(), "wl-noise"), minute);
    return smoothObservedAboveStnd(station, TideModel.minutesSinceEpoch(t)) + white;
  }

  /** Predicted (astronomical) water level above station datum, metres. */
  public double predictedAboveStnd(Station station, Instant t) {
    return station.datums().get("MSL") + station.tideModel().heightAboveMsl(t);
  }

  private double smoothObservedAboveStnd(Station station, double minutes) {
    return station.datums().get("MSL")
        + station.tideModel().heightAboveMsl(minutes)
        + surge(station, minutes);
  }

  /** Weather-driven residual: a few slow, station-specific swings of a few centimetres. */
  private double surge(Station station, double minutes) {
    long stream = Noise.stream(station.id(), "surge");
    double[] periodsDays = {2.7, 6.1, 13.3};
    double[] weights = {0.5, 0.3, 0.2};
    double amplitude = 0.08;
    double sum = 0;
    for (int k = 0; k < periodsDays.length; k++) {
      double phase = 2 * Math.PI * noise.uniform(stream, k);
      sum += weights[k] * Math.sin(2 * Math.PI * minutes / (periodsDays[k] * DAY_MINUTES) + phase);
    }
    return amplitude * sum;
  }

  private Map<String, String> waterLevelRow(DataQuery q, Instant t, boolean verified) {
    Station station = q.station();
    long minute = t.getEpochSecond() / 60;
    Map<String, String> row = new LinkedHashMap<>(8);
    row.put("t", time(q, t));
    String quality = verified ? "v" : "p";
    if (isGap(station, "wl-gap", minute)) {
      row.put("v", "");
      row.put("s", "");
      row.put("f", "1,1,1,1");
      row.put("q", quality);
      return row;
    }
    double value = observedAboveStnd(station, t);
    if (!verified) {
      value +=
          PRELIMINARY_ERROR_METRES
              * noise.centered(Noise.stream(station.id(), "wl-prelim"), minute);
    }
    row.put("v", Formats.trimmed(q.units().length(value - datum(q)), 3));
    row.put("s", Formats.trimmed(q.units().length(sigma(station, minute)), 3));
    boolean outlier =
        noise.uniform(Noise.stream(station.id(), "wl-flag"), minute) < OUTLIER_FLAG_RATE;
    row.put("f", outlier ? "1,0,0,0" : "0,0,0,0");
    row.put("q", quality);
    return row;
  }

  private Map<String, String> hourlyHeightRow(DataQuery q, Instant t) {
    Station station = q.station();
    long minute = t.getEpochSecond() / 60;
    Map<String, String> row = new LinkedHashMap<>(8);
    row.put("t", time(q, t));
    row.put("v", Formats.trimmed(q.units().length(observedAboveStnd(station, t) - datum(q)), 3));
    row.put("s", Formats.trimmed(q.units().length(sigma(station, minute)), 3));
    row.put("f", "0,0");
    return row;
  }

  private double sigma(Station station, long minute) {
    return 0.005 + 0.025 * noise.uniform(Noise.stream(station.id(), "wl-sigma"), minute);
  }

  private List<Map<String, String>> observedExtremes(DataQuery q, Instant last) {
    Station station = q.station();
    List<Map<String, String>> rows = new ArrayList<>();
    if (last.isBefore(q.begin())) {
      return rows;
    }
    List<Extreme> extremes =
        Extremes.find(
            m -> smoothObservedAboveStnd(station, m),
            q.begin().minus(Duration.ofDays(1)),
            last.plus(Duration.ofDays(1)));
    List<String> labels = Extremes.labels(extremes);
    for (int i = 0; i < extremes.size(); i++) {
      Extreme e = extremes.get(i);
      if (e.time().isBefore(q.begin()) || e.time().isAfter(last)) {
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>(8);
      row.put("t", time(q, e.time()));
      row.put("v", Formats.trimmed(q.units().length(e.height() - datum(q)), 3));
      row.put("ty", labels.get(i));
      row.put("f", "0,0");
      rows.add(row);
    }
    return rows;
  }

  // ---- predictions ----------------------------------------------------------------------------

  private Map<String, String> predictionRow(DataQuery q, Instant t) {
    Map<String, String> row = new LinkedHashMap<>(4);
    row.put("t", time(q, t));
    row.put("v", Formats.fixed(q.units().length(predictedAboveStnd(q.station(), t) - datum(q)), 3));
    return row;
  }

  private List<Map<String, String>> predictedExtremes(DataQuery q) {
    Station station = q.station();
    double msl = station.datums().get("MSL");
    List<Map<String, String>> rows = new ArrayList<>();
    for (Extreme e : Extremes.find(station.tideModel()::heightAboveMsl, q.begin(), q.end())) {
      Map<String, String> row = new LinkedHashMap<>(4);
      row.put("t", time(q, e.time()));
      row.put("v", Formats.fixed(q.units().length(msl + e.height() - datum(q)), 3));
      row.put("type", e.high() ? "H" : "L");
      rows.add(row);
    }
    return rows;
  }

  // ---- meteorology ----------------------------------------------------------------------------

  private Map<String, String> metRow(DataQuery q, Instant t) {
    Station station = q.station();
    long minute = t.getEpochSecond() / 60;
    boolean gap = isGap(station, "met-gap", minute);
    Map<String, String> row = new LinkedHashMap<>(8);
    row.put("t", time(q, t));
    if (q.product() == Product.WIND) {
      if (gap) {
        row.put("s", "");
        row.put("d", "");
        row.put("dr", "");
        row.put("g", "");
        row.put("f", "1,1");
        return row;
      }
      double speed = windSpeed(station, minute);
      double direction = windDirection(station, minute);
      double gust = speed * 1.35 + 1.2 * noise.uniform(Noise.stream(station.id(), "gust"), minute);
      row.put("s", Formats.fixed(q.units().speed(speed), 1));
      row.put("d", Formats.fixed(direction, 1));
      row.put("dr", compass(direction));
      row.put("g", Formats.fixed(q.units().speed(gust), 1));
      row.put("f", "0,0");
      return row;
    }
    if (gap) {
      row.put("v", "");
      row.put("f", "1,1,1");
      return row;
    }
    double value;
    switch (q.product()) {
      case AIR_TEMPERATURE:
        value = q.units().temperature(airTemperature(station, minute));
        break;
      case WATER_TEMPERATURE:
        value = q.units().temperature(waterTemperature(station, minute));
        break;
      default:
        value = airPressure(station, minute);
        break;
    }
    row.put("v", Formats.fixed(value, 1));
    row.put("f", "0,0,0");
    return row;
  }

  private double airTemperature(Station station, long minute) {
    double lat = Math.abs(station.lat());
    double mean = 27 - 0.8 * (lat - 24);
    double seasonal = 2 + 0.25 * (lat - 24);
    double localSolarHours = ((minute / 60.0) + station.lng() / 15.0) % 24;
    double diurnal = 2.0 * Math.cos(2 * Math.PI * (localSolarHours - 15) / 24);
    return mean
        - seasonal * Math.cos(2 * Math.PI * (dayOfYear(minute) - 20) / 365.25)
        + diurnal
        + weather(station, "air", minute, 2.0)
        + 0.15 * noise.centered(Noise.stream(station.id(), "air"), minute);
  }

  private double waterTemperature(Station station, long minute) {
    double lat = Math.abs(station.lat());
    double mean = 29 - 0.7 * (lat - 24);
    double seasonal = 1.5 + 0.15 * (lat - 24);
    double value =
        mean
            - seasonal * Math.cos(2 * Math.PI * (dayOfYear(minute) - 50) / 365.25)
            + weather(station, "water", minute, 0.3);
    return Math.max(-1.8, value);
  }

  private double airPressure(Station station, long minute) {
    return 1015
        + weather(station, "pressure", minute, 9.0)
        + 0.2 * noise.centered(Noise.stream(station.id(), "pressure"), minute);
  }

  private double windSpeed(Station station, long minute) {
    double base = 4 + weather(station, "wind", minute, 3.0);
    double gustiness = 1.2 * noise.centered(Noise.stream(station.id(), "wind"), minute);
    return Math.max(0, base + gustiness);
  }

  private double windDirection(Station station, long minute) {
    double direction =
        240
            + 30 * weather(station, "wind-dir", minute, 3.0)
            + 25 * noise.centered(Noise.stream(station.id(), "wind-dir"), minute);
    return Math.floorMod(Math.round(direction), 360);
  }

  /** Slow swings (days) of amplitude about {@code amplitude}, specific to station and quantity. */
  private double weather(Station station, String quantity, long minute, double amplitude) {
    long stream = Noise.stream(station.id(), "weather-" + quantity);
    double sum = 0;
    double[] periodsDays = {1.3, 3.7, 8.9};
    double[] weights = {0.2, 0.5, 0.3};
    for (int k = 0; k < periodsDays.length; k++) {
      double phase = 2 * Math.PI * noise.uniform(stream, k);
      sum += weights[k] * Math.sin(2 * Math.PI * minute / (periodsDays[k] * DAY_MINUTES) + phase);
    }
    return amplitude * sum;
  }

  private static double dayOfYear(long minute) {
    return (minute / DAY_MINUTES) % 365.25;
  }

  static String compass(double degrees) {
    int index = (int) Math.floor(((degrees % 360) + 11.25) / 22.5) % 16;
    return COMPASS[index];
  }

  // ---- shared ---------------------------------------------------------------------------------

  private boolean isGap(Station station, String purpose, long minute) {
    return gapRate > 0 && noise.uniform(Noise.stream(station.id(), purpose), minute) < gapRate;
  }

  private static double datum(DataQuery q) {
    return q.station()
        .datum(q.datum())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "datum " + q.datum() + " was not validated for " + q.station()));
  }

  private static String time(DataQuery q, Instant t) {
    return LocalDateTime.ofInstant(t, q.zone()).format(Formats.ROW_TIME);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
