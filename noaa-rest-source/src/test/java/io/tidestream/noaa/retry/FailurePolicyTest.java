package io.tidestream.noaa.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.plan.Window;
import io.tidestream.noaa.retry.NextStep.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {

  static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  static final Duration RECHECK = Duration.ofHours(24);

  /** Backoff without jitter: failure n waits 2^(n-1) s. */
  private final FailurePolicy policy =
      new FailurePolicy(
          new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5), () -> 0.0), RECHECK);

  private static FailurePolicy.Failure failure(NoaaErrorKind kind) {
    return new FailurePolicy.Failure(
        kind, Optional.empty(), true, false, 1, 1, Optional.of(Duration.ofDays(15)));
  }

  private NextStep decide(FailurePolicy.Failure f) {
    return policy.decide(f, "sig", NOW);
  }

  @Test
  void aTransientFailureRetriesAfterTheBackoffOfItsNumberInTheStreak() {
    NextStep first = decide(failure(NoaaErrorKind.TRANSIENT));
    NextStep third =
        decide(
            new FailurePolicy.Failure(
                NoaaErrorKind.TRANSIENT, Optional.empty(), true, true, 1, 3, Optional.empty()));

    assertThat(first.action()).isEqualTo(Action.RETRY_AFTER);
    assertThat(first.delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(first.failure()).isEqualTo(1);
    assertThat(first.strike()).as("a transient failure is no strike").isNull();
    assertThat(third.action())
        .as("an outage of transient errors still just retries")
        .isEqualTo(Action.RETRY_AFTER);
    assertThat(third.delay()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void a429SlowsTheTaskDownForRetryAfterOrElseTheBackoff() {
    NextStep asked =
        decide(
            new FailurePolicy.Failure(
                NoaaErrorKind.THROTTLED,
                Optional.of(Duration.ofMinutes(30)),
                false,
                false,
                1,
                2,
                Optional.empty()));
    NextStep unasked =
        decide(
            new FailurePolicy.Failure(
                NoaaErrorKind.THROTTLED, Optional.empty(), false, false, 1, 2, Optional.empty()));

    assertThat(asked.action()).isEqualTo(Action.SLOW_DOWN);
    assertThat(asked.delay()).isEqualTo(Duration.ofMinutes(30));
    assertThat(asked.askedByNoaa()).isTrue();
    assertThat(asked.countsFailure()).isTrue();
    assertThat(unasked.delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(unasked.askedByNoaa()).isFalse();
  }

  @Test
  void aBanWaitsForTheBreakerAndCountsNothing() {
    NextStep step = decide(failure(NoaaErrorKind.BANNED));

    assertThat(step.action()).isEqualTo(Action.AWAIT_BREAKER);
    assertThat(step.countsFailure()).isFalse();
    assertThat(step.strike()).isNull();
  }

  @Test
  void noDataForARecentWindowIsAnEmptyWindowWithoutStrikeOrFailure() {
    NextStep step =
        decide(
            new FailurePolicy.Failure(
                NoaaErrorKind.NO_DATA, Optional.empty(), false, false, 1, 1, Optional.empty()));

    assertThat(step.action()).isEqualTo(Action.EMPTY_WINDOW);
    assertThat(step.strike()).isNull();
    assertThat(step.countsFailure()).isFalse();
  }

  @Test
  void noDataForAnOldWindowIsAskedForOnceMoreThenMovedPast() {
    NextStep first =
        decide(
            new FailurePolicy.Failure(
                NoaaErrorKind.NO_DATA, Optional.empty(), true, false, 1, 1, Optional.empty()));
    NextStep second =
        decide(
            new FailurePolicy.Failure(
                NoaaErrorKind.NO_DATA, Optional.empty(), true, false, 2, 2, Optional.empty()));

    assertThat(first.action()).isEqualTo(Action.ASK_AGAIN);
    assertThat(first.delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(first.strike()).isEqualTo("sig");
    assertThat(first.countsFailure()).isTrue();
    assertThat(second.action()).isEqualTo(Action.EMPTY_WINDOW);
  }

  @Test
  void noDataOnMostUnitsForAnOldWindowIsAnOutageNotAMovePast() {
    NextStep step =
        decide(
            new FailurePolicy.Failure(
                NoaaErrorKind.NO_DATA, Optional.empty(), true, true, 2, 2, Optional.empty()));

    assertThat(step.action()).isEqualTo(Action.OUTAGE);
    assertThat(step.delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(step.strike()).as("an outage is not the unit's own strike").isNull();
  }

  @Test
  void aRangeErrorNarrowsTheWindowUntilItCannotThenQuarantines() {
    NextStep narrow = decide(failure(NoaaErrorKind.RANGE_LIMIT));
    NextStep narrowest =
        decide(
            new FailurePolicy.Failure(
                NoaaErrorKind.RANGE_LIMIT, Optional.empty(), true, false, 1, 1, Optional.empty()));

    assertThat(narrow.action()).isEqualTo(Action.NARROW);
    assertThat(narrow.span()).isEqualTo(Duration.ofDays(15));
    assertThat(narrowest.action()).isEqualTo(Action.QUARANTINE);
    assertThat(narrowest.until()).isEqualTo(NOW.plus(RECHECK));
  }

  @Test
  void aParameterErrorIsRetriedOnceThenQuarantinesUnlessMostUnitsGetIt() {
    for (NoaaErrorKind kind :
        new NoaaErrorKind[] {NoaaErrorKind.DATUM, NoaaErrorKind.WRONG_PARAMETER}) {
      NextStep first = decide(failure(kind));
      NextStep second =
          decide(
              new FailurePolicy.Failure(
                  kind, Optional.empty(), true, false, 2, 2, Optional.empty()));
      NextStep outage =
          decide(
              new FailurePolicy.Failure(
                  kind, Optional.empty(), true, true, 2, 2, Optional.empty()));

      assertThat(first.action()).as("%s once", kind).isEqualTo(Action.RETRY_AFTER);
      assertThat(first.strike()).isEqualTo("sig");
      assertThat(second.action()).as("%s twice", kind).isEqualTo(Action.QUARANTINE);
      assertThat(second.until()).isEqualTo(NOW.plus(RECHECK));
      assertThat(second.countsFailure()).isFalse();
      assertThat(outage.action()).as("%s on most units", kind).isEqualTo(Action.OUTAGE);
    }
  }

  @Test
  void onlyErrorsThatCanMeanAnOutageAreCountedTowardsOne() {
    assertThat(FailurePolicy.countsTowardOutage(NoaaErrorKind.NO_DATA, true)).isTrue();
    assertThat(FailurePolicy.countsTowardOutage(NoaaErrorKind.NO_DATA, false)).isFalse();
    assertThat(FailurePolicy.countsTowardOutage(NoaaErrorKind.TRANSIENT, false)).isTrue();
    assertThat(FailurePolicy.countsTowardOutage(NoaaErrorKind.DATUM, false)).isTrue();
    assertThat(FailurePolicy.countsTowardOutage(NoaaErrorKind.WRONG_PARAMETER, false)).isTrue();
    assertThat(FailurePolicy.countsTowardOutage(NoaaErrorKind.RANGE_LIMIT, true)).isFalse();
    assertThat(FailurePolicy.countsTowardOutage(NoaaErrorKind.THROTTLED, true)).isFalse();
    assertThat(FailurePolicy.countsTowardOutage(NoaaErrorKind.BANNED, true)).isFalse();
  }

  @Test
  void noDataStrikesAreCountedPerWindowOtherErrorsBySignature() {
    Window w =
        new Window(
            Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2025-12-31T23:59:00Z"), false);

    assertThat(FailurePolicy.strikeSignature(NoaaErrorKind.NO_DATA, "NO_DATA:x", w))
        .isEqualTo("NO_DATA 2025-12-01T00:00:00Z");
    assertThat(FailurePolicy.strikeSignature(NoaaErrorKind.DATUM, "DATUM:x", w))
        .isEqualTo("DATUM:x");
  }

  @Test
  void aRetryIsWorthAWarningTheFirstTimeAndEveryTenthUnlessTheAnswerWasRejected() {
    assertThat(FailurePolicy.worthWarning(1, false)).isTrue();
    assertThat(FailurePolicy.worthWarning(2, false)).isFalse();
    assertThat(FailurePolicy.worthWarning(9, false)).isFalse();
    assertThat(FailurePolicy.worthWarning(10, false)).isTrue();
    assertThat(FailurePolicy.worthWarning(20, false)).isTrue();
    assertThat(FailurePolicy.worthWarning(1, true)).isFalse();
  }
}
