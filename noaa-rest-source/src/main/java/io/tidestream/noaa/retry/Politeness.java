package io.tidestream.noaa.retry;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pieces that keep a task polite besides its turns in the request schedule ({@link
 * io.tidestream.noaa.pace.RequestSlots}): the ban breaker (resilience4j) and the per-unit retry
 * backoff (the project's shared policy). Each task builds its own; there is no shared static state.
 */
public final class Politeness {

  private Politeness() {}

  /** Capped, jittered exponential backoff of one unit's retries (shared policy). */
  public static ExponentialBackoff retryBackoff(Duration initial, Duration max) {
    return new ExponentialBackoff(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The ban cool-down for the n-th consecutive ban (1-based): initial, doubling, capped. */
  public static IntervalFunction banCooldown(Duration initial, Duration max) {
    return IntervalFunction.ofExponentialBackoff(initial, 2.0, max);
  }

  /**
   * Opens on the first 403 ban and stays open for a cool-down that doubles on each repeated ban;
   * after it, one request probes. Only {@link NoaaErrorKind#BANNED} counts as a failure.
   */
  public static CircuitBreaker banBreaker(
      String name, Duration initial, Duration max, Clock clock) {
    return CircuitBreaker.of(
        name,
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(1)
            .minimumNumberOfCalls(1)
            .failureRateThreshold(100)
            .permittedNumberOfCallsInHalfOpenState(1)
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .waitIntervalFunctionInOpenState(banCooldown(initial, max))
            .recordException(
                e -> e instanceof NoaaApiException n && n.kind() == NoaaErrorKind.BANNED)
            .clock(clock)
            .build());
  }
}
