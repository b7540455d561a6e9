package io.tidestream.bench;

import java.util.List;

/**
 * The streaming part of a run: the capacity search's trials and the capacity found, then the
 * latency windows at shares of that capacity. Times in milliseconds, rates in records per second.
 *
 * @param converter the latency connector's {@code value.converter} ("worker default" when the
 *     worker's JsonConverter with schemas was used)
 * @param windowSeconds length of each latency window
 * @param metricSampleWindowMs the worker's {@code metrics.sample.window.ms} during the run
 * @param metricSamples the worker's {@code metrics.num.samples} during the run
 * @param trials the capacity search's trials in the order they ran (empty when the capacity was
 *     given on the command line)
 * @param capacity the highest sustainable streaming rate found (or given)
 * @param windows the latency windows, rate point by rate point
 */
record LatencyResults(
    String converter,
    long windowSeconds,
    long metricSampleWindowMs,
    int metricSamples,
    List<CapacityTrial> trials,
    double capacity,
    List<Window> windows) {

  /** The share of the capacity that is the headline point. */
  static final double HEADLINE_SHARE = 0.5;

  /**
   * One latency window at {@code rate} ({@code share} of the capacity): produce→acknowledged from
   * the sink's {@code record-ack-latency} (the worst task's), produce→searchable from the probes.
   * {@code unseen} probes were never found; NaN where nothing was measured.
   */
  record Window(
      double share,
      double rate,
      int window,
      double producedRate,
      long probes,
      long unseen,
      double ackP50,
      double ackP99,
      double ackMax,
      double searchP50,
      double searchP99,
      double searchMax) {}

  /** The windows at {@code share} of the capacity, in order. */
  List<Window> at(double share) {
    return windows.stream().filter(w -> Math.abs(w.share() - share) < 1e-9).toList();
  }

  /** The shares measured, lowest first. */
  List<Double> shares() {
    return windows.stream().map(Window::share).distinct().sorted().toList();
  }
}
