package io.tidestream.noaa.task;

import java.time.Duration;
import java.time.Instant;

/**
 * Slows a task down after NOAA answered 429: beyond honouring Retry-After, requests are spaced
 * twice as far apart as the budget allows, doubling on each further 429 (up to 16x), and halving
 * back after every {@value #CALM_ANSWERS} answers without one.
 */
final class SlowDown {

  static final int MAX_FACTOR = 16;
  static final int CALM_ANSWERS = 50;

  private final Duration spacing;
  private int factor = 1;
  private int calm;
  private Instant lastSent = Instant.MIN;

  /** @param spacing the time between two requests at the full budget */
  SlowDown(Duration spacing) {
    this.spacing = spacing;
  }

  boolean allows(Instant now) {
    return factor == 1 || !now.isBefore(lastSent.plus(spacing.multipliedBy(factor)));
  }

  void sent(Instant now) {
    lastSent = now;
  }

  void throttled() {
    factor = Math.min(factor * 2, MAX_FACTOR);
    calm = 0;
  }

  void answered() {
    if (factor > 1 && ++calm >= CALM_ANSWERS) {
      factor /= 2;
      calm = 0;
    }
  }

  int factor() {
    return factor;
  }
}
