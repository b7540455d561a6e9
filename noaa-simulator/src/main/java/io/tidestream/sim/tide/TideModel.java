package io.tidestream.sim.tide;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The astronomical tide at one station, as NOAA predicts it: the sum of its harmonic constituents
 * about mean sea level, {@code h(t) = sum f(t) * A * cos(V(t) + u(t) - kappa)} with amplitude
 * {@code A}, Greenwich phase lag {@code kappa} ({@code phase_GMT}), equilibrium argument {@code V}
 * and nodal corrections {@code f}, {@code u} (see {@link Doodson}).
 *
 * <p>A constituent the simulator does not know by name falls back to {@code A * cos(speed * (t -
 * EPOCH) - kappa)}. Times are instants (UTC).
 */
public final class TideModel {

  /** Time origin for constituents without a known equilibrium argument. */
  public static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  private final List<Constituent> constituents;
  private final double[] amplitude;
  private final double[] speedRadPerMinute;
  private final double[] phaseRad;
  private final Doodson[] doodson;

  public TideModel(List<Constituent> constituents) {
    this.constituents = List.copyOf(Objects.requireNonNull(constituents, "constituents"));
    int n = this.constituents.size();
    amplitude = new double[n];
    speedRadPerMinute = new double[n];
    phaseRad = new double[n];
    doodson = new Doodson[n];
    for (int i = 0; i < n; i++) {
      Constituent c = this.constituents.get(i);
      amplitude[i] = c.amplitudeMetres();
      speedRadPerMinute[i] = Math.toRadians(c.speedDegreesPerHour()) / 60.0;
      phaseRad[i] = Math.toRadians(c.phaseGmtDegrees());
      doodson[i] = Doodson.forName(c.name());
    }
  }

  public List<Constituent> constituents() {
    return constituents;
  }

  /** Height above mean sea level, in metres, at {@code instant}. */
  public double heightAboveMsl(Instant instant) {
    return heightAboveMsl(minutesSinceEpoch(instant));
  }

  /** Height above mean sea level, in metres, {@code minutes} after {@link #EPOCH}. */
  public double heightAboveMsl(double minutes) {
    Astronomy astronomy = Astronomy.at(EPOCH.getEpochSecond() + minutes * 60.0);
    double sum = 0;
    for (int i = 0; i < amplitude.length; i++) {
      Doodson d = doodson[i];
      if (d == null) {
        sum += amplitude[i] * Math.cos(speedRadPerMinute[i] * minutes - phaseRad[i]);
      } else {
        sum +=
            d.factor(astronomy)
                * amplitude[i]
                * Math.cos(Math.toRadians(d.argument(astronomy)) - phaseRad[i]);
      }
    }
    return sum;
  }

  public static double minutesSinceEpoch(Instant instant) {
    return (instant.getEpochSecond() - EPOCH.getEpochSecond()) / 60.0;
  }
}
