package io.tidestream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order of the measured throughput rounds and how each sink round is judged. Raw and sink
 * rounds alternate (raw, sink, raw, sink, … raw), so every sink round has a raw round right before
 * and right after it; its ratio is its steady rate over the mean of those two. A ceiling that still
 * drifts then moves both sides of a ratio alike, where a ratio of medians taken minutes apart would
 * not. Each repetition starts one writer later than the one before, so no writer always runs first
 * (on the coldest engine) or last.
 */
final class RoundPairing {

  private RoundPairing() {}

  /** One round: the raw ceiling (no writer) or the sink as {@code writer}. */
  record Step(Optional<Writer> writer, int repetition) {
    static Step raw(int repetition) {
      return new Step(Optional.empty(), repetition);
    }

    boolean isRaw() {
      return writer.isEmpty();
    }
  }

  /** Raw, then each writer followed by a raw round, per repetition; repetitions from 1. */
  static List<Step> schedule(List<Writer> writers, int repetitions) {
    List<Step> steps = new ArrayList<>();
    steps.add(Step.raw(1));
    for (int rep = 1; rep <= repetitions; rep++) {
      for (int k = 0; k < writers.size(); k++) {
        Writer w = writers.get((k + rep - 1) % writers.size());
        steps.add(new Step(Optional.of(w), rep));
        steps.add(Step.raw(rep));
      }
    }
    return steps;
  }

  /**
   * The ratio of every sink round in {@code rounds} (in the order they ran) to the raw rounds next
   * to it: the mean of the nearest raw round before and after it, or the one of them there is.
   *
   * @throws BenchException when a sink round has no raw round on either side
   */
  static List<BenchResults.RoundRatio> ratios(List<BenchResults.Throughput> rounds) {
    List<BenchResults.RoundRatio> ratios = new ArrayList<>();
    for (int i = 0; i < rounds.size(); i++) {
      BenchResults.Throughput sink = rounds.get(i);
      if (sink.ceiling()) {
        continue;
      }
      double before = nearestRaw(rounds, i, -1);
      double after = nearestRaw(rounds, i, +1);
      double reference;
      if (Double.isNaN(before) && Double.isNaN(after)) {
        throw new BenchException(
            "The sink round "
                + sink.writer()
                + " (repetition "
                + sink.repetition()
                + ") has no raw round next to it to be compared with");
      } else if (Double.isNaN(before)) {
        reference = after;
      } else if (Double.isNaN(after)) {
        reference = before;
      } else {
        reference = (before + after) / 2;
      }
      ratios.add(
          new BenchResults.RoundRatio(
              sink.writer(),
              sink.repetition(),
              sink.steadyRate(),
              before,
              after,
              sink.steadyRate() / reference));
    }
    return ratios;
  }

  private static double nearestRaw(List<BenchResults.Throughput> rounds, int from, int step) {
    for (int j = from + step; j >= 0 && j < rounds.size(); j += step) {
      if (rounds.get(j).ceiling()) {
        return rounds.get(j).steadyRate();
      }
    }
    return Double.NaN;
  }
}
