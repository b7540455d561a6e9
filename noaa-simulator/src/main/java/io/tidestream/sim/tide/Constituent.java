package io.tidestream.sim.tide;

import java.util.Objects;

/**
 * One harmonic constituent as NOAA publishes it: amplitude in metres, Greenwich phase lag ({@code
 * phase_GMT}) in degrees and angular speed in degrees per hour.
 */
public record Constituent(
    String name,
    String description,
    double amplitudeMetres,
    double phaseGmtDegrees,
    double speedDegreesPerHour) {

  public Constituent {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    if (amplitudeMetres < 0) {
      throw new IllegalArgumentException(
          "amplitude of " + name + " must not be negative: " + amplitudeMetres);
    }
  }

  /** Builds a constituent from a NOAA harcon entry given in feet. */
  public static Constituent fromFeet(
      String name, String description, double amplitudeFeet, double phaseGmt, double speed) {
    return new Constituent(
        name, description, amplitudeFeet * Units.METRES_PER_FOOT, phaseGmt, speed);
  }

  /** Standard speeds (degrees per hour) of the constituents the simulator uses by name. */
  public static double standardSpeed(String name) {
    switch (name) {
      case "M2":
        return 28.984104;
      case "S2":
        return 30.0;
      case "N2":
        return 28.43973;
      case "K2":
        return 30.082138;
      case "K1":
        return 15.041069;
      case "O1":
        return 13.943035;
      case "P1":
        return 14.958931;
      case "Q1":
        return 13.398661;
      case "M4":
        return 57.96821;
      case "SA":
        return 0.0410686;
      default:
        throw new IllegalArgumentException("no standard speed known for constituent " + name);
    }
  }

  /** A constituent with its standard speed; amplitude given in feet like NOAA's harcon pages. */
  public static Constituent standard(String name, double amplitudeFeet, double phaseGmt) {
    return fromFeet(name, "", amplitudeFeet, phaseGmt, standardSpeed(name));
  }

  /** Unit helper constants shared by the tide and data packages. */
  public static final class Units {
    public static final double METRES_PER_FOOT = 0.3048;

    private Units() {}
  }
}
