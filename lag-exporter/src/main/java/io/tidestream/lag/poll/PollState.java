package io.tidestream.lag.poll;

import io.tidestream.lag.model.LagSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the exporter knows after its polls so far, and what it serves from that: the last snapshot
 * while it is younger than {@code staleAfter} (so one failed poll leaves no gap in the series, and
 * an alert's {@code for:} keeps running), nothing once it is older (a lag that stood still because
 * Kafka could not be asked must not look like a lag that stands still). Immutable; each poll
 * returns the next state.
 */
public record PollState(
    Optional<LagSnapshot> last,
    boolean lastPollOk,
    Optional<Instant> lastSuccess,
    Duration lastPollDuration,
    long pollsOk,
    long pollsFailed,
    Duration staleAfter) {

  public static PollState initial(Duration staleAfter) {
    return new PollState(
        Optional.empty(), false, Optional.empty(), Duration.ZERO, 0, 0, staleAfter);
  }

  public PollState succeeded(LagSnapshot snapshot, Duration took) {
    return new PollState(
        Optional.of(snapshot),
        true,
        Optional.of(snapshot.takenAt()),
        took,
        pollsOk + 1,
        pollsFailed,
        staleAfter);
  }

  public PollState failed(Duration took) {
    return new PollState(last, false, lastSuccess, took, pollsOk, pollsFailed + 1, staleAfter);
  }

  /**
   * The snapshot to serve at {@code now}: the last one, unless it is older than {@code staleAfter}.
   */
  public Optional<LagSnapshot> served(Instant now) {
    return last.filter(s -> !s.takenAt().plus(staleAfter).isBefore(now));
  }
}
