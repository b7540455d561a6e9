package io.tidestream.noaa.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlowDownTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void doublesOnEach429UpToTheCapAndRecoversAfterCalmAnswers() {
    SlowDown s = new SlowDown(Duration.ofSeconds(1));
    assertThat(s.allows(T)).isTrue();
    s.sent(T);
    s.throttled();
    assertThat(s.allows(T.plusMillis(1999))).isFalse();
    assertThat(s.allows(T.plusSeconds(2))).isTrue();
    for (int i = 0; i < 10; i++) {
      s.throttled();
    }
    assertThat(s.factor()).isEqualTo(SlowDown.MAX_FACTOR);
    for (int i = 0; i < SlowDown.CALM_ANSWERS; i++) {
      s.answered();
    }
    assertThat(s.factor()).isEqualTo(SlowDown.MAX_FACTOR / 2);
  }
}
