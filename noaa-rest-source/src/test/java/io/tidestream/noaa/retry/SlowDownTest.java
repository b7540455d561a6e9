package io.tidestream.noaa.retry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlowDownTest {

  @Test
  void doublesOnEach429UpToTheCapAndRecoversAfterCalmAnswers() {
    SlowDown s = new SlowDown();
    assertThat(s.factor()).isEqualTo(1);
    s.throttled();
    assertThat(s.factor()).isEqualTo(2);
    for (int i = 0; i < 10; i++) {
      s.throttled();
    }
    assertThat(s.factor()).isEqualTo(SlowDown.MAX_FACTOR);
    for (int i = 0; i < SlowDown.CALM_ANSWERS - 1; i++) {
      s.answered();
    }
    assertThat(s.factor()).isEqualTo(SlowDown.MAX_FACTOR);
    s.answered();
    assertThat(s.factor()).isEqualTo(SlowDown.MAX_FACTOR / 2);
  }
}
