package io.tidestream.sim.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.common.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatorClockTest {

  private final ManualClock wall = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));

  @Test
  void dataNowIsRoundedDownToTheSixMinuteGrid() {
    SimulatorClock clock = SimulatorClock.pinned(Instant.parse("2025-06-01T12:11:59Z"));

    assertThat(clock.dataNow()).isEqualTo(Instant.parse("2025-06-01T12:06:00Z"));
  }

  @Test
  void aPinnedClockStandsStillUntilMoved() {
    SimulatorClock clock = SimulatorClock.pinned(Instant.parse("2025-06-01T00:00:00Z"), wall);

    wall.advance(Duration.ofHours(5));
    Instant still = clock.now();
    clock.advance(Duration.ofMinutes(42));

    assertThat(still).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
    assertThat(clock.now()).isEqualTo(Instant.parse("2025-06-01T00:42:00Z"));
  }

  @Test
  void aFastClockRunsThatManyTimesTheWallClock() {
    SimulatorClock clock =
        SimulatorClock.following(wall, Instant.parse("2025-06-01T00:00:00Z"), 60);

    wall.advance(Duration.ofSeconds(30));
    Instant afterHalfAMinute = clock.now();
    clock.setSpeed(1);
    wall.advance(Duration.ofSeconds(30));

    assertThat(afterHalfAMinute).isEqualTo(Instant.parse("2025-06-01T00:30:00Z"));
    assertThat(clock.now()).isEqualTo(Instant.parse("2025-06-01T00:30:30Z"));
  }

  @Test
  void aReleasedClockRunsOnFromWhereItWasPinned() {
    SimulatorClock clock = SimulatorClock.following(wall, Instant.parse("2025-06-01T00:00:00Z"), 1);
    clock.pin(Instant.parse("2025-07-01T00:00:00Z"));
    wall.advance(Duration.ofMinutes(10));

    clock.release();
    wall.advance(Duration.ofMinutes(1));

    assertThat(clock.now()).isEqualTo(Instant.parse("2025-07-01T00:01:00Z"));
  }

  @Test
  void refusesANonPositiveSpeed() {
    assertThatThrownBy(() -> SimulatorClock.running(Instant.EPOCH, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }
}
