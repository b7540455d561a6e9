package io.tidestream.noaa.config;

import io.tidestream.noaa.api.NoaaApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Answers of NOAA's metadata API that validate() relies on (station lists, station details), kept
 * by URL for a while. Connect keeps one connector instance per class for validation, so saving a
 * configuration again (after fixing a typo, or to change tasks.max) asks NOAA nothing new. Failures
 * are not kept. Thread safe: loads run one at a time, which also keeps concurrent validations from
 * asking NOAA at once.
 */
public final class MetadataCache {

  /** Loads one answer; paces itself and may give up when validation runs out of time. */
  @FunctionalInterface
  public interface Loader<T> {
    T load() throws NoaaApiException, ConfigChecks.OutOfTime, InterruptedException;
  }

  private record Entry(Object value, Instant fetched) {}

  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Entry> entries = new HashMap<>();

  /**
   * @param ttl how long an answer is kept at most
   */
  public MetadataCache(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * The answer stored under {@code key} if it is younger than {@code maxAge} (and than the cache's
   * own time to live), else a fresh one from {@code loader}, stored.
   */
  @SuppressWarnings("unchecked")
  public synchronized <T> T get(String key, Duration maxAge, Loader<T> loader)
      throws NoaaApiException, ConfigChecks.OutOfTime, InterruptedException {
    Instant now = clock.instant();
    entries.values().removeIf(e -> !e.fetched().plus(ttl).isAfter(now));
    Entry e = entries.get(key);
    if (e != null && e.fetched().plus(maxAge).isAfter(now)) {
      return (T) e.value();
    }
    T value = loader.load();
    entries.put(key, new Entry(value, clock.instant()));
    return value;
  }
}
