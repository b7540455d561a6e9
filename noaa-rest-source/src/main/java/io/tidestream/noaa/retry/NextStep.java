package io.tidestream.noaa.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * What happens to a unit after a failed request, as decided by {@link FailurePolicy}; the task's
 * scheduler acts on it.
 *
 * @param action what to do
 * @param delay how long the unit waits ({@link Action#RETRY_AFTER}, {@link Action#ASK_AGAIN},
 *     {@link Action#OUTAGE}; the task-wide pause of {@link Action#SLOW_DOWN}), else null
 * @param until the end of a {@link Action#QUARANTINE}, else null
 * @param span the narrower window of {@link Action#NARROW}, else null
 * @param failure the number of this failure in a row when the step counts one (the caller adds it
 *     to the unit), else 0
 * @param strike the error signature the caller counts as a repeated strike on the unit, else null
 * @param askedByNoaa {@link Action#SLOW_DOWN}: the pause is NOAA's Retry-After
 */
public record NextStep(
    Action action,
    Duration delay,
    Instant until,
    Duration span,
    int failure,
    String strike,
    boolean askedByNoaa) {

  /** The next step's kind. */
  public enum Action {
    /** Try the unit again after the backoff; the other units continue. */
    RETRY_AFTER,
    /** "No data" for a window old enough to move past: ask once more before moving past it. */
    ASK_AGAIN,
    /** Treat the answer as an empty window: hold the watermark, or move past an old window. */
    EMPTY_WINDOW,
    /** NOAA refused the window as too wide: ask for half of it. */
    NARROW,
    /** NOAA keeps rejecting the unit's parameters: set it aside until {@code until}. */
    QUARANTINE,
    /** Most units got the same error: a NOAA outage; hold and retry with backoff. */
    OUTAGE,
    /** 429: the whole task pauses, then uses fewer of its turns. */
    SLOW_DOWN,
    /** 403 ban: the ban breaker holds every request; the unit waits for it. */
    AWAIT_BREAKER
  }

  static NextStep retryAfter(Duration delay, int failure, String strike) {
    return new NextStep(Action.RETRY_AFTER, delay, null, null, failure, strike, false);
  }

  static NextStep askAgain(Duration delay, int failure, String strike) {
    return new NextStep(Action.ASK_AGAIN, delay, null, null, failure, strike, false);
  }

  static NextStep emptyWindow(String strike) {
    return new NextStep(Action.EMPTY_WINDOW, null, null, null, 0, strike, false);
  }

  static NextStep narrow(Duration span) {
    return new NextStep(Action.NARROW, null, null, span, 0, null, false);
  }

  static NextStep quarantine(Instant until, String strike) {
    return new NextStep(Action.QUARANTINE, null, until, null, 0, strike, false);
  }

  static NextStep outage(Duration delay, int failure) {
    return new NextStep(Action.OUTAGE, delay, null, null, failure, null, false);
  }

  static NextStep slowDown(Duration pause, int failure, boolean askedByNoaa) {
    return new NextStep(Action.SLOW_DOWN, pause, null, null, failure, null, askedByNoaa);
  }

  static NextStep awaitBreaker() {
    return new NextStep(Action.AWAIT_BREAKER, null, null, null, 0, null, false);
  }

  /** Whether the caller counts a failure in a row on the unit ({@link #failure} > 0). */
  public boolean countsFailure() {
    return failure > 0;
  }
}
