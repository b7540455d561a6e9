package io.tidestream.elastic.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.common.retry.ExponentialBackoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineHealthTest {

  /** Backoff without randomness at its ceiling: 100, 200, 400, … ms, capped at 1 s. */
  private final EngineHealth health =
      new EngineHealth(
          new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999));

  @Test
  void upUntilAnAttemptFails() {
    assertThat(health.isDown()).isFalse();
    assertThat(health.downSeconds(5_000)).isZero();
    assertThat(health.probeDue(5_000)).isFalse();
    assertThat(health.notBeforeMs()).isZero();
    assertThat(health.cause()).isNull();
  }

  @Test
  void goingDownIsSaidOnceThenEveryThirtySeconds() {
    assertThat(health.down("ConnectException", 1_000)).isEqualTo(EngineHealth.Report.WENT_DOWN);
    assertThat(health.down("ConnectException", 2_000)).isEqualTo(EngineHealth.Report.NOTHING);
    assertThat(health.down("ConnectException", 30_999)).isEqualTo(EngineHealth.Report.NOTHING);
    assertThat(health.down("HTTP 503", 31_000)).isEqualTo(EngineHealth.Report.STILL_DOWN);
    assertThat(health.down("HTTP 503", 32_000)).isEqualTo(EngineHealth.Report.NOTHING);
    assertThat(health.down("HTTP 503", 61_000)).isEqualTo(EngineHealth.Report.STILL_DOWN);
    assertThat(health.failures()).isEqualTo(6);
    assertThat(health.cause()).isEqualTo("HTTP 503");
    assertThat(health.downSeconds(61_999)).isEqualTo(60);
  }

  @Test
  void eachFailedAttemptBacksOffTheNextUpToTheCap() {
    health.down("x", 0);
    assertThat(health.notBeforeMs()).isEqualTo(100);
    health.down("x", 100);
    assertThat(health.notBeforeMs()).isEqualTo(300);
    health.down("x", 300);
    assertThat(health.notBeforeMs()).isEqualTo(700);
    for (int i = 0; i < 10; i++) {
      health.down("x", 10_000);
    }
    assertThat(health.notBeforeMs()).isEqualTo(11_000);
  }

  @Test
  void aProbeIsDueOnlyWhileDownAndAfterTheBackoff() {
    health.down("x", 1_000);
    assertThat(health.probeDue(1_099)).isFalse();
    assertThat(health.probeDue(1_100)).isTrue();
    health.up(1_200);
    assertThat(health.probeDue(5_000)).isFalse();
  }

  @Test
  void comingBackUpReturnsTheOutageAndResetsTheBackoff() {
    assertThat(health.up(500)).as("was up").isEqualTo(-1);
    health.down("x", 1_000);
    health.down("x", 1_100);
    assertThat(health.up(4_500)).isEqualTo(3_500);
    assertThat(health.isDown()).isFalse();
    assertThat(health.cause()).isNull();
    assertThat(health.failures()).isZero();
    assertThat(health.downSeconds(10_000)).isZero();
    // the next outage starts its backoff from the beginning and is said again at once
    assertThat(health.down("y", 5_000)).isEqualTo(EngineHealth.Report.WENT_DOWN);
    assertThat(health.notBeforeMs()).isEqualTo(5_100);
  }
}
