package io.tidestream.lag.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.lag.model.LagSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollStateTest {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void servesNothingBeforeTheFirstGoodPoll() {
    PollState s = PollState.initial(Duration.ofSeconds(60)).failed(Duration.ofSeconds(30));
    assertThat(s.served(T0)).isEmpty();
    assertThat(s.lastPollOk()).isFalse();
    assertThat(s.pollsFailed()).isEqualTo(1);
  }

  @Test
  void aFailedPollKeepsTheLastSnapshotUntilItIsStale() {
    LagSnapshot snapshot = new LagSnapshot(List.of(), List.of(), T0);
    PollState s =
        PollState.initial(Duration.ofSeconds(60))
            .succeeded(snapshot, Duration.ofMillis(20))
            .failed(Duration.ofSeconds(30));

    assertThat(s.lastPollOk()).isFalse();
    assertThat(s.served(T0.plusSeconds(60))).contains(snapshot);
    assertThat(s.served(T0.plusSeconds(61))).isEmpty();
    assertThat(s.lastSuccess()).contains(T0);
    assertThat(s.pollsOk()).isEqualTo(1);
  }

  @Test
  void aGoodPollReplacesTheSnapshot() {
    LagSnapshot first = new LagSnapshot(List.of(), List.of(), T0);
    LagSnapshot second = new LagSnapshot(List.of(), List.of(), T0.plusSeconds(10));
    PollState s =
        PollState.initial(Duration.ofSeconds(60))
            .succeeded(first, Duration.ZERO)
            .succeeded(second, Duration.ofMillis(7));

    assertThat(s.served(T0.plusSeconds(10))).contains(second);
    assertThat(s.lastPollDuration()).isEqualTo(Duration.ofMillis(7));
    assertThat(s.lastPollOk()).isTrue();
  }
}
