package io.tidestream.bench;

import java.util.List;

/**
 * Decides when the engine has warmed up: its raw {@code _bulk} rate rose from about 19,000 to
 * 43,000 docs/s over successive loads of one run (issue #13), so a ratio against an early load
 * measures the engine's warm-up, not the sink. The engine is warm when two consecutive loads are
 * within {@code tolerance} of each other (the difference over the smaller of the two).
 */
record Plateau(double tolerance, int maxLoads) {

  /** Two consecutive loads within 5%, at most 8 loads. */
  static final Plateau DEFAULT = new Plateau(0.05, 8);

  Plateau {
    if (tolerance <= 0 || maxLoads < 2) {
      throw new IllegalArgumentException(
          "a plateau needs a positive tolerance and at least 2 loads");
    }
  }

  /** What to do after the loads so far. */
  enum Next {
    /** The last two loads are within the tolerance: measure. */
    REACHED,
    /** Not yet, and loads are left: load again. */
    LOAD_AGAIN,
    /** Not within {@code maxLoads}: measure anyway and say so. */
    GAVE_UP
  }

  Next next(List<Double> rates) {
    if (rates.size() >= 2 && within(rates.get(rates.size() - 2), rates.get(rates.size() - 1))) {
      return Next.REACHED;
    }
    return rates.size() >= maxLoads ? Next.GAVE_UP : Next.LOAD_AGAIN;
  }

  boolean within(double a, double b) {
    return Math.abs(a - b) <= tolerance * Math.min(a, b);
  }

  /** The plateau's rate: the mean of the last two loads (NaN with fewer than two). */
  static double rate(List<Double> rates) {
    int n = rates.size();
    return n < 2 ? Double.NaN : (rates.get(n - 2) + rates.get(n - 1)) / 2;
  }
}
