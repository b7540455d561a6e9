package io.tidestream.sim.tide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Finds the highs and lows of a smooth water-level curve to the minute, the resolution of NOAA's
 * {@code interval=hilo} predictions and {@code high_low} product.
 */
public final class Extremes {

  private static final int COARSE_STEP_MINUTES = 6;

  private Extremes() {}

  /**
   * Highs and lows with times in {@code [from, to]}, oldest first.
   *
   * @param curve height as a function of minutes since {@link TideModel#EPOCH}
   */
  public static List<Extreme> find(DoubleUnaryOperator curve, Instant from, Instant to) {
    long first = (long) Math.floor(TideModel.minutesSinceEpoch(from));
    long last = (long) Math.ceil(TideModel.minutesSinceEpoch(to));
    long start =
        Math.floorDiv(first, COARSE_STEP_MINUTES) * COARSE_STEP_MINUTES - 2L * COARSE_STEP_MINUTES;
    List<Extreme> found = new ArrayList<>();
    double previous = curve.applyAsDouble(start);
    double current = curve.applyAsDouble(start + COARSE_STEP_MINUTES);
    for (long m = start + COARSE_STEP_MINUTES;
        m <= last + COARSE_STEP_MINUTES;
        m += COARSE_STEP_MINUTES) {
      double next = curve.applyAsDouble(m + COARSE_STEP_MINUTES);
      boolean high = current >= previous && current > next;
      boolean low = current <= previous && current < next;
      if (high || low) {
        long best = refine(curve, m, high);
        if (best >= first && best <= last) {
          found.add(
              new Extreme(TideModel.EPOCH.plusSeconds(best * 60), curve.applyAsDouble(best), high));
        }
      }
      previous = current;
      current = next;
    }
    return found;
  }

  private static long refine(DoubleUnaryOperator curve, long around, boolean high) {
    long best = around;
    double bestValue = curve.applyAsDouble(around);
    for (long m = around - COARSE_STEP_MINUTES; m <= around + COARSE_STEP_MINUTES; m++) {
      double v = curve.applyAsDouble(m);
      if (high ? v > bestValue : v < bestValue) {
        best = m;
        bestValue = v;
      }
    }
    return best;
  }

  /**
   * NOAA's high_low labels: of consecutive highs the higher one is {@code HH}, the other {@code H};
   * likewise {@code LL} and {@code L} for lows.
   */
  public static List<String> labels(List<Extreme> extremes) {
    List<String> labels = new ArrayList<>(extremes.size());
    for (int i = 0; i < extremes.size(); i++) {
      Extreme e = extremes.get(i);
      Extreme before = sameKind(extremes, i, -1);
      Extreme after = sameKind(extremes, i, +1);
      boolean higherHigh = e.high() && beats(e, before, true) && beats(e, after, true);
      boolean lowerLow = !e.high() && beats(e, before, false) && beats(e, after, false);
      if (e.high()) {
        labels.add(higherHigh ? "HH" : "H");
      } else {
        labels.add(lowerLow ? "LL" : "L");
      }
    }
    return labels;
  }

  private static boolean beats(Extreme e, Extreme other, boolean high) {
    if (other == null) {
      return true;
    }
    return high ? e.height() >= other.height() : e.height() <= other.height();
  }

  private static Extreme sameKind(List<Extreme> extremes, int index, int direction) {
    for (int i = index + direction; i >= 0 && i < extremes.size(); i += direction) {
      if (extremes.get(i).high() == extremes.get(index).high()) {
        return extremes.get(i);
      }
    }
    return null;
  }
}
