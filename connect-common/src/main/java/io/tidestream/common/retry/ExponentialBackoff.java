package io.tidestream.common.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Jittered exponential backoff: attempt {@code n} (1-based) waits a random time in {@code [d/2, d]}
 * where {@code d = min(max, initial * 2^(n-1))} ("equal jitter"). Stateless and thread-safe; the
 * random source is injected so tests are deterministic.
 */
public final class ExponentialBackoff {

  private final long initialMs;
  private final long maxMs;
  private final DoubleSupplier random;

  /**
   * @param initial delay before the first retry (before jitter), positive
   * @param max cap of any single delay, at least {@code initial}
   * @param random source of uniform values in {@code [0, 1)}, e.g. {@code
   *     ThreadLocalRandom.current()::nextDouble}
   */
  public ExponentialBackoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "max backoff " + max + " must not be smaller than initial backoff " + initial);
    }
    this.initialMs = initial.toMillis();
    this.maxMs = max.toMillis();
    this.random = random;
  }

  /** Delay in milliseconds before retry number {@code attempt} (1 = first retry). */
  public long delayMillis(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
    }
    int shift = Math.min(attempt - 1, 30);
    long ceiling = initialMs << shift;
    if (ceiling <= 0 || ceiling > maxMs) {
      ceiling = maxMs;
    }
    long half = ceiling / 2;
    long span = ceiling - half;
    return half + Math.min(span, (long) (random.getAsDouble() * (span + 1)));
  }

  public long initialMillis() {
    return initialMs;
  }

  public long maxMillis() {
    return maxMs;
  }
}
