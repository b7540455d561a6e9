package io.tidestream.noaa.retry;

import java.time.Instant;

/**
 * Slows a task down after NOAA answered 429: beyond honouring Retry-After, the task uses only every
 * {@link #factor()}-th of its turns in the connector's schedule, twice as few after each further
 * 429 (up to 1 in 16), and twice as many again after every {@value #CALM_ANSWERS} answers without
 * one. It also holds the task-wide pause itself ({@link #pauseUntil}).
 */
public final class SlowDown {

  public static final int MAX_FACTOR = 16;
  public static final int CALM_ANSWERS = 50;

  private int factor = 1;
  private int calm;
  private Instant pausedUntil = Instant.MIN;

  /** Every request of the task waits until {@code until} (a 429's pause; the later one wins). */
  public void pauseUntil(Instant until) {
    pausedUntil = until.isAfter(pausedUntil) ? until : pausedUntil;
  }

  /** Until when every request of the task waits ({@link Instant#MIN}: no pause). */
  public Instant pausedUntil() {
    return pausedUntil;
  }

  public void throttled() {
    factor = Math.min(factor * 2, MAX_FACTOR);
    calm = 0;
  }

  public void answered() {
    if (factor > 1 && ++calm >= CALM_ANSWERS) {
      factor /= 2;
      calm = 0;
    }
  }

  /** Use one turn in this many (1: every turn). */
  public int factor() {
    return factor;
  }
}
