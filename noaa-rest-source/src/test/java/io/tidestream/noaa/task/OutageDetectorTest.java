package io.tidestream.noaa.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.common.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutageDetectorTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void sameErrorOnMostUnitsWithinTheWindowIsAnOutage() {
    OutageDetector d = new OutageDetector(clock, Duration.ofMinutes(10), 0.6, 5);
    assertThat(d.record("a", "X")).isFalse();
    assertThat(d.record("b", "X")).isFalse();
    assertThat(d.record("c", "Y")).isFalse();
    assertThat(d.record("c", "X")).isTrue(); // 3 of 5 >= 0.6
  }

  @Test
  void oldSightingsExpireAndRecoveredUnitsStopCounting() {
    OutageDetector d = new OutageDetector(clock, Duration.ofMinutes(10), 0.6, 4);
    d.record("a", "X");
    d.record("b", "X");
    clock.advance(Duration.ofMinutes(11));
    assertThat(d.record("c", "X")).isFalse();
    d.record("d", "X");
    d.recovered("c");
    assertThat(d.isOutage("X")).isFalse();
  }

  @Test
  void tooFewUnitsNeverMakeAnOutage() {
    OutageDetector d = new OutageDetector(clock, Duration.ofMinutes(10), 0.5, 2);
    d.record("a", "X");
    assertThat(d.record("b", "X")).isFalse();
  }
}
