package io.tidestream.lag.poll;

import io.tidestream.lag.model.LagSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a poll every {@code interval} on one thread and keeps the resulting {@link PollState} for
 * the HTTP server to read. Logs the first failure and the recovery, not every failed poll.
 */
public final class Poller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final Callable<LagSnapshot> poll;
  private final Duration interval;
  private final String source;
  private final Clock clock;
  private final AtomicReference<PollState> state;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "lag-poller");
            t.setDaemon(true);
            return t;
          });

  /** {@code source} names what is polled, for log lines (e.g. the bootstrap servers). */
  public Poller(
      Callable<LagSnapshot> poll,
      Duration interval,
      Duration staleAfter,
      String source,
      Clock clock) {
    this.poll = poll;
    this.interval = interval;
    this.source = source;
    this.clock = clock;
    this.state = new AtomicReference<>(PollState.initial(staleAfter));
  }

  public void start() {
    thread.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  public PollState state() {
    return state.get();
  }

  /** One poll: the next state, logged when the outcome changes. */
  void pollOnce() {
    Instant t0 = clock.instant();
    PollState before = state.get();
    try {
      LagSnapshot snapshot = poll.call();
      PollState after = before.succeeded(snapshot, Duration.between(t0, clock.instant()));
      state.set(after);
      if (before.pollsFailed() > 0 && !before.lastPollOk()) {
        log.info(
            "Reading consumer group offsets from Kafka at {} again ({} groups, {} partitions)",
            source,
            snapshot.groups().size(),
            snapshot.partitions().size());
      } else if (before.pollsOk() == 0) {
        log.info(
            "First poll of Kafka at {}: {} groups, {} partitions, in {} ms",
            source,
            snapshot.groups().size(),
            snapshot.partitions().size(),
            after.lastPollDuration().toMillis());
      }
    } catch (Exception e) {
      state.set(before.failed(Duration.between(t0, clock.instant())));
      if (before.lastPollOk() || before.pollsFailed() == 0) {
        log.warn(
            "Cannot read consumer group offsets from Kafka at {}: {}. lag_exporter_up is 0 until a"
                + " poll succeeds, and the lag series vanish {} s after the last good poll. Check"
                + " that Kafka runs and that --bootstrap-servers (and --command-config) reach it.",
            source,
            describe(e),
            before.staleAfter().toSeconds());
      }
      log.debug("Poll failed", e);
    } catch (Error e) {
      log.error("Poll failed", e);
      throw e;
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
