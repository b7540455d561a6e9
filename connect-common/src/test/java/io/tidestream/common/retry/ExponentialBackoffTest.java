package io.tidestream.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

  @Test
  void doublesUpToTheCapWithJitterInUpperHalf() {
    ExponentialBackoff low =
        new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.0);
    ExponentialBackoff high =
        new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.999999);
    assertThat(low.delayMillis(1)).isEqualTo(50);
    assertThat(high.delayMillis(1)).isEqualTo(100);
    assertThat(low.delayMillis(3)).isEqualTo(200);
    assertThat(high.delayMillis(3)).isEqualTo(400);
    assertThat(low.delayMillis(40)).isEqualTo(2500);
    assertThat(high.delayMillis(40)).isEqualTo(5000);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
        .hasMessageContaining("positive");
    assertThatThrownBy(
            () -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
        .hasMessageContaining("must not be smaller");
  }
}
