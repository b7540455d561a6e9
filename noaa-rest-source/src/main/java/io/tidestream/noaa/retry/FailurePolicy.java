package io.tidestream.noaa.retry;

import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.plan.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where retries are decided: a failed request (its error kind, the unit's counts, the outage
 * detector's verdict, the clock) becomes a {@link NextStep}. Pure: it changes nothing and logs
 * nothing; the scheduler acts on the step and counts what it says on the unit.
 *
 * <table>
 *   <caption>error kind to next step</caption>
 *   <tr><th>kind</th><th>next step</th></tr>
 *   <tr><td>TRANSIENT</td><td>retry after the unit's backoff</td></tr>
 *   <tr><td>THROTTLED (429)</td><td>slow down: the task pauses for Retry-After (or the
 *       backoff)</td></tr>
 *   <tr><td>BANNED (403)</td><td>wait for the ban breaker</td></tr>
 *   <tr><td>NO_DATA</td><td>a recent window: empty window (held); an old one: outage when most
 *       units get it, else ask once more, then move past it</td></tr>
 *   <tr><td>RANGE_LIMIT</td><td>halve the span, or quarantine at the narrowest span</td></tr>
 *   <tr><td>DATUM, WRONG_PARAMETER</td><td>outage when most units get it; else retry once,
 *       quarantine on the same error twice</td></tr>
 * </table>
 */
public final class FailurePolicy {

  /** A parameter error repeated this many times in a row quarantines the unit. */
  public static final int STRIKES_TO_QUARANTINE = 2;

  private final ExponentialBackoff backoff;
  private final Duration quarantineRecheck;

  public FailurePolicy(ExponentialBackoff backoff, Duration quarantineRecheck) {
    this.backoff = backoff;
    this.quarantineRecheck = quarantineRecheck;
  }

  /**
   * One failed request, with what the decision needs.
   *
   * @param kind the error kind
   * @param retryAfter NOAA's Retry-After, if it sent one
   * @param settles an empty answer for this window would move past it (older than the lateness)
   * @param outage the outage detector counts this error on most units (only asked when {@link
   *     #countsTowardOutage} says so; false otherwise)
   * @param strike the count of this error in a row on the unit, if it were counted now ({@code
   *     UnitState.strikeIfRepeated}); the signature is {@link #strikeSignature}
   * @param failure the number this failure would have in the unit's streak (failures so far + 1)
   * @param narrower half the unit's span, empty at the narrowest span
   */
  public record Failure(
      NoaaErrorKind kind,
      Optional<Duration> retryAfter,
      boolean settles,
      boolean outage,
      int strike,
      int failure,
      Optional<Duration> narrower) {}

  /** Whether this error is noted by the outage detector before deciding. */
  public static boolean countsTowardOutage(NoaaErrorKind kind, boolean settles) {
    return switch (kind) {
      case NO_DATA -> settles; // a recent empty window is normal, not a sign of an outage
      case DATUM, WRONG_PARAMETER, TRANSIENT -> true;
      case RANGE_LIMIT, THROTTLED, BANNED -> false;
    };
  }

  /**
   * What counts as "the same error again" on one unit: NOAA's error signature, or for "No data" the
   * window it was about.
   */
  public static String strikeSignature(NoaaErrorKind kind, String errorSignature, Window w) {
    return kind == NoaaErrorKind.NO_DATA ? "NO_DATA " + w.begin() : errorSignature;
  }

  /** The next step for failure {@code f} at {@code now}; {@code strike} is its strike signature. */
  public NextStep decide(Failure f, String strike, Instant now) {
    return switch (f.kind()) {
      case NO_DATA -> {
        if (!f.settles()) {
          // A recent window: empty is normal (the next sample is not published yet), and holding
          // it loses nothing whatever the cause, so it says nothing about an outage.
          yield NextStep.emptyWindow(null);
        } else if (f.outage()) {
          yield NextStep.outage(backoff(f.failure()), f.failure());
        } else if (f.strike() < STRIKES_TO_QUARANTINE) {
          // The first units to meet a NOAA outage can't tell it from an empty window yet; moving
          // the watermark past an old window now would lose its rows for good. Ask once more
          // after the backoff: by then the outage detector has heard from the other units.
          yield NextStep.askAgain(backoff(f.failure()), f.failure(), strike);
        } else {
          yield NextStep.emptyWindow(strike);
        }
      }
      case RANGE_LIMIT ->
          f.narrower().isPresent()
              ? NextStep.narrow(f.narrower().get())
              : NextStep.quarantine(now.plus(quarantineRecheck), null);
      case DATUM, WRONG_PARAMETER -> {
        if (f.outage()) {
          yield NextStep.outage(backoff(f.failure()), f.failure());
        } else if (f.strike() >= STRIKES_TO_QUARANTINE) {
          yield NextStep.quarantine(now.plus(quarantineRecheck), strike);
        } else {
          yield NextStep.retryAfter(backoff(f.failure()), f.failure(), strike);
        }
      }
      case THROTTLED -> {
        Duration backoffWait = backoff(f.failure());
        yield NextStep.slowDown(
            f.retryAfter().orElse(backoffWait), f.failure(), f.retryAfter().isPresent());
      }
      case BANNED -> NextStep.awaitBreaker();
      case TRANSIENT -> NextStep.retryAfter(backoff(f.failure()), f.failure(), null);
    };
  }

  /**
   * Whether a retry of failure {@code n} in a row is worth a WARN line: the first, and every tenth
   * after it (the others go to DEBUG). A rejected answer is said once per streak elsewhere.
   */
  public static boolean worthWarning(int n, boolean rejectedAnswer) {
    return !rejectedAnswer && (n == 1 || n % 10 == 0);
  }

  private Duration backoff(int failure) {
    return Duration.ofMillis(backoff.delayMillis(failure));
  }
}
