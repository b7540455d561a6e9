package io.tidestream.noaa.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Spots a NOAA-side outage: the same error, within a short window, on most of a task's units. NOAA
 * once answered every predictions request with "No Predictions data was found" for a day; that is
 * not each unit's configuration being wrong.
 */
public final class OutageDetector {

  /** Fewer units than this can't tell an outage from a unit's own problem. */
  public static final int MIN_UNITS = 3;

  private final Clock clock;
  private final Duration window;
  private final double fraction;
  private final int totalUnits;

  /** signature -> (unit key -> last seen). */
  private final Map<String, Map<String, Instant>> seen = new HashMap<>();

  public OutageDetector(Clock clock, Duration window, double fraction, int totalUnits) {
    this.clock = clock;
    this.window = window;
    this.fraction = fraction;
    this.totalUnits = totalUnits;
  }

  /** Notes that {@code unit} got the error {@code signature}; returns whether it is an outage. */
  public boolean record(String unit, String signature) {
    Instant now = clock.instant();
    Instant horizon = now.minus(window);
    seen.values().forEach(m -> m.values().removeIf(t -> t.isBefore(horizon)));
    seen.values().removeIf(Map::isEmpty);
    Map<String, Instant> units = seen.computeIfAbsent(signature, k -> new HashMap<>());
    units.put(unit, now);
    return isOutage(signature);
  }

  /** A unit answered normally: it no longer counts towards any outage. */
  public void recovered(String unit) {
    seen.values().forEach(m -> m.remove(unit));
  }

  public boolean isOutage(String signature) {
    int n = seen.getOrDefault(signature, Map.of()).size();
    return totalUnits >= MIN_UNITS && n >= MIN_UNITS && n >= Math.ceil(fraction * totalUnits);
  }

  public int count(String signature) {
    return seen.getOrDefault(signature, Map.of()).size();
  }
}
