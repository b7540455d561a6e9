package io.tidestream.noaa.task;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pieces that keep the connector polite: the request budget and the ban breaker
 * (resilience4j) and the per-unit retry backoff (the project's shared policy). Each task builds
 * its own; there is no shared static state.
 */
public final class Politeness {

  private Politeness() {}

  /**
   * A non-blocking limiter allowing {@code perSecond} requests per second with no bursts.
   * {@code acquirePermission()} answers at once; the task tries again on its next poll.
   */
  public static RateLimiter requestBudget(String name, double perSecond) {
    long periodNanos = Math.max(1L, Math.round(1_000_000_000d / perSecond));
    return RateLimiter.of(
        name,
        RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofNanos(periodNanos))
            .timeoutDuration(Duration.ZERO)
            .build());
  }

  /** Capped, jittered exponential backoff of one unit's retries (shared policy). */
  public static ExponentialBackoff retryBackoff(Duration initial, Duration max) {
    return new ExponentialBackoff(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The ban cool-down for the n-th consecutive ban (1-based): initial, doubling, capped. */
  public static IntervalFunction banCooldown(Duration initial, Duration max) {
    return IntervalFunction.ofExponentialBackoff(initial, 2.0, max);
  }

  /**
   * Opens on the first 403 ban and stays open for a cool-down that doubles on each repeated
   * ban; after it, one request probes. Only {@link NoaaErrorKind#BANNED} counts as a failure.
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
