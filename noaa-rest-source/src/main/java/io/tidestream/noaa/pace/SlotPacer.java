package io.tidestream.noaa.pace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Paces the connector's own metadata requests (validate(), start-up, discovery) on the grid of the
 * connector-wide schedule: each one waits for the start of a slot, at or after the moment it asks
 * and after the slot of the previous one, so they go one at a time, at most one per slot. Used by
 * one connector instance; thread safe (concurrent callers take slots in turn).
 */
public final class SlotPacer {

  /** Sleeps; {@code Thread::sleep} in production, a clock-advancing fake in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private Instant last = Instant.MIN;

  public SlotPacer(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Waits for the next slot of {@code rate} and returns true, or returns false at once when that
   * slot starts after {@code deadline}.
   */
  public synchronized boolean awaitSlotBefore(double rate, Instant deadline)
      throws InterruptedException {
    Instant slot = nextSlot(rate);
    if (slot.isAfter(deadline)) {
      return false;
    }
    sleepUntil(slot);
    return true;
  }

  /**
   * Waits for the next slot of {@code rate}, but at most {@code limit}: at very low rates (a slot
   * period above the limit) the request goes after the limit, off the grid.
   */
  public synchronized void awaitSlotAtMost(double rate, Duration limit)
      throws InterruptedException {
    Instant slot = nextSlot(rate);
    Instant latest = clock.instant().plus(limit);
    sleepUntil(slot.isAfter(latest) ? latest : slot);
  }

  private Instant nextSlot(double rate) {
    Instant now = clock.instant();
    Instant from = last.isBefore(now) ? now : last.plusNanos(1);
    return RequestSlots.slotStartAtOrAfter(rate, from);
  }

  private void sleepUntil(Instant t) throws InterruptedException {
    Duration wait = Duration.between(clock.instant(), t);
    if (wait.compareTo(Duration.ZERO) > 0) {
      sleeper.sleep(wait);
    }
    last = t;
  }
}
