package io.tidestream.noaa.task;

/**
 * Slows a task down after NOAA answered 429: beyond honouring Retry-After, the task uses only
 * every {@link #factor()}-th of its turns in the connector's schedule, twice as few after each
 * further 429 (up to 1 in 16), and twice as many again after every {@value #CALM_ANSWERS}
 * answers without one.
 */
final class SlowDown {

  static final int MAX_FACTOR = 16;
  static final int CALM_ANSWERS = 50;

  private int factor = 1;
  private int calm;

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

  /** Use one turn in this many (1: every turn). */
  int factor() {
    return factor;
  }
}
