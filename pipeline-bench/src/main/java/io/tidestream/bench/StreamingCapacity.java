package io.tidestream.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Measures the pipeline's sustainable streaming rate: the bench's producer writes at a fixed rate
 * while the sink (2 tasks) indexes; each trial is a warm-up and a measured window, judged by {@link
 * CapacityTrial#judge}; {@link CapacitySearch} picks the next rate within a time budget. Between
 * trials the sink works off what is left, so every trial starts on an empty backlog.
 */
final class StreamingCapacity {

  static final Duration WARM_UP = Duration.ofSeconds(5);
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private final StreamingLoad stream;
  private final PrintStream console;

  StreamingCapacity(StreamingLoad stream, PrintStream console) {
    this.stream = stream;
    this.console = console;
  }

  /** Trials from {@code start} records/s until the search is done or {@code budget} is spent. */
  List<CapacityTrial> search(double start, Duration window, Duration budget) {
    List<CapacityTrial> trials = new ArrayList<>();
    long t0 = System.nanoTime();
    double perTrial = WARM_UP.toSeconds() + window.toSeconds() + 5; // first guess, then measured
    console.printf(
        Locale.ROOT,
        "Streaming capacity: %d s warm-up + %d s window per rate, budget %d s ...%n",
        WARM_UP.toSeconds(),
        window.toSeconds(),
        budget.toSeconds());
    while (true) {
      double elapsed = (System.nanoTime() - t0) / 1e9;
      OptionalDouble rate =
          CapacitySearch.next(start, trials, budget.toSeconds() - elapsed, perTrial);
      if (rate.isEmpty()) {
        break;
      }
      long trialStart = System.nanoTime();
      CapacityTrial trial = trial(Math.round(rate.getAsDouble()), window);
      trials.add(trial);
      perTrial = Math.max(perTrial, (System.nanoTime() - trialStart) / 1e9);
    }
    console.printf(
        Locale.ROOT,
        "  capacity: %s%,.0f records/s (%d trials, %.0f s)%n",
        Double.isInfinite(CapacitySearch.lowestUnsustainable(trials)) ? "at least " : "",
        CapacitySearch.capacity(trials),
        trials.size(),
        (System.nanoTime() - t0) / 1e9);
    return trials;
  }

  private CapacityTrial trial(double rate, Duration window) {
    stream.produce(rate, WARM_UP, null);
    long produced0 = stream.produced();
    long indexed0 = stream.indexed();
    double seconds = stream.produce(rate, window, null);
    long produced1 = stream.produced();
    long indexed1 = stream.indexed();
    CapacityTrial t =
        CapacityTrial.judge(
            rate,
            seconds,
            produced1 - produced0,
            indexed1 - indexed0,
            produced0 - indexed0,
            produced1 - indexed1);
    long left = stream.drain(DRAIN_TIMEOUT);
    console.printf(
        Locale.ROOT,
        "  offered %,7.0f/s  produced %,7.0f/s  indexed %,7.0f/s  backlog %,d -> %,d  %s%s%n",
        t.offered(),
        t.producedRate(),
        t.indexedRate(),
        t.backlogStart(),
        t.backlogEnd(),
        t.sustainable() ? "sustainable" : "NOT sustainable",
        left > 0 ? " (" + left + " still waiting after " + DRAIN_TIMEOUT.toSeconds() + " s)" : "");
    return t;
  }
}
