package io.tidestream.sim.data;

import java.util.Optional;

/**
 * The {@code interval} parameter: a step in minutes, or {@code hilo} for predicted highs and lows.
 * {@code h} is 60 minutes.
 */
public record Interval(int minutes, boolean hilo) {

  public static final Interval SIX_MINUTES = new Interval(6, false);
  public static final Interval HOURLY = new Interval(60, false);
  public static final Interval HILO = new Interval(0, true);

  /** Parses the parameter as NOAA accepts it for {@code product}; empty when it is not allowed. */
  public static Optional<Interval> parse(String value, Product product) {
    if (value == null || value.isBlank()) {
      return Optional.of(defaultFor(product));
    }
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    switch (product.kind()) {
      case PREDICTIONS:
        switch (v) {
          case "hilo":
            return Optional.of(HILO);
          case "h":
          case "60":
            return Optional.of(HOURLY);
          case "1":
          case "5":
          case "6":
          case "10":
          case "15":
          case "30":
            return Optional.of(new Interval(Integer.parseInt(v), false));
          default:
            return Optional.empty();
        }
      case MET:
        switch (v) {
          case "6":
            return Optional.of(SIX_MINUTES);
          case "h":
            return Optional.of(HOURLY);
          default:
            return Optional.empty();
        }
      default:
        // NOAA ignores interval on water level products.
        return Optional.of(defaultFor(product));
    }
  }

  public static Interval defaultFor(Product product) {
    switch (product) {
      case HOURLY_HEIGHT:
        return HOURLY;
      case HIGH_LOW:
        return HILO;
      default:
        return SIX_MINUTES;
    }
  }
}
