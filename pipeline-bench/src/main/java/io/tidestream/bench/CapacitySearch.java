package io.tidestream.bench;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Decides the streaming-capacity search's next rate from the trials so far: step up by {@value
 * #STEP_UP}× from the start while rates are sustainable, halve while they are not, then bisect
 * between the highest sustainable rate and the lowest unsustainable one above it until they are
 * within {@value #RESOLUTION} of each other or the time budget is spent. Pure: the trials and the
 * time left come in, a rate (or done) comes out.
 */
final class CapacitySearch {

  static final double STEP_UP = 1.4;
  static final double RESOLUTION = 0.10;

  /** Below this rate there is nothing worth measuring: the search gives up. */
  static final double MIN_RATE = 50;

  private CapacitySearch() {}

  /**
   * The next rate to try, or empty when the search is done: the bracket is narrow enough, no time
   * is left for another trial of {@code secondsPerTrial}, or even {@link #MIN_RATE} was too much.
   */
  static OptionalDouble next(
      double start, List<CapacityTrial> trials, double secondsLeft, double secondsPerTrial) {
    if (secondsLeft < secondsPerTrial) {
      return OptionalDouble.empty();
    }
    if (trials.isEmpty()) {
      return OptionalDouble.of(Math.max(MIN_RATE, start));
    }
    double bad = lowestUnsustainable(trials);
    double good = capacity(trials);
    if (Double.isNaN(good)) {
      double half = bad / 2;
      return half < MIN_RATE ? OptionalDouble.empty() : OptionalDouble.of(half);
    }
    if (Double.isInfinite(bad)) {
      return OptionalDouble.of(good * STEP_UP);
    }
    if (bad / good - 1 <= RESOLUTION) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((good + bad) / 2);
  }

  /**
   * The capacity the trials show: the highest sustainable rate below the lowest unsustainable one
   * (a later success above an earlier failure is noise and does not count); NaN when none was
   * sustainable.
   */
  static double capacity(List<CapacityTrial> trials) {
    double bad = lowestUnsustainable(trials);
    return trials.stream()
        .filter(CapacityTrial::sustainable)
        .mapToDouble(CapacityTrial::offered)
        .filter(r -> r < bad)
        .max()
        .orElse(Double.NaN);
  }

  /**
   * The lowest unsustainable rate above the capacity: the search's upper bracket; infinite when
   * every rate tried was sustainable (the capacity is then only a lower bound).
   */
  static double lowestUnsustainable(List<CapacityTrial> trials) {
    return trials.stream()
        .filter(t -> !t.sustainable())
        .mapToDouble(CapacityTrial::offered)
        .min()
        .orElse(Double.POSITIVE_INFINITY);
  }
}
