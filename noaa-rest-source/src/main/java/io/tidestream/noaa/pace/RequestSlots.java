package io.tidestream.noaa.pace;

import java.time.Duration;
import java.time.Instant;

/**
 * The connector-wide schedule of request slots, and one task's share of it.
 *
 * <p>Slot {@code k} starts {@code k / rate} seconds after the epoch (wall clock; Connect workers
 * are NTP-synced). Task {@code i} of {@code n} owns the slots with {@code k mod n == i}: the tasks
 * take turns, each one slot in {@code n}. A task sends at most one request per slot it owns, never
 * before the slot starts and only within the slot's {@linkplain #grace() grace} after it; a task
 * that looks later skips to its next slot, so nothing is caught up in a burst. Its first slot
 * starts at or after the moment the task started, so a new generation of tasks never reuses a slot
 * the previous one may have used.
 *
 * <p>Every slot belongs to one task and the grid depends on the rate only, so two requests of the
 * connector never share a slot, whatever {@code n} and across rebalances. A request of slot {@code
 * k} goes out in {@code [k/rate, k/rate + grace)}, so a window of {@code W} seconds holds requests
 * of slots starting in an open span of {@code W + grace}: at most {@code ceil(rate * W + grace *
 * rate)} of them. The grace is {@code (1 - frac(10 * rate)) / 2} slot periods (half a period when
 * {@code 10 * rate} is a whole number): then every 10-s window holds at most {@code 10 * rate + 1}
 * requests and every 1-s window at most {@code ceil(rate) + 1}, with the other half of that margin
 * left for the network between the task and NOAA. A rate whose tenfold has a fractional part above
 * one half (0.36, 0.999) would leave almost no grace, so the slots run at the rate rounded down to
 * the next multiple of 0.05 with a fractional tenfold of one half (0.35, 0.95): at most 0.05
 * requests/s less, and never less than a quarter period of grace.
 *
 * <p>After a 429 a task uses only every {@code f}-th slot it owns. Decides only; the poll engine
 * waits and sends. Not thread safe: one per task, used by its polling thread.
 */
public final class RequestSlots implements Pacing {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final double rate;
  private final int index;
  private final int count;
  private final long periodNanos;
  private final long graceNanos;
  private final long firstSlot;
  private long lastUsed;
  private boolean used;

  /**
   * @param rate requests per second of the whole connector
   * @param index this task's number, {@code 0 <= index < count}
   * @param count how many tasks share the rate
   * @param notBefore no slot starting before this instant is used (the task's start)
   */
  public RequestSlots(double rate, int index, int count, Instant notBefore) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException(
          "rate must be a positive number of requests per second, was " + rate);
    }
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "task " + index + " of " + count + " is not a task number");
    }
    this.rate = rate;
    this.index = index;
    this.count = count;
    this.periodNanos = periodNanos(rate);
    this.graceNanos = Math.max(1, Math.round(periodNanos * graceFraction(rate)));
    long k = Math.floorDiv(nanos(notBefore) + periodNanos - 1, periodNanos);
    this.firstSlot = ownedAtOrAfter(k);
  }

  /**
   * The rate the slots run at: the configured one, or, when its tenfold has a fractional part above
   * one half, the next lower rate whose tenfold ends in .5.
   */
  public static double slotRate(double rate) {
    double tenfold = rate * 10;
    double whole = Math.floor(tenfold + 1e-9);
    return tenfold - whole > 0.5 + 1e-9 ? (whole + 0.5) / 10 : rate;
  }

  /** Time between two slots of the connector, {@code 1 / slotRate} to the nanosecond. */
  static long periodNanos(double rate) {
    return Math.max(1L, Math.round(NANOS_PER_SECOND / slotRate(rate)));
  }

  /**
   * The part of a slot period a request may be late: half of what {@code 10 * slotRate} leaves
   * below the next whole number (a whole number leaves a whole period), so between 1/4 and 1/2.
   */
  static double graceFraction(double rate) {
    double tenfold = slotRate(rate) * 10;
    double frac = tenfold - Math.floor(tenfold + 1e-9);
    return (1 - (frac < 1e-9 ? 0 : frac)) / 2;
  }

  /** The first slot start at or after {@code t} on the grid of {@code rate}. */
  public static Instant slotStartAtOrAfter(double rate, Instant t) {
    long p = periodNanos(rate);
    long k = Math.floorDiv(nanos(t) + p - 1, p);
    return instant(k * p);
  }

  @Override
  public Instant nextTurn(Instant now, int slowDown) {
    long t = nanos(now);
    long min = minimumSlot(slowDown);
    long k = ownedAtOrBefore(t);
    if (k >= min && t < start(k) + graceNanos) {
      return now;
    }
    long next = k + count;
    if (next < min) {
      next = ownedAtOrAfter(min);
    }
    return instant(start(next));
  }

  @Override
  public void sent(Instant now) {
    lastUsed = ownedAtOrBefore(nanos(now));
    used = true;
  }

  /** The slot a request sent at {@code now} would use, for tests. */
  long slotAt(Instant now) {
    return Math.floorDiv(nanos(now), periodNanos);
  }

  /** Whether slot {@code k} is this task's. */
  boolean owns(long k) {
    return Math.floorMod(k, (long) count) == index;
  }

  /** The start of slot {@code k}. */
  public Instant slotStart(long k) {
    return instant(start(k));
  }

  /** How late after its slot's start a request may still go. */
  public Duration grace() {
    return Duration.ofNanos(graceNanos);
  }

  public double rate() {
    return rate;
  }

  public int index() {
    return index;
  }

  @Override
  public int tasks() {
    return count;
  }

  @Override
  public Duration taskPeriod() {
    return Duration.ofNanos(periodNanos * count);
  }

  private long minimumSlot(int slowDown) {
    if (!used) {
      return firstSlot;
    }
    return Math.max(firstSlot, lastUsed + (long) count * Math.max(1, slowDown));
  }

  /** The latest slot of this task that starts at or before {@code t}. */
  private long ownedAtOrBefore(long t) {
    long k = Math.floorDiv(t, periodNanos);
    return k - Math.floorMod(k - index, (long) count);
  }

  /** The first slot of this task numbered {@code k} or later. */
  private long ownedAtOrAfter(long k) {
    return k + Math.floorMod(index - k, (long) count);
  }

  private long start(long k) {
    return k * periodNanos;
  }

  private static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS_PER_SECOND), t.getNano());
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }
}
