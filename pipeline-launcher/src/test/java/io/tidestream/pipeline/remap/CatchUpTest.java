package io.tidestream.pipeline.remap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatchUpTest {

  @Test
  void caughtUpOnlyWhenEveryPartitionReachesTheReference() {
    Map<String, Long> old = Map.of("t-0", 100L, "t-1", 50L);
    assertThat(CatchUp.compare(Map.of("t-0", 100L, "t-1", 49L), old))
        .isEqualTo(new CatchUp.Lag(149, 1, false));
    assertThat(CatchUp.compare(Map.of("t-0", 120L, "t-1", 50L), old))
        .isEqualTo(new CatchUp.Lag(170, 0, true));
    // a partition the follower has not committed yet counts from 0; being ahead elsewhere does
    // not make up for it
    assertThat(CatchUp.compare(Map.of("t-0", 500L), old))
        .isEqualTo(new CatchUp.Lag(500, 50, false));
    assertThat(CatchUp.compare(Map.of(), Map.of()).caughtUp()).isTrue();
  }

  @Test
  void closeEnoughToPauseWhenTheGapIsWhatTheOldTakesInWithinTheWindow() {
    CatchUp.Lag behind40 = new CatchUp.Lag(1000, 40, false);
    Duration window = Duration.ofSeconds(12);
    // 20 records a second: 240 within the window
    assertThat(CatchUp.closeEnough(behind40, 20, window, 10)).isTrue();
    assertThat(CatchUp.closeEnough(new CatchUp.Lag(1000, 241, false), 20, window, 10)).isFalse();
    // an idle reference: only the floor
    assertThat(CatchUp.closeEnough(behind40, 0, window, 10)).isFalse();
    assertThat(CatchUp.closeEnough(behind40, 0, window, 40)).isTrue();
    assertThat(CatchUp.closeEnough(new CatchUp.Lag(1000, 0, true), 0, window, 0)).isTrue();
  }

  @Test
  void etaFollowsThePaceSinceTheLastReading() {
    CatchUp.Lag before = new CatchUp.Lag(1000, 3000, false);
    CatchUp.Lag now = new CatchUp.Lag(2000, 2000, false);
    assertThat(CatchUp.eta(before, now, Duration.ofSeconds(5))).contains(Duration.ofSeconds(10));
    assertThat(CatchUp.eta(now, now, Duration.ofSeconds(5))).isEmpty();
    assertThat(CatchUp.format(Optional.of(Duration.ofSeconds(75)))).isEqualTo("1:15");
    assertThat(CatchUp.format(Optional.empty())).isEqualTo("?");
    assertThat(CatchUp.progressLine("s-v2", "s", now, Optional.of(Duration.ofSeconds(10))))
        .isEqualTo("  s-v2: 2,000 records replayed, 2,000 behind s, ETA 0:10");
  }
}
