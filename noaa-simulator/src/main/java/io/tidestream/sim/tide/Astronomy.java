package io.tidestream.sim.tide;

/**
 * Mean astronomical longitudes (degrees) for the equilibrium arguments of tidal constituents, after
 * Schureman's "Manual of Harmonic Analysis and Prediction of Tides" (polynomials truncated to the
 * linear term, which is plenty for a simulator).
 *
 * @param tau mean lunar time, {@code 15 * UT hours + 180 + h - s}
 * @param s mean longitude of the moon
 * @param h mean longitude of the sun
 * @param p longitude of the lunar perigee
 * @param n longitude of the moon's ascending node
 * @param p1 longitude of the solar perigee
 */
record Astronomy(double tau, double s, double h, double p, double n, double p1) {

  private static final double J2000_EPOCH_SECOND = 946_728_000.0; // 2000-01-01T12:00:00Z

  static Astronomy at(double epochSecond) {
    double days = (epochSecond - J2000_EPOCH_SECOND) / 86_400.0;
    double t = days / 36_525.0;
    double s = 218.3164477 + 481_267.88123421 * t;
    double h = 280.46646 + 36_000.76983 * t;
    double p = 83.3532465 + 4_069.0137287 * t;
    double n = 125.04452 - 1_934.136261 * t;
    double p1 = 282.93735 + 1.71946 * t;
    double utHours =
        Math.floorMod((long) Math.floor(epochSecond), 86_400L) / 3600.0
            + (epochSecond - Math.floor(epochSecond)) / 3600.0;
    double tau = 15.0 * utHours + 180.0 + h - s;
    return new Astronomy(tau, s, h, p, n, p1);
  }
}
