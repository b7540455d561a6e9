package io.tidestream.sim.data;

import io.tidestream.sim.tide.Constituent;
import java.util.Locale;
import java.util.Optional;

/** The {@code units} parameter. */
public enum UnitSystem {
  METRIC,
  ENGLISH;

  public static Optional<UnitSystem> parse(String value) {
    if (value == null || value.isBlank()) {
      return Optional.of(METRIC);
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "metric":
        return Optional.of(METRIC);
      case "english":
        return Optional.of(ENGLISH);
      default:
        return Optional.empty();
    }
  }

  /** Metres to this system's length unit (metres or feet). */
  public double length(double metres) {
    return this == METRIC ? metres : metres / Constituent.Units.METRES_PER_FOOT;
  }

  /** Degrees Celsius to this system's temperature unit. */
  public double temperature(double celsius) {
    return this == METRIC ? celsius : celsius * 9 / 5 + 32;
  }

  /** Metres per second to this system's wind speed unit (m/s or knots). */
  public double speed(double metresPerSecond) {
    return this == METRIC ? metresPerSecond : metresPerSecond * 1.943844;
  }
}
